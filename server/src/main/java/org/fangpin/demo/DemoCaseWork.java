package org.fangpin.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.casework.CaseChannel;
import org.fangpin.casework.CaseKind;
import org.fangpin.casework.Cases;
import org.fangpin.casework.MeasureStatus;
import org.fangpin.pairing.Helpers;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.UserAccounts;

/**
 * Case work for the demo county, entered through the real services as its offices would: the county names a
 * responsible person for monitored households and plans measures by cause, some carried out with evidence and
 * visited; the demo village's cadre has applications at different steps. Deterministic from the seed.
 */
final class DemoCaseWork {

    private DemoCaseWork() {}

    record Seeded(int plans, int measures, int visits, int cases) {}

    static Seeded seed(
            UserAccounts accounts,
            Registry registry,
            AssistancePlans plans,
            Helpers helpers,
            Cases cases,
            long seed,
            LocalDate today) {
        Random rnd = new Random(seed * 17 + 3);
        String[] names = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵"};
        int[] n = new int[4];
        accounts.runAs("county", () -> {
            // 帮扶责任人: township and county cadres of the demo county, one of whom has left (their households unpaired)
            List<Helpers.Helper> people = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                people.add(helpers.create(new Helpers.NewHelper(
                        null,
                        names[i] + "帮扶",
                        i % 2 == 0 ? "城关镇人民政府" : "县农业农村局",
                        i % 2 == 0 ? "镇干部" : "科员",
                        "0713-5" + (100000 + rnd.nextInt(899999)),
                        null)));
            }
            List<HouseholdView> monitored = registry.search(new HouseholdQuery(
                            "421122000000", null, null, null, null, MonitoringState.MONITORED, null, null, 60))
                    .items();
            for (HouseholdView h : monitored) {
                plans.assign(
                        h.id(),
                        null,
                        new AssistancePlans.Responsible(
                                people.get(rnd.nextInt(people.size())).id(), null, 30));
                n[0]++;
                for (RiskCause cause : h.riskCauses()) {
                    List<AssistancePlans.MeasureType> types = plans.measureTypes(cause);
                    if (types.isEmpty()) {
                        continue;
                    }
                    AssistancePlans.MeasureType t = types.get(rnd.nextInt(types.size()));
                    AssistancePlans.Measure m = plans.addMeasure(
                            h.id(),
                            new AssistancePlans.NewMeasure(
                                    t.code(),
                                    cause,
                                    null,
                                    t.nameZh() + "（演示）",
                                    today,
                                    today.plusMonths(3),
                                    BigDecimal.valueOf(500L * (1 + rnd.nextInt(20))),
                                    null));
                    n[1]++;
                    if (rnd.nextBoolean()) {
                        boolean done = rnd.nextBoolean();
                        plans.updateMeasure(
                                h.id(),
                                m.id(),
                                m.version(),
                                new AssistancePlans.MeasureUpdate(
                                        done ? MeasureStatus.DONE : MeasureStatus.IN_PROGRESS,
                                        today,
                                        done ? today : null,
                                        null,
                                        done ? "审批表及发放凭证（演示）" : null));
                    }
                }
                if (rnd.nextBoolean()) {
                    plans.visit(
                            h.id(),
                            new AssistancePlans.NewVisit(today, "入户走访，了解帮扶措施落实情况（演示）", rnd.nextBoolean(), true));
                    n[2]++;
                }
            }
            // one helper transferred: their households wait on the unpaired list for another
            Helpers.Helper leaving =
                    helpers.get(people.get(people.size() - 1).id()).helper();
            helpers.depart(leaving.id(), leaving.version(), new Helpers.Departure(today, "调任县直单位，不再承担结对帮扶任务（演示）"));
            return null;
        });
        // the demo village's cadre: applications from households of the village, at the first steps
        accounts.runAs("village", () -> {
            List<HouseholdView> ordinary = registry.search(new HouseholdQuery(
                            "421122100201",
                            null,
                            null,
                            HouseholdIdentity.ORDINARY,
                            null,
                            MonitoringState.NONE,
                            null,
                            null,
                            5))
                    .items();
            for (int i = 0; i < ordinary.size(); i++) {
                Cases.CaseFile c = cases.open(new Cases.Opening(
                        CaseKind.IDENTIFICATION,
                        ordinary.get(i).id(),
                        i % 2 == 0 ? CaseChannel.APPLICATION : CaseChannel.CADRE_CHECK,
                        i % 2 == 0 ? "户主因病住院，医疗费用较高，申请纳入监测（演示）" : "入户排查发现家庭主要劳动力务工中断（演示）",
                        today.minusDays(i * 4L),
                        null,
                        List.of(i % 2 == 0 ? RiskCause.ILLNESS : RiskCause.UNSTABLE_EMPLOYMENT)));
                n[3]++;
                if (i >= 2) {
                    cases.verify(
                            c.id(),
                            c.version(),
                            new Cases.Findings(
                                    today,
                                    BigDecimal.valueOf(4200 + 300L * i),
                                    null,
                                    null,
                                    true,
                                    true,
                                    true,
                                    true,
                                    true,
                                    true,
                                    "入户核实，情况属实（演示）"));
                }
            }
            return null;
        });
        return new Seeded(n[0], n[1], n[2], n[3]);
    }
}
