package org.fangpin.demo;

import java.time.LocalDate;
import java.util.List;
import org.fangpin.pairing.LeaderVisits;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.Registry;
import org.fangpin.security.UserAccounts;

/**
 * The demo county's and township's party secretaries and this year's visits: the county secretary in a few villages of
 * the township, the township secretary at some of its exited households — some with a problem found.
 */
final class DemoLeaders {

    private DemoLeaders() {}

    static int seed(UserAccounts accounts, LeaderVisits visits, Registry registry, LocalDate today) {
        LeaderVisits.Leader county = accounts.runAs(
                "county", () -> visits.create(new LeaderVisits.NewLeader("周明（演示）", "县委书记", today.minusYears(2))));
        LeaderVisits.Leader town = accounts.runAs(
                "township", () -> visits.create(new LeaderVisits.NewLeader("吴刚（演示）", "镇党委书记", today.minusYears(1))));
        LocalDate jan = LocalDate.of(today.getYear(), 1, 1);
        // the township's exited households as the registry has them, and their villages
        List<HouseholdView> exited = accounts.runAs(
                "township",
                () -> registry.search(new HouseholdQuery(
                                DemoProjects.TOWNSHIP,
                                null,
                                null,
                                HouseholdIdentity.EXITED,
                                null,
                                null,
                                null,
                                null,
                                200))
                        .items());
        List<String> villages = exited.stream()
                .map(HouseholdView::villageCode)
                .distinct()
                .sorted()
                .toList();
        int n = 0;
        for (int i = 0; i < villages.size(); i += 2) {
            String v = villages.get(i);
            LocalDate on = min(jan.plusDays(20L * (i + 1)), today);
            String problem = i == 0 ? "村内产业道路雨季难以通行，需列入项目库" : null;
            accounts.runAs(
                    "county", () -> visits.visit(county.id(), new LeaderVisits.NewVisit(on, v, null, problem, null)));
            n++;
        }
        for (int i = 0; i < Math.min(12, exited.size()); i++) {
            long h = exited.get(i).id();
            LocalDate on = min(jan.plusDays(9L * (i + 1)), today);
            String problem = i % 4 == 0 ? "家中主要劳动力外出务工收入不稳定" : null;
            accounts.runAs(
                    "township", () -> visits.visit(town.id(), new LeaderVisits.NewVisit(on, null, h, problem, null)));
            n++;
        }
        return n;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
