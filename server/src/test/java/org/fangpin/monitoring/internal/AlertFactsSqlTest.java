package org.fangpin.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The stored facts' numbers as the lake's engine writes them equal what the Java writer wrote: a double rounded
 * half up from {@link BigDecimal#valueOf(double)} to cents (ratios to four places), nothing for not-a-number — for
 * the edge cases and for doubles of every magnitude.
 */
class AlertFactsSqlTest {

    private static final Indicator MONEY = Indicator.PER_CAPITA_INCOME;
    private static final Indicator RATIO = Indicator.INCOME_CHANGE_RATIO;

    @Test
    void doublesAreRoundedHalfUpLikeJavaAtEveryMagnitude() throws Exception {
        List<Double> values = new ArrayList<>(List.of(
                0.0,
                -0.0,
                7e-06,
                -7e-06,
                5e-05,
                -5e-05,
                4.9e-05,
                7e-05,
                1.5e-04,
                0.005,
                -0.005,
                0.0049,
                1.005,
                2.675,
                -2.675,
                0.125,
                1e17,
                -1e17,
                1e30,
                123456789.125,
                Double.MIN_VALUE,
                5800.0));
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 20_000; n++) {
            // mantissas with few digits hit the halves; exponents from 1e-9 to 1e12
            double mantissa =
                    random.nextBoolean() ? random.nextInt(-99_999, 100_000) / 1000.0 : random.nextDouble(-10, 10);
            values.add(mantissa * Math.pow(10, random.nextInt(-9, 13)));
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                PreparedStatement st = c.prepareStatement("select " + AlertExplanations.value(MONEY, "DOUBLE") + ", "
                        + AlertExplanations.value(RATIO, "DOUBLE") + " from (select ?::double as " + MONEY.id()
                        + ", ?::double as " + RATIO.id() + ") f")) {
            for (double v : values) {
                st.setDouble(1, v);
                st.setDouble(2, v);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).as("cents of %s", v).isEqualTo(java(v, 2));
                    assertThat(rs.getString(2)).as("ratio of %s", v).isEqualTo(java(v, 4));
                }
            }
            for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                st.setDouble(1, v);
                st.setDouble(2, v);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).as("%s", v).isNull();
                    assertThat(rs.getString(2)).as("%s", v).isNull();
                }
            }
        }
    }

    /** What the Java writer stored: Jackson writes a BigDecimal by its plain string here. */
    private static String java(double v, int scale) {
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
