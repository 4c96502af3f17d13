package org.fangpin.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.casework.internal.EliminationProposals;
import org.fangpin.demo.DemoLoader;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * 风险消除建议 read set-based and a page at a time: the households proposed are exactly those that the one-household
 * assessment (the household page's criteria, computed query by query) finds meeting every criterion, on the demo
 * county with households made to meet them and others made to miss one criterion each.
 */
@IntegrationTest
class EliminationProposalsIT {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoLoader demo;

    @Autowired
    EliminationProposals proposals;

    @Autowired
    UserAccounts users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @Test
    void theProposalsAreTheHouseholdsThatMeetEveryCriterionPageByPage() {
        TestData.reset(jdbc);
        demo.load(3000, 11);
        TestData.user(jdbc, encoder, "ep-county", "COUNTY", TestData.COUNTY, "Ep-pass-2026", false);
        LocalDate today = LocalDate.now(clock);
        List<Long> planned = jdbc.sql("select p.household_id from assistance_plan p join household h on"
                        + " h.household_id = p.household_id and h.valid_to is null and h.monitoring_state ="
                        + " 'MONITORED' order by p.household_id")
                .query(Long.class)
                .list();
        assertThat(planned).hasSizeGreaterThan(12);
        // twelve households made to meet every criterion: assisted three years, all measures done, one stable
        // visit ten days ago, no open case or alert, income well above the line
        List<Long> made = planned.subList(0, 12);
        for (long h : made) {
            jdbc.sql("update assistance_plan set started_on = ? where household_id = ?")
                    .params(today.minusYears(3), h)
                    .update();
            jdbc.sql("update assistance_measure set status = 'DONE' where household_id = ?")
                    .param(h)
                    .update();
            jdbc.sql("delete from followup_visit where household_id = ?")
                    .param(h)
                    .update();
            jdbc.sql("insert into followup_visit (household_id, visited_on, visitor, notes, income_stable,"
                            + " needs_secured, recorded_by) values (?, ?, '走访人', '收入稳定', true, true, 't')")
                    .params(h, today.minusDays(10))
                    .update();
            jdbc.sql("update case_file set closed_at = now() where household_id = ? and closed_at is null")
                    .param(h)
                    .update();
            jdbc.sql("update alert set status = 'CLOSED' where household_id = ?")
                    .param(h)
                    .update();
            jdbc.sql("update household set monitoring_since = ?, income_wage = 200000 where household_id = ?"
                            + " and valid_to is null")
                    .params(today.minusYears(3), h)
                    .update();
        }
        // and four of them then miss one criterion each
        jdbc.sql("insert into followup_visit (household_id, visited_on, visitor, notes, income_stable, needs_secured,"
                        + " recorded_by) values (?, ?, '走访人', '又因病', false, true, 't')")
                .params(made.get(0), today.minusDays(2))
                .update();
        jdbc.sql("update assistance_measure set status = 'IN_PROGRESS' where household_id = ?")
                .param(made.get(1))
                .update();
        jdbc.sql("update household set income_wage = 0, income_production = 0, income_property = 0,"
                        + " income_transfer = 0 where household_id = ? and valid_to is null")
                .param(made.get(2))
                .update();
        jdbc.sql("update alert set status = 'NEW' where household_id = ?")
                .param(made.get(3))
                .update();
        boolean alerted = jdbc.sql("select count(*) from alert where household_id = ? and status = 'NEW'")
                        .param(made.get(3))
                        .query(Long.class)
                        .single()
                > 0;

        // what the one-household assessment says of every monitored household with a plan
        List<Long> expected = users.runAs("ep-county", () -> {
            List<Long> out = new ArrayList<>();
            for (long h : planned) {
                if (proposals.assess(h).allMet()) {
                    out.add(h);
                }
            }
            return out;
        });
        assertThat(expected).containsAll(made.subList(4, 12)).doesNotContain(made.get(0), made.get(1), made.get(2));
        if (alerted) {
            assertThat(expected).doesNotContain(made.get(3));
        }

        EliminationProposals.Page all = users.runAs("ep-county", () -> proposals.page(0, 10_000));
        assertThat(all.total()).isEqualTo(expected.size());
        assertThat(all.items().stream().map(EliminationProposals.Proposal::householdId))
                .containsExactlyElementsOf(expected);
        assertThat(all.items().get(0).criteria()).allMatch(EliminationProposals.Criterion::met);
        // page by page, the same households in the same order
        List<Long> paged = new ArrayList<>();
        for (int offset = 0; offset < all.total(); offset += 3) {
            int o = offset;
            EliminationProposals.Page p = users.runAs("ep-county", () -> proposals.page(o, 3));
            assertThat(p.total()).isEqualTo(all.total());
            p.items().forEach(x -> paged.add(x.householdId()));
        }
        assertThat(paged).containsExactlyElementsOf(expected);
    }
}
