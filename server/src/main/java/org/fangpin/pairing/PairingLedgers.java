package org.fangpin.pairing;

/**
 * The pairing module's records as SQL relations that ledgers (台账, in reporting) select from, so that its tables stay
 * its own. Each is a complete {@code select} to be used as a subquery, joined to the registry's households.
 */
public final class PairingLedgers {

    private PairingLedgers() {}

    /**
     * Each household's open pairing: {@code household_id, helper_id, helper_name, helper_unit, helper_post, paired_on,
     * reason} (why it replaced another, if it did). Phones are not here: they are sealed.
     */
    public static final String PAIRINGS = """
            select x.household_id, x.helper_id, h.name as helper_name, h.unit as helper_unit, h.post as helper_post,
                   x.paired_on, x.reason
            from helper_pairing x
            join helper h on h.id = x.helper_id
            where x.ended_on is null""";

    /**
     * The condition that a pairing {@code x} ({@code helper_pairing}) of the household {@code h} was in force on
     * {@code :asOf}: begun by then and not ended — what 结对覆盖 and the assessment's 帮扶责任人落实率 both count.
     */
    public static final String IN_FORCE_ON_DAY =
            "x.household_id = h.household_id and x.paired_on <= :asOf and (x.ended_on is null or x.ended_on > :asOf)";

    /**
     * 协作台账: each partnership's committed and delivered per year and item, with deliveries withdrawn left out —
     * {@code partnership_id, village_code} (the region helped), {@code household_id} (null), {@code kind, unit_name,
     * unit_kind, year, item, measure_zh, measure_en, committed, delivered, rate} (percent; null when
     * nothing was committed) and {@code reconciled} (the year confirmed: its figures no longer change).
     */
    public static final String PARTNERSHIP_YEARS = """
            select x.id as partnership_id, x.region_code as village_code, null::bigint as household_id, x.kind,
                   u.name as unit_name, u.kind as unit_kind, s.year, s.item,
                   %s as measure_zh, %s as measure_en,
                   sum(s.committed) as committed, sum(s.delivered) as delivered,
                   case when sum(s.committed) > 0 then round(100 * sum(s.delivered) / sum(s.committed), 1) end as rate,
                   exists (select 1 from partnership_reconciliation c where c.partnership_id = x.id
                           and c.year = s.year) as reconciled
            from (select partnership_id, year, item, quantity as committed, 0 as delivered from partnership_commitment
                  union all
                  select partnership_id, year, item, 0, quantity from partnership_delivery where withdrawn_at is null) s
            join partnership x on x.id = s.partnership_id
            join assist_unit u on u.id = x.unit_id
            group by x.id, x.region_code, x.kind, u.name, u.kind, s.year, s.item""".formatted(measure(true), measure(false));

    /**
     * 遍访: every secretary's visit — {@code visit_id, village_code} (the village visited), {@code household_id} (the
     * household visited, or null), {@code leader_name, leader_post, leader_region, visited_on, problems, finding_id}.
     */
    public static final String LEADER_VISITS = """
            select v.id as visit_id, v.village_code, v.household_id, l.name as leader_name, l.post as leader_post,
                   l.region_code as leader_region, v.visited_on, v.problems, v.finding_id
            from leader_visit v
            join leader l on l.id = v.leader_id""";

    private static String measure(boolean zh) {
        StringBuilder b = new StringBuilder("case s.item");
        for (PartnershipItem i : PartnershipItem.values()) {
            b.append(" when '")
                    .append(i.name())
                    .append("' then '")
                    .append(zh ? i.unitZh() : i.unitEn())
                    .append("'");
        }
        return b.append(" end").toString();
    }
}
