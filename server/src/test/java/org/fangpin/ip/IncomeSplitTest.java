package org.fangpin.ip;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.fangpin.ip.IncomeSplit.Inventor;
import org.fangpin.ip.IncomeSplit.Rule;
import org.junit.jupiter.api.Test;

/** The three split rules of 000:94–96 with worked numbers, to the fen, and a shortfall. */
class IncomeSplitTest {

    static BigDecimal y(String s) {
        return new BigDecimal(s);
    }

    static BigDecimal line(IncomeSplit.Statement s, String key) {
        return s.lines().stream()
                .filter(l -> l.key().equals(key))
                .findFirst()
                .orElseThrow()
                .amount();
    }

    @Test
    void theUniversityPaidEveryFee() {
        // 100,000 received; the university paid 8,500 in fees and 1,500 of costs; the inventors' agreed share 70 %
        IncomeSplit.Statement s = IncomeSplit.compute(new IncomeSplit.Input(
                Rule.UNIVERSITY_PAID_ALL,
                y("100000"),
                y("8500"),
                BigDecimal.ZERO,
                y("1500"),
                y("70"),
                List.of(new Inventor("甲", y("60")), new Inventor("乙", y("40")))));
        assertThat(line(s, "net")).isEqualByComparingTo("90000.00");
        assertThat(line(s, "inventors-share")).isEqualByComparingTo("63000.00");
        assertThat(line(s, "university-share")).isEqualByComparingTo("27000.00");
        assertThat(s.university()).isEqualByComparingTo("37000.00"); // its share and its 10,000 back
        assertThat(s.inventors()).isEqualByComparingTo("63000.00");
        assertThat(s.perInventor())
                .extracting(IncomeSplit.InventorAmount::amount)
                .containsExactly(y("37800.00"), y("25200.00"));
        assertThat(s.lines()).noneMatch(l -> l.key().equals("inventor-refund"));
    }

    @Test
    void theInventorsPaidSomeFeesTheyAreDeductedTwiceAndReturnedToThem() {
        // 50,000 received; university fees 3,000, inventors' fees 2,345.67 (deducted as 4,691.34), costs 1,000;
        // the inventors' agreed share 60 %
        IncomeSplit.Statement s = IncomeSplit.compute(new IncomeSplit.Input(
                Rule.INVENTOR_PAID_FEES,
                y("50000"),
                y("3000"),
                y("2345.67"),
                y("1000"),
                y("60"),
                List.of(new Inventor("甲", y("50")), new Inventor("乙", y("30")), new Inventor("丙", y("20")))));
        assertThat(line(s, "inventor-fees-doubled")).isEqualByComparingTo("-4691.34");
        assertThat(line(s, "net")).isEqualByComparingTo("41308.66");
        // 41,308.66 × 60 % = 24,785.196 → 24,785.20; the university the rest of the net
        assertThat(line(s, "inventors-share")).isEqualByComparingTo("24785.20");
        assertThat(line(s, "university-share")).isEqualByComparingTo("16523.46");
        assertThat(line(s, "inventor-refund")).isEqualByComparingTo("4691.34");
        assertThat(line(s, "university-refund")).isEqualByComparingTo("4000.00");
        assertThat(s.inventors()).isEqualByComparingTo("29476.54");
        assertThat(s.university()).isEqualByComparingTo("20523.46");
        assertThat(s.inventors().add(s.university())).isEqualByComparingTo("50000");
        // 2,947,654 fen by 50/30/20: 1,473,827 · 884,296.2 · 589,530.8 — the odd fen to the largest remainder
        assertThat(s.perInventor())
                .extracting(IncomeSplit.InventorAmount::amount)
                .containsExactly(y("14738.27"), y("8842.96"), y("5895.31"));
    }

    @Test
    void notFiledByTheUniversityTheInventorsPayItsShare() {
        // the inventors filed themselves: 80,000 received, their fees 6,000, costs 2,000; they keep 70 %
        IncomeSplit.Statement s = IncomeSplit.compute(new IncomeSplit.Input(
                Rule.NOT_FILED_BY_UNIVERSITY,
                y("80000"),
                BigDecimal.ZERO,
                y("6000"),
                y("2000"),
                y("70"),
                List.of(new Inventor("甲", y("100")))));
        assertThat(line(s, "net")).isEqualByComparingTo("72000.00");
        assertThat(line(s, "paid-to-university")).isEqualByComparingTo("21600.00");
        assertThat(s.university()).isEqualByComparingTo("21600.00");
        assertThat(s.inventors()).isEqualByComparingTo("58400.00");
    }

    @Test
    void incomeShortOfTheDeductionsIsReturnedProRataAndNothingIsShared() {
        // 5,000 received against 4,000 of university fees and 1,000 of inventors' fees counted twice (6,000)
        IncomeSplit.Statement s = IncomeSplit.compute(new IncomeSplit.Input(
                Rule.INVENTOR_PAID_FEES,
                y("5000"),
                y("4000"),
                y("1000"),
                BigDecimal.ZERO,
                y("50"),
                List.of(new Inventor("甲", y("100")))));
        assertThat(line(s, "net")).isEqualByComparingTo("0");
        assertThat(line(s, "shortfall")).isEqualByComparingTo("-1000.00");
        assertThat(s.inventors()).isEqualByComparingTo("1666.67"); // 5,000 × 2,000 / 6,000
        assertThat(s.university()).isEqualByComparingTo("3333.33");
    }

    @Test
    void everyFenIsGivenOutWhenSharesDoNotDivideEvenly() {
        List<IncomeSplit.InventorAmount> three = IncomeSplit.divide(
                y("100.00"),
                List.of(new Inventor("a", y("33.34")), new Inventor("b", y("33.33")), new Inventor("c", y("33.33"))));
        assertThat(three.stream().map(IncomeSplit.InventorAmount::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("100.00");
        assertThat(three)
                .extracting(IncomeSplit.InventorAmount::amount)
                .containsExactly(y("33.34"), y("33.33"), y("33.33"));
    }
}
