package org.fangpin.ip;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * 收益分配 (000:94–96): how a patent's income from 转化 is shared between the university and its inventors, line by
 * line, to the fen. Never typed: computed from the receipts, the fee ledger, the costs and the agreed share.
 *
 * <ul>
 *   <li>{@link Rule#UNIVERSITY_PAID_ALL} — the university paid every fee: (income − fees − costs) × the agreed shares.
 *   <li>{@link Rule#INVENTOR_PAID_FEES} — the inventors paid some fees: the fees and costs are deducted, the inventors'
 *       fees twice ("加倍扣除"), and those twice-deducted fees are returned to the inventors; the rest is shared.
 *   <li>{@link Rule#NOT_FILED_BY_UNIVERSITY} — the university gave the right to file to the inventors: the inventors
 *       keep the income and pay the university its agreed share of (income − fees − costs).
 *   <li>{@link Rule#SPLIT_OWNERSHIP} — 所有权分割: each owner bears the fees by its part of the right, so every fee and
 *       cost is returned to whoever paid it and the rest shared by the parts of the right (000:94).
 * </ul>
 *
 * <p>When the income does not cover what is deducted, it is returned pro rata (university's outlay, inventors' double
 * fees) and nothing is left to share. The inventors' total is divided among them by their contribution shares (the
 * largest remainders get the odd fen), so every line adds up exactly.
 */
public final class IncomeSplit {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private IncomeSplit() {}

    public enum Rule {
        UNIVERSITY_PAID_ALL,
        INVENTOR_PAID_FEES,
        NOT_FILED_BY_UNIVERSITY,
        SPLIT_OWNERSHIP
    }

    /** Who a line's money goes to (or null for an intermediate figure). */
    public enum Party {
        UNIVERSITY,
        INVENTORS
    }

    /** One inventor with their contribution share (per cent). */
    public record Inventor(String name, BigDecimal share) {}

    /**
     * What the split reads.
     *
     * @param income the money received (sum of receipts)
     * @param universityFees fees the university paid
     * @param inventorFees fees the inventors paid
     * @param costs other costs (evaluation, the deals' own costs), borne by the university
     * @param inventorShare the agreed share of the inventors, per cent (for an inventor's own patent: what they keep;
     *     for a split ownership: their part of the right)
     */
    public record Input(
            Rule rule,
            BigDecimal income,
            BigDecimal universityFees,
            BigDecimal inventorFees,
            BigDecimal costs,
            BigDecimal inventorShare,
            List<Inventor> inventors) {}

    /**
     * A line of the statement: {@code key} names it ({@code ip.split.<key>} in the messages), {@code percent} where the
     * line applies one.
     */
    @Schema(name = "IpSplitLine")
    public record Line(String key, BigDecimal amount, Party party, BigDecimal percent, String inventor) {}

    @Schema(name = "IpSplitStatement")
    public record Statement(
            Rule rule,
            List<Line> lines,
            BigDecimal university,
            BigDecimal inventors,
            List<InventorAmount> perInventor) {}

    @Schema(name = "IpInventorAmount")
    public record InventorAmount(String name, BigDecimal share, BigDecimal amount) {}

    public static Statement compute(Input in) {
        List<Line> lines = new ArrayList<>();
        BigDecimal income = fen(in.income());
        BigDecimal uFees = fen(in.universityFees());
        BigDecimal iFees = fen(in.inventorFees());
        BigDecimal costs = fen(in.costs());
        BigDecimal share = in.inventorShare();
        lines.add(new Line("income", income, null, null, null));
        BigDecimal university;
        BigDecimal inventors;
        if (in.rule() == Rule.NOT_FILED_BY_UNIVERSITY) {
            BigDecimal fees = uFees.add(iFees);
            lines.add(new Line("fees", fees.negate(), null, null, null));
            lines.add(new Line("costs", costs.negate(), null, null, null));
            BigDecimal net = income.subtract(fees).subtract(costs).max(BigDecimal.ZERO);
            lines.add(new Line("net", net, null, null, null));
            BigDecimal universityPct = HUNDRED.subtract(share);
            university = percent(net, universityPct);
            lines.add(new Line("paid-to-university", university, Party.UNIVERSITY, universityPct, null));
            inventors = income.subtract(university);
            lines.add(new Line("kept-by-inventors", inventors, Party.INVENTORS, null, null));
        } else {
            // the inventors' fees come back twice where they paid some (000:94), once where the right is split
            boolean doubled = in.rule() == Rule.INVENTOR_PAID_FEES;
            BigDecimal universityOutlay = uFees.add(costs);
            BigDecimal inventorOutlay = doubled ? iFees.multiply(BigDecimal.valueOf(2)) : iFees;
            BigDecimal deducted = universityOutlay.add(inventorOutlay);
            lines.add(new Line("university-fees", uFees.negate(), null, null, null));
            lines.add(new Line("costs", costs.negate(), null, null, null));
            if (in.rule() != Rule.UNIVERSITY_PAID_ALL) {
                lines.add(new Line(
                        doubled ? "inventor-fees-doubled" : "inventor-fees",
                        inventorOutlay.negate(),
                        null,
                        null,
                        null));
            }
            BigDecimal refundUniversity;
            BigDecimal refundInventors;
            BigDecimal net;
            if (income.compareTo(deducted) >= 0) {
                refundUniversity = universityOutlay;
                refundInventors = inventorOutlay;
                net = income.subtract(deducted);
            } else {
                // not enough to cover what is deducted: returned pro rata, nothing left to share
                refundInventors = deducted.signum() == 0
                        ? BigDecimal.ZERO
                        : income.multiply(inventorOutlay).divide(deducted, 2, RoundingMode.HALF_UP);
                refundUniversity = income.subtract(refundInventors);
                net = BigDecimal.ZERO;
                lines.add(new Line("shortfall", income.subtract(deducted), null, null, null));
            }
            lines.add(new Line("net", net, null, null, null));
            BigDecimal inventorsPart = percent(net, share);
            BigDecimal universityPart = net.subtract(inventorsPart);
            lines.add(new Line("inventors-share", inventorsPart, Party.INVENTORS, share, null));
            lines.add(new Line("university-share", universityPart, Party.UNIVERSITY, HUNDRED.subtract(share), null));
            lines.add(new Line("university-refund", refundUniversity, Party.UNIVERSITY, null, null));
            if (in.rule() != Rule.UNIVERSITY_PAID_ALL) {
                lines.add(new Line(
                        doubled ? "inventor-refund" : "inventor-fees-refund",
                        refundInventors,
                        Party.INVENTORS,
                        null,
                        null));
            }
            university = universityPart.add(refundUniversity);
            inventors = inventorsPart.add(refundInventors);
        }
        lines.add(new Line("university-total", university, Party.UNIVERSITY, null, null));
        lines.add(new Line("inventors-total", inventors, Party.INVENTORS, null, null));
        List<InventorAmount> each = divide(inventors, in.inventors());
        for (InventorAmount a : each) {
            lines.add(new Line("inventor", a.amount(), Party.INVENTORS, a.share(), a.name()));
        }
        return new Statement(in.rule(), List.copyOf(lines), university, inventors, each);
    }

    /** {@code amount} × {@code pct} %, to the fen (half up). */
    static BigDecimal percent(BigDecimal amount, BigDecimal pct) {
        return amount.multiply(pct).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    /** The amount divided by the inventors' shares, the odd fen to the largest remainders (then the first listed). */
    static List<InventorAmount> divide(BigDecimal amount, List<Inventor> inventors) {
        if (inventors.isEmpty()) {
            return List.of();
        }
        BigDecimal total = inventors.stream().map(Inventor::share).reduce(BigDecimal.ZERO, BigDecimal::add);
        long cents = amount.movePointRight(2).longValueExact();
        long[] base = new long[inventors.size()];
        BigDecimal[] rest = new BigDecimal[inventors.size()];
        long given = 0;
        for (int i = 0; i < base.length; i++) {
            BigDecimal exact =
                    BigDecimal.valueOf(cents).multiply(inventors.get(i).share());
            BigDecimal[] qr = exact.divideAndRemainder(total);
            base[i] = qr[0].longValueExact();
            rest[i] = qr[1];
            given += base[i];
        }
        for (long left = cents - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < base.length; i++) {
                if (rest[i].compareTo(rest[best]) > 0) {
                    best = i;
                }
            }
            base[best]++;
            rest[best] = BigDecimal.valueOf(-1);
        }
        List<InventorAmount> out = new ArrayList<>();
        for (int i = 0; i < base.length; i++) {
            out.add(new InventorAmount(
                    inventors.get(i).name(), inventors.get(i).share(), BigDecimal.valueOf(base[i], 2)));
        }
        return out;
    }

    private static BigDecimal fen(BigDecimal v) {
        return (v == null ? BigDecimal.ZERO : v).setScale(2, RoundingMode.HALF_UP);
    }
}
