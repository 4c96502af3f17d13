package org.fangpin.reporting.internal;

import static org.fangpin.reporting.LedgerColumn.code;
import static org.fangpin.reporting.LedgerColumn.date;
import static org.fangpin.reporting.LedgerColumn.integer;
import static org.fangpin.reporting.LedgerColumn.label;
import static org.fangpin.reporting.LedgerColumn.text;
import static org.fangpin.reporting.LedgerColumn.township;
import static org.fangpin.reporting.LedgerColumn.village;

import java.util.List;
import org.fangpin.casework.CaseworkLedgers;
import org.fangpin.pairing.PairingLedgers;
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
        return List.of(pairings());
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
}
