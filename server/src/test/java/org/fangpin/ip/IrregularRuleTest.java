package org.fangpin.ip;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines of 000:126 at their edges. */
class IrregularRuleTest {

    static final BigDecimal FIVE_PERCENT = new BigDecimal("0.05");

    @Test
    void fiveInAQuarterIsWithinTheLineSixCrossesIt() {
        assertThat(IrregularRule.judge(List.of(5L, 5L, 5L, 5L), 1000, 5, FIVE_PERCENT)
                        .warning())
                .isFalse();
        IrregularRule.Verdict six = IrregularRule.judge(List.of(5L, 6L, 0L, 0L), 1000, 5, FIVE_PERCENT);
        assertThat(six.overQuarters()).containsExactly(2);
        assertThat(six.shareOver()).isFalse();
        assertThat(six.warning()).isTrue();
    }

    @Test
    void fivePercentOfTheYearIsWithinTheLineFivePointOneCrossesIt() {
        // a quarterly limit out of the way, so that only the share decides
        assertThat(IrregularRule.judge(List.of(50L, 0L, 0L, 0L), 1000, 100, FIVE_PERCENT)
                        .warning())
                .isFalse();
        IrregularRule.Verdict over = IrregularRule.judge(List.of(51L, 0L, 0L, 0L), 1000, 100, FIVE_PERCENT);
        assertThat(over.shareOver()).isTrue();
        assertThat(over.overQuarters()).isEmpty();
        // notices with no application filed at all exceed any share; none at all never does
        assertThat(IrregularRule.judge(List.of(1L, 0L, 0L, 0L), 0, 5, FIVE_PERCENT)
                        .shareOver())
                .isTrue();
        assertThat(IrregularRule.judge(List.of(0L, 0L, 0L, 0L), 0, 5, FIVE_PERCENT)
                        .warning())
                .isFalse();
    }
}
