package org.fangpin.reporting.internal;

import static org.fangpin.reporting.LedgerColumn.code;
import static org.fangpin.reporting.LedgerColumn.date;
import static org.fangpin.reporting.LedgerColumn.integer;
import static org.fangpin.reporting.LedgerColumn.label;
import static org.fangpin.reporting.LedgerColumn.localized;
import static org.fangpin.reporting.LedgerColumn.money;
import static org.fangpin.reporting.LedgerColumn.note;
import static org.fangpin.reporting.LedgerColumn.text;
import static org.fangpin.reporting.LedgerColumn.township;
import static org.fangpin.reporting.LedgerColumn.village;
import static org.fangpin.reporting.LedgerColumn.yesNo;

import java.util.List;
import org.fangpin.casework.CaseworkLedgers;
import org.fangpin.pairing.PairingLedgers;
import org.fangpin.pairing.PartnershipItem;
import org.fangpin.pairing.PartnershipKind;
import org.fangpin.pairing.UnitKind;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.RegistryLedgers;
import org.fangpin.reporting.Ledger;
import org.fangpin.reporting.Ledger.Filter;
import org.fangpin.reporting.Ledger.Option;
import org.fangpin.reporting.Ledger.Unit;

/**
 * The ledgers of 结对帮扶 (issue 23), over the relations the pairing module publishes: the 结对帮扶台账 — every
 * monitored household and every 脱贫户, and any other household with a helper, with its helper, since when, and the
 * visits since.
 */
final class PairingLedgerDefinitions {

    private PairingLedgerDefinitions() {}

    static List<Ledger> all() {
        return List.of(pairings(), partnerships(), leaderVisits());
    }

    /** 结对帮扶台账: who helps each household that must or may have a helper. */
    private static Ledger pairings() {
        return new Ledger(
                "pairings",
                "结对帮扶台账",
                "Helpers and households",
                "监测对象（含风险已消除）、脱贫户及其他已结对农户的帮扶责任人、结对日期和结对以来的走访次数。未结对的户不一定须结对："
                        + "须结对的（未消除风险的监测对象；政策开关打开时的脱贫户）见“结对”页的覆盖情况和未结对户。日期范围按结对日期。",
                "Monitored households (risk eliminated too), exited households and any other household with a helper:"
                        + " the helper, since when and the visits since. An unpaired one need not have a helper: those"
                        + " that must (monitored, risk not eliminated; exited while the province's switch is on) are"
                        + " on the Helpers page. The date span applies to the pairing date.",
                Unit.HOUSEHOLDS,
                "pairedOn",
                List.of(
                        township(),
                        village(),
                        code("householdNo", "户编号", "Household no.", 18),
                        text("headName", "户主姓名", "Head of household", 10),
                        code("headId", "户主身份证号", "Head's ID number", 20),
                        label("identity", "户属性", "Identity", HouseholdIdentity.class, 8),
                        label("monitoringState", "监测状态", "Monitoring state", MonitoringState.class, 10),
                        text("helperName", "帮扶责任人", "Helper", 10),
                        text("helperUnit", "工作单位", "Unit", 16),
                        text("helperPost", "职务", "Post", 10),
                        date("pairedOn", "结对日期", "Paired on"),
                        integer("visits", "结对以来走访次数", "Visits since", true),
                        date("lastVisit", "最近走访", "Last visit")),
                List.of(new Filter(
                        "paired",
                        "结对情况",
                        "Pairing",
                        "",
                        List.of(
                                new Option("YES", "已结对", "Paired", "t.helper_id is not null"),
                                new Option("NO", "未结对", "Unpaired", "t.helper_id is null")))),
                "select h.household_id, h.household_no, h.village_code, h.head_name, h.head_id, h.identity,"
                        + " h.monitoring_state, p.helper_id, p.helper_name, p.helper_unit, p.helper_post, p.paired_on,"
                        + " (select count(*) from (" + CaseworkLedgers.VISITS + ") v where v.household_id ="
                        + " h.household_id and v.visited_on >= p.paired_on) as visits,"
                        + " (select max(v.visited_on) from (" + CaseworkLedgers.VISITS + ") v where v.household_id ="
                        + " h.household_id) as last_visit"
                        + " from (" + RegistryLedgers.HOUSEHOLDS + ") h left join (" + PairingLedgers.PAIRINGS
                        + ") p on p.household_id = h.household_id"
                        + " where h.monitoring_state <> 'NONE' or h.identity = 'EXITED' or p.household_id is not null",
                "t.village_code, t.household_no");
    }

    /** 协作台账: each partnership's yearly commitments against what was delivered, item by item (004:349 每年对账). */
    private static Ledger partnerships() {
        return new Ledger(
                "partnerships",
                "协作台账",
                "Partnership ledger",
                "定点帮扶、东西部协作、万企帮万村和对口支援每年各事项的承诺数和到位数（撤回的到位登记不计），到位率 = 到位 ÷ 承诺；" + "已对账的年度数字为双方确认的数字。各事项计量单位不同，不跨事项合计。",
                "Each partnership's commitments and deliveries per year and item (deliveries withdrawn left out); rate ="
                        + " delivered ÷ committed; a reconciled year's figures are those both sides confirmed. Items"
                        + " differ in their measure and are not added up across items.",
                Unit.ENTRIES,
                null,
                List.of(
                        township(),
                        village(),
                        label("kind", "协作类型", "Kind", PartnershipKind.class, 12),
                        text("unitName", "帮扶方", "Helping party", 20),
                        label("unitKind", "帮扶方类型", "Party's kind", UnitKind.class, 12),
                        integer("year", "年度", "Year", false),
                        label("item", "事项", "Item", PartnershipItem.class, 14),
                        localized("measure", "计量单位", "Measure", 6),
                        money("committed", "承诺", "Committed", false),
                        money("delivered", "到位", "Delivered", false),
                        money("rate", "到位率（%）", "Rate (%)", false),
                        yesNo("reconciled", "已对账", "Reconciled")),
                List.of(
                        new Filter(
                                "kind",
                                "协作类型",
                                "Kind",
                                "t.kind = :value",
                                StandardLedgers.options(PartnershipKind.class)),
                        new Filter(
                                "item",
                                "事项",
                                "Item",
                                "t.item = :value",
                                StandardLedgers.options(PartnershipItem.class))),
                PairingLedgers.PARTNERSHIP_YEARS,
                "t.village_code, t.kind, t.unit_name, t.year desc, t.item");
    }

    /** 遍访台账: every visit of the secretaries, with the household visited and the problems found. */
    private static Ledger leaderVisits() {
        return new Ledger(
                "leader-visits",
                "遍访台账",
                "Secretaries' visit ledger",
                "各级书记的每次遍访：遍访的村或农户、发现的问题和是否交办整改。日期范围按遍访日期；按被遍访的村所在地区筛选。",
                "Every visit of the party secretaries: the village or household visited, the problems found and whether"
                        + " a finding was opened. The date span applies to the visit; the region is the village"
                        + " visited's.",
                Unit.ENTRIES,
                "visitedOn",
                List.of(
                        township(),
                        village(),
                        text("leaderName", "书记", "Secretary", 10),
                        text("leaderPost", "职务", "Post", 14),
                        date("visitedOn", "遍访日期", "Visited on"),
                        code("householdNo", "户编号", "Household no.", 18),
                        label("identity", "户属性", "Identity", HouseholdIdentity.class, 8),
                        label("monitoringState", "监测状态", "Monitoring state", MonitoringState.class, 10),
                        note("problems", "发现的问题", "Problems found", 30),
                        yesNo("finding", "交办整改", "Finding opened")),
                List.of(new Filter(
                        "problems",
                        "发现问题",
                        "Problems",
                        "",
                        List.of(
                                new Option("YES", "发现问题", "Problems found", "t.problems is not null"),
                                new Option("NO", "未发现问题", "None found", "t.problems is null")))),
                "select v.*, c.household_no, c.identity, c.monitoring_state, v.finding_id is not null as finding"
                        + " from (" + PairingLedgers.LEADER_VISITS + ") v left join (" + RegistryLedgers.CURRENT
                        + ") c on c.household_id = v.household_id",
                "t.visited_on desc, t.village_code, t.visit_id");
    }
}
