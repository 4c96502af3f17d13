package org.fangpin.ip;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The lines of 000:126 at their edges, and the 备案's reminder and deadline around March. */
class IrregularRuleTest {

    static final BigDecimal FIVE_PERCENT = new BigDecimal("0.05");

    @Test
    void fiveInAQuarterIsWithinTheLineSixCrossesIt() {
        assertThat(IrregularRule.judge(new long[] {5, 5, 5, 5}, 1000, 5, FIVE_PERCENT)
                        .warning())
                .isFalse();
        IrregularRule.Verdict six = IrregularRule.judge(new long[] {5, 6, 0, 0}, 1000, 5, FIVE_PERCENT);
        assertThat(six.overQuarters()).containsExactly(2);
        assertThat(six.shareOver()).isFalse();
        assertThat(six.warning()).isTrue();
    }

    @Test
    void fivePercentOfTheYearIsWithinTheLineFivePointOneCrossesIt() {
        // a quarterly limit out of the way, so that only the share decides
        assertThat(IrregularRule.judge(new long[] {50, 0, 0, 0}, 1000, 100, FIVE_PERCENT)
                        .warning())
                .isFalse();
        IrregularRule.Verdict over = IrregularRule.judge(new long[] {51, 0, 0, 0}, 1000, 100, FIVE_PERCENT);
        assertThat(over.shareOver()).isTrue();
        assertThat(over.overQuarters()).isEmpty();
        // notices with no application filed at all exceed any share; none at all never does
        assertThat(IrregularRule.judge(new long[] {1, 0, 0, 0}, 0, 5, FIVE_PERCENT)
                        .shareOver())
                .isTrue();
        assertThat(IrregularRule.judge(new long[] {0, 0, 0, 0}, 0, 5, FIVE_PERCENT)
                        .warning())
                .isFalse();
    }

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
