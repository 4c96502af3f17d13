package org.fangpin.ip;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The 备案's reminder and deadline around March (000:126: by the end of March). */
class FilingStatusTest {

    @Test
    void theFilingIsRemindedFromTheFirstOfMarchAndOverdueAfterTheThirtyFirst() {
        assertThat(IpMonitoring.status(2025, LocalDate.of(2026, 2, 28), 3, null, null)
                        .remind())
                .isFalse();
        assertThat(IpMonitoring.status(2025, LocalDate.of(2026, 3, 1), 3, null, null)
                        .remind())
                .isTrue();
        IpMonitoring.FilingStatus last = IpMonitoring.status(2025, LocalDate.of(2026, 3, 31), 3, null, null);
        assertThat(last.remind()).isTrue();
        assertThat(last.overdue()).isFalse();
        assertThat(last.dueOn()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(IpMonitoring.status(2025, LocalDate.of(2026, 4, 1), 3, null, null)
                        .overdue())
                .isTrue();
        // prepared, or nothing to file: neither
        IpMonitoring.FilingStatus done = IpMonitoring.status(2025, LocalDate.of(2026, 4, 1), 3, Instant.now(), "u");
        assertThat(done.remind() || done.overdue()).isFalse();
        assertThat(IpMonitoring.status(2025, LocalDate.of(2026, 3, 5), 0, null, null)
                        .remind())
                .isFalse();
    }
}
