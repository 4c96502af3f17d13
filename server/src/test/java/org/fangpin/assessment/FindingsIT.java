package org.fangpin.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.casework.Inbox;
import org.fangpin.common.problem.ApiException;
import org.fangpin.demo.DemoLoader;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

/**
 * A city issues a finding to a county; the county rectifies and asks to close; only the city signs off (the county
 * cannot, nor can the city rectify); sent back, closed, reopened after 回头看. Bad issues are refused with their
 * reasons and keep nothing; lists, counts and the 整改台账 agree with the table.
 */
@IntegrationTest
class FindingsIT {

    static final String PW = "Findings-pass-2026";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoLoader demo;

    @Autowired
    Findings findings;

    @Autowired
    FindingLists lists;

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

    @Test
    void aFindingGoesFromIssueToSignOffAndBackAfterReview() throws Exception {
        TestData.reset(jdbc);
        demo.load(600, 13);
        TestData.user(jdbc, encoder, "fi-city", "CITY", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "fi-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "fi-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        LocalDate today = LocalDate.now(clock);
        List<Long> inCounty = jdbc.sql("select household_id from household where valid_to is null and not deleted"
                        + " and village_code like '421122%' order by household_id limit 2")
                .query(Long.class)
                .list();

        Findings.FindingDetail issued = users.runAs(
                "fi-city",
                () -> findings.issue(new Findings.FindingIssue(
                        TestData.COUNTY,
                        "红安县乡村振兴局",
                        FindingSource.SAMPLE_CHECK,
                        FindingCategory.IDENTIFICATION,
                        FindingSeverity.SERIOUS,
                        "抽查发现错退 1 户",
                        "2026 年抽查中 1 户风险消除后收入仍低于监测线",
                        today.plusDays(30),
                        inCounty,
                        null)));
        Findings.Finding f = issued.finding();
        long id = f.id();
        assertThat(f.state()).isEqualTo(FindingState.TO_RECTIFY);
        assertThat(f.issuerRegion()).isEqualTo(TestData.CITY);
        assertThat(f.regionName()).isNotBlank().isNotEqualTo(TestData.COUNTY);
        assertThat(issued.households())
                .extracting(Findings.LinkedHousehold::householdId)
                .containsExactlyElementsOf(inCounty);
        assertThat(issued.events()).extracting(Findings.FindingEvent::action).containsExactly(FindingAction.ISSUED);

        // waiting for the county: one to rectify; for the city: nothing yet
        assertThat(users.runAs("fi-county", lists::waiting)).isEqualTo(new FindingLists.Waiting(1, 0, 0));
        assertThat(users.runAs("fi-city", lists::waiting)).isEqualTo(new FindingLists.Waiting(0, 0, 0));
        // … in the 待办 list too, with the case work: the county's task links the finding, the city has none
        Inbox.Tasks county = users.runAs("fi-county", () -> inbox.tasks(Inbox.Action.RECTIFY_FINDING, 0, 50));
        assertThat(county.groups()).contains(new Inbox.Group(Inbox.Action.RECTIFY_FINDING, 1, 0));
        assertThat(county.tasks()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo("FINDING");
            assertThat(t.id()).isEqualTo(id);
            assertThat(t.due()).isEqualTo(today.plusDays(30));
            assertThat(t.villageCode()).isEqualTo(TestData.COUNTY);
        });
        assertThat(users.runAs("fi-city", () -> inbox.tasks(null, 0, 50)).groups())
                .extracting(Inbox.Group::action)
                .doesNotContain(Inbox.Action.RECTIFY_FINDING, Inbox.Action.SIGN_OFF_FINDING);

        // the issuing level does not rectify; the county does
        assertThatThrownBy(() -> users.runAs(
                        "fi-city", () -> findings.step(id, 1, new Findings.RectificationStep("代为整改", today))))
                .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(HttpStatus.FORBIDDEN));
        // nothing to close before a step
        assertThatThrownBy(() ->
                        users.runAs("fi-county", () -> findings.requestClose(id, 1, new Findings.FindingNote("已整改"))))
                .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(HttpStatus.CONFLICT));
        Findings.FindingDetail stepped = users.runAs(
                "fi-county", () -> findings.step(id, 1, new Findings.RectificationStep("重新入户核实，纳入监测", today)));
        assertThat(stepped.finding().state()).isEqualTo(FindingState.RECTIFYING);
        // a stale version is refused
        assertThatThrownBy(() ->
                        users.runAs("fi-county", () -> findings.requestClose(id, 1, new Findings.FindingNote("已整改"))))
                .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(HttpStatus.PRECONDITION_FAILED));
        Findings.FindingDetail asked =
                users.runAs("fi-county", () -> findings.requestClose(id, 2, new Findings.FindingNote("已纳入监测并落实帮扶措施")));
        assertThat(asked.finding().state()).isEqualTo(FindingState.CLOSE_REQUESTED);
        // now the city has a closure to sign off, and the county nothing to rectify
        assertThat(users.runAs("fi-city", lists::waiting)).isEqualTo(new FindingLists.Waiting(0, 0, 1));
        assertThat(users.runAs("fi-county", lists::waiting)).isEqualTo(new FindingLists.Waiting(0, 0, 0));
        Inbox.Tasks city = users.runAs("fi-city", () -> inbox.tasks(null, 0, 50));
        assertThat(city.shown()).isEqualTo(Inbox.Action.SIGN_OFF_FINDING);
        assertThat(city.tasks()).extracting(Inbox.Task::id).containsExactly(id);
        assertThat(users.runAs("fi-county", () -> inbox.tasks(null, 0, 50)).groups())
                .extracting(Inbox.Group::action)
                .doesNotContain(Inbox.Action.RECTIFY_FINDING);
        var page = MockMvcTester.create(AsSystemInTests.mockMvc(context))
                .get()
                .uri("/inbox")
                .with(httpBasic("fi-city", PW))
                .header("Accept-Language", "zh-CN")
                .exchange();
        assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("整改销号审核", "/findings/" + id)
                .doesNotContain(">SIGN_OFF_FINDING", "inbox.action");

        // the responsible unit never signs off its own finding, whatever its permissions
        assertThatThrownBy(() -> users.runAs(
                        "fi-county", () -> findings.signOff(id, 3, new Findings.FindingSignOff(true, null))))
                .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(HttpStatus.FORBIDDEN));
        // sending back needs a reason
        assertThatThrownBy(() ->
                        users.runAs("fi-city", () -> findings.signOff(id, 3, new Findings.FindingSignOff(false, " "))))
                .satisfies(x -> assertThat(((ApiException) x).fieldProblems())
                        .extracting(p -> p.field())
                        .containsExactly("note"));
        Findings.FindingDetail back =
                users.runAs("fi-city", () -> findings.signOff(id, 3, new Findings.FindingSignOff(false, "帮扶措施未见佐证")));
        assertThat(back.finding().state()).isEqualTo(FindingState.RECTIFYING);
        users.runAs("fi-county", () -> findings.step(id, 4, new Findings.RectificationStep("补充帮扶台账和照片", today)));
        users.runAs("fi-county", () -> findings.requestClose(id, 5, new Findings.FindingNote("佐证已补充")));
        Findings.FindingDetail closed =
                users.runAs("fi-city", () -> findings.signOff(id, 6, new Findings.FindingSignOff(true, null)));
        assertThat(closed.finding().state()).isEqualTo(FindingState.SIGNED_OFF);
        assertThat(closed.finding().closedOn()).isEqualTo(today);
        // signed off: no more steps
        assertThatThrownBy(() -> users.runAs(
                        "fi-county", () -> findings.step(id, 7, new Findings.RectificationStep("再整改", today))))
                .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(HttpStatus.CONFLICT));
        // 回头看 finds it not done: reopened by the issuing level only
        assertThatThrownBy(
                        () -> users.runAs("fi-county", () -> findings.reopen(id, 7, new Findings.FindingNote("回头看"))))
                .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(HttpStatus.FORBIDDEN));
        Findings.FindingDetail reopened =
                users.runAs("fi-city", () -> findings.reopen(id, 7, new Findings.FindingNote("回头看发现收入仍未达标")));
        assertThat(reopened.finding().state()).isEqualTo(FindingState.RECTIFYING);
        assertThat(reopened.finding().reopened()).isEqualTo(1);
        assertThat(reopened.finding().closedOn()).isNull();
        assertThat(reopened.events())
                .extracting(Findings.FindingEvent::action)
                .containsExactly(
                        FindingAction.ISSUED,
                        FindingAction.STEP,
                        FindingAction.CLOSE_REQUEST,
                        FindingAction.SEND_BACK,
                        FindingAction.STEP,
                        FindingAction.CLOSE_REQUEST,
                        FindingAction.SIGN_OFF,
                        FindingAction.REOPEN);
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'finding' and entity_id = ?")
                        .param(Long.toString(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(8L);

        // bad issues: own region, a past deadline, a household elsewhere, blanks — each named, nothing kept
        long otherHousehold = jdbc.sql("select min(household_id) from household where valid_to is null"
                        + " and village_code not like '421122%'")
                .query(Long.class)
                .optional()
                .orElse(-1L);
        long before = jdbc.sql("select count(*) from finding").query(Long.class).single();
        assertThatThrownBy(() -> users.runAs(
                        "fi-city",
                        () -> findings.issue(new Findings.FindingIssue(
                                TestData.CITY,
                                " ",
                                null,
                                FindingCategory.DATA,
                                FindingSeverity.MINOR,
                                "t",
                                "d",
                                today,
                                List.of(otherHousehold),
                                null))))
                .satisfies(x -> assertThat(((ApiException) x).fieldProblems())
                        .extracting(p -> p.field())
                        .containsExactlyInAnyOrder("region", "responsibleUnit", "source", "deadline", "households"));
        assertThat(jdbc.sql("select count(*) from finding").query(Long.class).single())
                .isEqualTo(before);

        // a township's finding and an overdue one; lists and counts agree with the table
        users.runAs(
                "fi-city",
                () -> findings.issue(new Findings.FindingIssue(
                        TestData.TOWNSHIP,
                        "七里坪镇",
                        FindingSource.SUPERVISION,
                        FindingCategory.ASSISTANCE,
                        FindingSeverity.MINOR,
                        "走访记录不全",
                        "部分监测户近三个月无走访记录",
                        today.plusDays(10),
                        List.of(),
                        null)));
        long overdueId = users.runAs(
                        "fi-city",
                        () -> findings.issue(new Findings.FindingIssue(
                                TestData.COUNTY,
                                "红安县",
                                FindingSource.AUDIT,
                                FindingCategory.FUNDS,
                                FindingSeverity.GRAVE,
                                "项目资金拨付滞后",
                                "2 个项目资金未按进度拨付",
                                today.plusDays(5),
                                List.of(),
                                null)))
                .finding()
                .id();
        jdbc.sql("update finding set deadline = ? where id = ?")
                .params(today.minusDays(3), overdueId)
                .update();
        FindingLists.FindingPage all =
                users.runAs("fi-city", () -> lists.list(new FindingLists.FindingQuery(null, null, false, 0, 50)));
        Map<String, Long> byState = jdbc
                .sql("select state, count(*) from finding group by state")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(all.total()).isEqualTo(3);
        all.counts().byState().forEach((s, n) -> assertThat(n).isEqualTo(byState.getOrDefault(s.name(), 0L)));
        assertThat(all.counts().overdue()).isEqualTo(1);
        assertThat(all.items().get(0).id()).isEqualTo(overdueId); // the overdue first
        assertThat(users.runAs("fi-city", () -> lists.list(new FindingLists.FindingQuery(null, null, true, 0, 50)))
                        .items())
                .extracting(Findings.Finding::id)
                .containsExactly(overdueId);
        // the township sees its own finding only; the county's are not its to read
        assertThat(users.runAs("fi-town", () -> lists.list(new FindingLists.FindingQuery(null, null, false, 0, 50)))
                        .items())
                .extracting(Findings.Finding::region)
                .containsExactly(TestData.TOWNSHIP);
        assertThatThrownBy(() -> users.runAs("fi-town", () -> findings.detail(id)))
                .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(HttpStatus.NOT_FOUND));

        // over HTTP: a step needs If-Match (428); the 整改台账 holds every finding of the caller's reach
        MockMvcTester mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        assertThat(mvc.post()
                        .uri("/api/v1/findings/" + id + "/steps")
                        .with(httpBasic("fi-county", PW))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\":\"x\"}")
                        .exchange())
                .hasStatus(428);
        // an inspector of the county holds the permission to sign off, but not this finding: it is the county's own
        TestData.user(jdbc, encoder, "fi-county-insp", "INSPECTOR", TestData.COUNTY, PW, false);
        assertThat(mvc.post()
                        .uri("/api/v1/findings/" + id + "/sign-off")
                        .with(httpBasic("fi-county-insp", PW))
                        .with(csrf())
                        .header("If-Match", "\"8\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"approved\":true}")
                        .exchange())
                .hasStatus(403);
        var export = mvc.get()
                .uri("/api/v1/findings/export")
                .with(httpBasic("fi-city", PW))
                .header("Accept-Language", "zh-CN")
                .exchange();
        assertThat(export).hasStatusOk();
        byte[] xlsx = export.getResponse().getContentAsByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            List<Row> data = rows.subList(2, rows.size());
            assertThat(data).hasSize(3);
            // in the order issued
            assertThat(data)
                    .extracting(r -> r.getCellRawValue(0).orElse("0"))
                    .isSortedAccordingTo((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
            assertThat(data).anySatisfy(r -> {
                assertThat(r.getCellAsString(6)).hasValue("项目资金拨付滞后");
                assertThat(r.getCellAsString(12)).hasValue("是");
            });
        }
    }

    /**
     * 督查通报: the findings of a source issued in a period, counted and listed; every figure in it is the test's own
     * count of the rows it wrote (grave, overdue, per state), a finding of another source is left out, and a period
     * that ends after today or before it starts is refused.
     */
    @Test
    void aBulletinCountsWhatItListsAndLeavesOutOtherSources() throws Exception {
        TestData.reset(jdbc);
        demo.load(600, 13);
        TestData.user(jdbc, encoder, "fb-city", "CITY", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "fb-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        LocalDate today = LocalDate.now(clock);
        long grave = issue(TestData.COUNTY, FindingSource.SUPERVISION, FindingSeverity.GRAVE, "督查发现台账不实", today);
        long minor = issue(TestData.TOWNSHIP, FindingSource.SUPERVISION, FindingSeverity.MINOR, "督查发现走访记录缺失", today);
        long other = issue(TestData.COUNTY, FindingSource.UNANNOUNCED, FindingSeverity.SERIOUS, "暗访发现政策不知晓", today);
        users.runAs("fb-town", () -> findings.step(minor, 1, new Findings.RectificationStep("补齐走访记录", today)));
        // the grave one's deadline passes
        jdbc.sql("update finding set deadline = ? where id = ?")
                .params(today.minusDays(1), grave)
                .update();
        MockMvcTester mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        var pdf = mvc.get()
                .uri("/api/v1/findings/bulletin.pdf?source=SUPERVISION")
                .with(httpBasic("fb-city", PW))
                .header("Accept-Language", "zh-CN")
                .exchange();
        assertThat(pdf).hasStatusOk().hasContentType(MediaType.APPLICATION_PDF);
        String text =
                TestData.pdfText(pdf.getResponse().getContentAsByteArray()).replaceAll("\\s+", "");
        Map<String, Object> n = jdbc.sql("""
                        select count(*) as total, count(*) filter (where severity = 'GRAVE') as grave,
                               count(*) filter (where severity = 'SERIOUS') as serious,
                               count(*) filter (where severity = 'MINOR') as minor,
                               count(distinct region_code) as regions,
                               count(*) filter (where state = 'TO_RECTIFY') as to_rectify,
                               count(*) filter (where state = 'RECTIFYING') as rectifying,
                               count(*) filter (where state in ('TO_RECTIFY', 'RECTIFYING') and deadline < ?) as late
                        from finding where source = 'SUPERVISION' and issued_on between ? and ?""")
                .params(today, today.withDayOfYear(1), today)
                .query()
                .singleRow();
        assertThat(((Number) n.get("total")).intValue()).isEqualTo(2);
        assertThat(((Number) n.get("late")).intValue()).isEqualTo(1);
        assertThat(text)
                .contains("共发现并交办问题" + n.get("total") + "个")
                .contains("严重" + n.get("grave") + "个、较重" + n.get("serious") + "个、一般" + n.get("minor") + "个")
                .contains("涉及" + n.get("regions") + "个地区")
                .contains("整改中" + n.get("rectifying") + "个，待整改" + n.get("to_rectify") + "个")
                .contains("已过整改时限仍未完成整改" + n.get("late") + "个")
                .contains("督查发现台账不实", "督查发现走访记录缺失", "（逾期）", "有关要求")
                .doesNotContain("暗访发现政策不知晓");
        assertThat(other).isPositive();
        // all sources: the third is in
        var all = mvc.get()
                .uri("/api/v1/findings/bulletin.pdf")
                .with(httpBasic("fb-city", PW))
                .header("Accept-Language", "zh-CN")
                .exchange();
        // kept beside the pages' screenshots, to be looked at
        java.nio.file.Path shots = java.nio.file.Path.of("target", "screenshots");
        java.nio.file.Files.createDirectories(shots);
        java.nio.file.Files.write(
                shots.resolve("finding-bulletin.pdf"), all.getResponse().getContentAsByteArray());
        assertThat(TestData.pdfText(all.getResponse().getContentAsByteArray()).replaceAll("\\s+", ""))
                .contains("共发现并交办问题3个", "暗访发现政策不知晓");
        // a township's user reads its own findings only, and no bulletin of a region beyond its reach
        var town = mvc.get()
                .uri("/api/v1/findings/bulletin.pdf")
                .with(httpBasic("fb-town", PW))
                .header("Accept-Language", "zh-CN")
                .exchange();
        assertThat(TestData.pdfText(town.getResponse().getContentAsByteArray()).replaceAll("\\s+", ""))
                .contains("共发现并交办问题1个", "督查发现走访记录缺失")
                .doesNotContain("督查发现台账不实");
        assertThat(mvc.get()
                        .uri("/api/v1/findings/bulletin.pdf?region=" + TestData.COUNTY)
                        .with(httpBasic("fb-town", PW))
                        .exchange())
                .hasStatus(404);
        // a period after today, or backwards: 422 naming the field
        assertThat(mvc.get()
                        .uri("/api/v1/findings/bulletin.pdf?to=" + today.plusDays(1))
                        .with(httpBasic("fb-city", PW))
                        .exchange())
                .hasStatus(422)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("to");
        assertThat(mvc.get()
                        .uri("/api/v1/findings/bulletin.pdf?from=" + today + "&to=" + today.minusDays(1))
                        .with(httpBasic("fb-city", PW))
                        .exchange())
                .hasStatus(422);
    }

    private long issue(String region, FindingSource source, FindingSeverity severity, String title, LocalDate today) {
        return users.runAs(
                        "fb-city",
                        () -> findings.issue(new Findings.FindingIssue(
                                region,
                                "责任单位",
                                source,
                                FindingCategory.IDENTIFICATION,
                                severity,
                                title,
                                title + "，请整改",
                                today.plusDays(20),
                                List.of(),
                                null)))
                .finding()
                .id();
    }
}
