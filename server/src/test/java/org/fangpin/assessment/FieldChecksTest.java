package org.fangpin.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** A share against its limit, just inside and just outside: compared on the exact fraction, not a rounded share. */
class FieldChecksTest {

    @Test
    void aShareKeepsToItsLimitExactlyAtItAndNotBeyond() {
        BigDecimal twoPercent = new BigDecimal("0.02");
        // 错退率 at most 2 %: 1 of 50 keeps to it, 2 of 50 does not, 1 of 49 (2.04 %) does not
        assertThat(FieldChecks.rate(1, 50, twoPercent, true).met()).isTrue();
        assertThat(FieldChecks.rate(2, 50, twoPercent, true).met()).isFalse();
        assertThat(FieldChecks.rate(1, 49, twoPercent, true).met()).isFalse();
        // rounded to four places 1/49 would read 0.0204, and 1/51 0.0196: the exact fraction decides
        assertThat(FieldChecks.rate(1, 51, twoPercent, true).met()).isTrue();
        assertThat(FieldChecks.rate(1, 51, twoPercent, true).share()).isEqualByComparingTo("0.0196");
        // 认可度 at least 90 %: 45 of 50 keeps to it, 44 of 50 does not
        BigDecimal ninety = new BigDecimal("0.90");
        assertThat(FieldChecks.rate(45, 50, ninety, false).met()).isTrue();
        assertThat(FieldChecks.rate(44, 50, ninety, false).met()).isFalse();
        // nothing to count: no share, neither met nor not
        FieldChecks.CheckRate none = FieldChecks.rate(0, 0, twoPercent, true);
        assertThat(none.share()).isNull();
        assertThat(none.met()).isNull();
    }
}
