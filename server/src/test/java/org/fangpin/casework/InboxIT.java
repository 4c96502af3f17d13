package org.fangpin.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

/**
 * A township's inbox at county scale: 620 alerts to assign (more than any one page, more than the 500 the inbox once
 * fetched per kind) and three cases waiting for its review. Its review comes first, the most overdue first; every
 * group is counted in full; paging reaches every alert once.
 */
@IntegrationTest
class InboxIT {

    static final String PW = "Inbox-pass-123";
    static final int ALERTS = 620;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    Inbox inbox;

    @Autowired
    UserAccounts users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @Autowired
    WebApplicationContext context;

    @TempDir
    Path dir;

    LocalDate today;
    final List<Long> alertIds = new ArrayList<>();
    final List<Long> reviews = new ArrayList<>();

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "ib-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "ib-county", "COUNTY", TestData.COUNTY, PW, false);
        today = LocalDate.now(clock);
        UUID run = UUID.randomUUID();
        jdbc.sql("insert into monitoring_run (id, kind, status, as_of, engine, started_by) values (?, 'RUN',"
                        + " 'SUCCEEDED', ?, 'duckdb', 't')")
                .params(run, today)
                .update();
        for (int i = 0; i < ALERTS; i++) {
            alertIds.add(jdbc.sql("insert into alert (run_id, household_id, household_no, village_code, status,"
                            + " severity, suggested_category, causes, rules, explanation) values (?, ?, ?, ?, 'NEW',"
                            + " 'HIGH', 'MARGINAL', '{ILLNESS}', '{INCOME_BELOW_LINE}', '{}') returning id")
                    .params(run, 50_000 + i, "IB" + i, i % 2 == 0 ? TestData.VILLAGE : TestData.VILLAGE_2)
                    .query(Long.class)
                    .single());
        }
        // three cases at the township's review: due in 10 days, overdue by 5, due in 3 (in that order of opening)
        for (int d : new int[] {10, -5, 3}) {
            reviews.add(kase("TOWNSHIP_REVIEW", today.plusDays(d), TestData.VILLAGE));
        }
        // two in publicity with an objection to settle, one in the other township (not this township's)
        for (String v : List.of(TestData.VILLAGE_2, TestData.VILLAGE, TestData.OTHER_VILLAGE)) {
            long c = kase("PUBLICITY", today.plusDays(20), v);
            jdbc.sql("insert into objection (subject, subject_id, received_on, content, recorded_by)"
                            + " values ('CASE', ?, ?, '异议', 't')")
                    .params(c, today)
                    .update();
        }
    }

    private long kase(String stage, LocalDate deadline, String village) {
        long n = jdbc.sql("select count(*) from case_file").query(Long.class).single();
        return jdbc.sql("insert into case_file (household_id, household_no, village_code, channel, statement,"
                        + " discovered_on, deadline, stage, publicity_from, publicity_to, opened_by) values (?, ?, ?,"
                        + " 'CADRE_CHECK', '排查', ?, ?, ?, ?, ?, 't') returning id")
                .params(
                        90_000 + n,
                        "IBC" + n,
                        village,
                        today.minusDays(30),
                        deadline,
                        stage,
                        today.minusDays(2),
                        today.plusDays(5))
                .query(Long.class)
                .single();
    }

    @Test
    void decisionsComeFirstEveryGroupIsCountedAndPagingReachesEveryAlert() {
        Inbox.Tasks first = users.runAs("ib-town", () -> inbox.tasks(null, 0, 50));
        assertThat(first.groups())
                .containsExactly(
                        new Inbox.Group(Inbox.Action.TOWNSHIP_REVIEW, 3, 1),
                        new Inbox.Group(Inbox.Action.SETTLE_OBJECTION, 2, 0),
                        new Inbox.Group(Inbox.Action.ASSIGN_ALERT, ALERTS, 0));
        // the review is shown first, the overdue case on top, then by deadline
        assertThat(first.shown()).isEqualTo(Inbox.Action.TOWNSHIP_REVIEW);
        assertThat(first.tasks().stream().map(Inbox.Task::id).toList())
                .containsExactly(reviews.get(1), reviews.get(2), reviews.get(0));
        assertThat(first.tasks().get(0).overdue()).isTrue();
        assertThat(first.tasks().get(1).overdue()).isFalse();
        // the alerts, oldest first, 200 at a time: every one exactly once
        List<Long> seen = new ArrayList<>();
        for (int offset = 0; offset < ALERTS + 200; offset += 200) {
            int o = offset;
            Inbox.Tasks page = users.runAs("ib-town", () -> inbox.tasks(Inbox.Action.ASSIGN_ALERT, o, 200));
            assertThat(page.total()).isEqualTo(ALERTS);
            page.tasks().forEach(t -> seen.add(t.id()));
        }
        assertThat(seen).isEqualTo(alertIds);
        assertThat(new HashSet<>(seen)).hasSize(ALERTS);
        // the county decides, it does not assign alerts: no group of the township's
        Inbox.Tasks county = users.runAs("ib-county", () -> inbox.tasks(null, 0, 50));
        assertThat(county.groups()).isEmpty();
        assertThat(county.shown()).isNull();
    }

    @Test
    void theInboxPageShowsTheGroupsAndPagesThroughAKind() {
        MockMvcTester mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        var page = mvc.get().uri("/inbox").with(httpBasic("ib-town", PW)).exchange();
        assertThat(page).hasStatusOk();
        // the groups in order with their full counts; the review's tasks listed, the overdue one marked
        assertThat(page).bodyText().containsSubsequence("乡镇审核", "处理公示异议", "620", "指派预警线索");
        assertThat(page).bodyText().contains("超期 1").contains("#" + reviews.get(1));
        int pages = (ALERTS + 29) / 30;
        var last = mvc.get()
                .uri("/inbox?action=ASSIGN_ALERT&page=" + pages)
                .with(httpBasic("ib-town", PW))
                .exchange();
        assertThat(last).hasStatusOk();
        assertThat(last)
                .bodyText()
                .contains("#" + alertIds.get(ALERTS - 1))
                .doesNotContain("#" + alertIds.get(0) + "<")
                .contains("第 " + pages + " / " + pages + " 页");
    }
}
