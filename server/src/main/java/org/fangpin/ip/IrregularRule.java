package org.fangpin.ip;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The line 000:126 draws for 非正常专利申请: more than {@code quarterMax} in any quarter, or more than {@code shareMax}
 * of the year's applications, and CNIPA withdraws the university's eligibility for the next year's 中国专利奖. "More
 * than" is strict: 5 in a quarter and exactly 5 % are within the line.
 */
public final class IrregularRule {

    private IrregularRule() {}

    /**
     * @param overQuarters the quarters (1–4) with more than the quarterly limit
     * @param shareOver the year's notices exceed the share of its applications (any notice with no application
     *     filed does)
     */
    @Schema(name = "IpIrregularVerdict")
    public record Verdict(List<Integer> overQuarters, boolean shareOver) {

        /** Whether the next year's 中国专利奖 is at stake. */
        public boolean warning() {
            return !overQuarters.isEmpty() || shareOver;
        }
    }

    /** The verdict on a year's notices per quarter (first to fourth) and the applications filed in it. */
    public static Verdict judge(List<Long> perQuarter, long filings, long quarterMax, BigDecimal shareMax) {
        List<Integer> over = new ArrayList<>();
        long notices = 0;
        for (int q = 0; q < perQuarter.size(); q++) {
            notices += perQuarter.get(q);
            if (perQuarter.get(q) > quarterMax) {
                over.add(q + 1);
            }
        }
        // notices / filings > shareMax, compared exactly: notices > shareMax × filings
        boolean share = notices > 0
                && BigDecimal.valueOf(notices).compareTo(shareMax.multiply(BigDecimal.valueOf(filings))) > 0;
        return new Verdict(List.copyOf(over), share);
    }
}
