package org.fangpin.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AlertWriterTest {

    @Test
    void aListedEntryIsAWholeEntryOfTheList() {
        assertThat(AlertWriter.listed("UNINSURED,MEDICAL_BURDEN", "MEDICAL_BURDEN"))
                .isTrue();
        assertThat(AlertWriter.listed("MEDICAL_BURDEN", "MEDICAL_BURDEN")).isTrue();
        assertThat(AlertWriter.listed("ILLNESS_CHRONIC,ILLNESS", "ILLNESS")).isTrue();
        // a prefix, a suffix or a part of an entry is not the entry
        assertThat(AlertWriter.listed("ILLNESS_CHRONIC", "ILLNESS")).isFalse();
        assertThat(AlertWriter.listed("CHRONIC_ILLNESS", "ILLNESS")).isFalse();
        assertThat(AlertWriter.listed("A_ILLNESS_B,DISABILITY", "ILLNESS")).isFalse();
        assertThat(AlertWriter.listed("", "ILLNESS")).isFalse();
        assertThat(AlertWriter.listed(null, "ILLNESS")).isFalse();
    }
}
