package org.fangpin.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How an alert's explanation prints numbers for people. */
class AlertFormatTest {

    @Test
    void moneyIsGroupedInThousandsWithTwoDecimalsLikePercentCommaFormat() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            BigDecimal v = BigDecimal.valueOf(random.nextLong() % 100_000_000_000L, random.nextInt(5));
            assertThat(AlertExplanations.format(v, "CNY", true)).isEqualTo(String.format(Locale.ROOT, "%,.2f", v));
        }
        assertThat(AlertExplanations.format(new BigDecimal("-999.995"), "CNY", true))
                .isEqualTo("-1,000.00");
        assertThat(AlertExplanations.format(5800, "CNY", false)).isEqualTo("5,800.00");
        assertThat(AlertExplanations.format(0.0, "CNY", false)).isEqualTo("0.00");
    }

    @Test
    void ratiosAsPercentAndMissingValuesInWords() {
        assertThat(AlertExplanations.format(new BigDecimal("0.3456"), "RATIO", true))
                .isEqualTo("34.6%");
        assertThat(AlertExplanations.format(null, "CNY", true)).isEqualTo("无数据");
        assertThat(AlertExplanations.format(null, "CNY", false)).isEqualTo("no data");
        assertThat(AlertExplanations.format(true, "", true)).isEqualTo("是");
        assertThat(AlertExplanations.format(new BigDecimal("3.500"), "COUNT", false))
                .isEqualTo("3.5");
    }
}
