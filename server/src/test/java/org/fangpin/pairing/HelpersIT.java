package org.fangpin.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.casework.Inbox;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.RegionImporter;
import org.fangpin.reporting.Ledgers;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * 帮扶责任人: helpers of a county with sealed phones; households paired one helper at a time, each change with its
 * reason, the plan following; coverage over the households that must have a helper (监测对象 not eliminated; 脱贫户
 * while the province's switch is on) after inclusion, elimination and a helper's departure; the cap; visits per
 * helper; who sees what. Each refusal changes nothing.
 */
@IntegrationTest
class HelpersIT {

    static final String PW = "Help-pass-2026";
    static final String OTHER_COUNTY_VILLAGE = "421123100201";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    Helpers helpers;

    @Autowired
    HelperCoverage coverage;

    @Autowired
    AssistancePlans plans;

    @Autowired
    Ledgers ledgers;

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
    MockMvc mvc;

    private void prepare() {
        TestData.reset(jdbc);
        String csv = TestData.REGIONS_CSV + """
                421123000000,麻城县,421100000000,3
                421123100000,南湖镇,421123000000,4
                421123100201,东村,421123100000,5
                """;
        regions.importFile(TestData.write(dir, "r.csv", csv), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "h-village", "VILLAGE", TestData.VILLAGE, PW, false);
        TestData.user(jdbc, encoder, "h-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "h-sibling", "TOWNSHIP", TestData.OTHER_TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "h-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "h-other", "COUNTY", "421123000000", PW, false);
        TestData.user(jdbc, encoder, "h-city", "CITY", TestData.CITY, PW, false);
        today = LocalDate.now(clock);
        mvc = AsSystemInTests.mockMvc(context);
    }

    private <T> T as(String user, Supplier<T> work) {
        return users.runAs(user, work);
    }

    private static void refused(HttpStatus status, Runnable action) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private static void invalid(Runnable action, String... fields) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(p -> p.field())
                                .containsExactlyInAnyOrder(fields));
    }

    /** A household registered through the API by the county office of its village, in a monitoring state. */
    private long household(String user, String no, String village, boolean exited, String state) throws Exception {
        String body = "{\"household\":{\"householdNo\":\"" + no + "\",\"villageCode\":\"" + village + "\","
                + (exited ? "\"identity\":\"EXITED\",\"exitYear\":2019" : "\"identity\":\"ORDINARY\"")
                + "},\"members\":[{\"name\":\"户主" + no.substring(no.length() - 2) + "\",\"idNumber\":\""
                + TestData.id("1960-01-01", Integer.parseInt(no.substring(no.length() - 2)))
                + "\",\"relation\":\"HEAD\"}]}";
        var created = mvc.perform(MockMvcRequestBuilders.post("/api/v1/households")
                        .with(httpBasic(user, PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        long id = ((Number) JsonPath.read(created.getContentAsString(StandardCharsets.UTF_8), "$.id")).longValue();
        state(id, state);
        return id;
    }

    /** Where the household stands in monitoring now (the registry's current row, as a decided case leaves it). */
    private void state(long household, String state) {
        jdbc.sql("update household set monitoring_state = ?, monitoring_category = case when ? = 'NONE' then null"
                        + " else 'MARGINAL' end, monitoring_since = case when ? = 'NONE' then null"
                        + " else current_date - 30 end, eliminated_on = case when ? = 'ELIMINATED' then current_date"
                        + " end, elimination_kind = case when ? = 'ELIMINATED' then 'ASSISTED' end"
                        + " where household_id = ? and valid_to is null")
                .params(state, state, state, state, state, household)
                .update();
    }

    private HelperCoverage.Coverage coverageAs(String user) {
        return as(user, () -> coverage.coverage(null));
    }

    private List<Long> unpaired(String user) {
        return as(user, () -> coverage.unpaired(null, null, 100)).stream()
                .map(HelperCoverage.Unpaired::householdId)
                .toList();
    }

    private void exitedSwitch(int value) {
        jdbc.sql("delete from policy_parameter where key = 'helper_for_exited_households' and province_code = ?")
                .param(TestData.PROVINCE)
                .update();
        jdbc.sql("insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by)"
                        + " values ('helper_for_exited_households', ?, date '2026-01-01', ?, 'test', 't')")
                .params(TestData.PROVINCE, value)
                .update();
    }

    @Test
    void helpersArePairedCoveredAndLeaveByTheRules() throws Exception {
        prepare();
        long monitored = household("h-county", "4211221002019001", TestData.VILLAGE, false, "MONITORED");
        long exited = household("h-county", "4211221002019002", TestData.VILLAGE, true, "NONE");
        long ordinary = household("h-county", "4211221002019003", TestData.VILLAGE, false, "NONE");
        long exitedMonitored = household("h-county", "4211221012019004", TestData.OTHER_VILLAGE, true, "MONITORED");
        long elsewhere = household("h-other", "4211231002019005", OTHER_COUNTY_VILLAGE, false, "MONITORED");

        // helpers: the county's, and the township's in its county; not twice; not by a village; checked fields
        Helpers.Helper wang = as(
                "h-county",
                () -> helpers.create(new Helpers.NewHelper(null, "王帮扶", "县农业农村局", "科员", "13800000001", null)));
        assertThat(wang.county()).isEqualTo(TestData.COUNTY);
        assertThat(wang.phone()).isEqualTo("138****0001");
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "h-county",
                        () -> helpers.create(new Helpers.NewHelper(null, "王帮扶", null, null, "13800000001", null))));
        refused(
                HttpStatus.FORBIDDEN,
                () -> as(
                        "h-village", () -> helpers.create(new Helpers.NewHelper(null, "村干部", null, null, null, null))));
        invalid(
                () -> as(
                        "h-county",
                        () -> helpers.create(
                                new Helpers.NewHelper("421123000000", " ", null, null, "12345", "h-village"))),
                "county",
                "name",
                "phone",
                "username");
        Helpers.Helper li = as(
                "h-town", () -> helpers.create(new Helpers.NewHelper(null, "李帮扶", "城关镇人民政府", null, null, "h-village")));
        assertThat(li.county()).isEqualTo(TestData.COUNTY);
        // the phone is sealed: its digits are nowhere in the table
        assertThat(jdbc.sql("select count(*) from helper where position(convert_to('13800000001', 'UTF8') in"
                                + " coalesce(phone_enc, ''::bytea)) > 0")
                        .query(Long.class)
                        .single())
                .isZero();

        // coverage: the monitored households (the 过渡期's switch for 脱贫户 is off after 2025)
        HelperCoverage.Coverage c = coverageAs("h-county");
        assertThat(c.exitedRequired()).isFalse();
        assertThat(c.total().required()).isEqualTo(2);
        assertThat(c.total().paired()).isZero();
        assertThat(c.below())
                .extracting(HelperCoverage.Row::region, HelperCoverage.Row::required)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(TestData.TOWNSHIP, 1L),
                        org.assertj.core.groups.Tuple.tuple(TestData.OTHER_TOWNSHIP, 1L));
        assertThat(unpaired("h-county")).containsExactlyInAnyOrder(monitored, exitedMonitored);
        // the province keeps 摘帽不摘帮扶: its 脱贫户 must have helpers too
        exitedSwitch(1);
        assertThat(coverageAs("h-county").total().required()).isEqualTo(3);
        assertThat(unpaired("h-county")).containsExactlyInAnyOrder(monitored, exited, exitedMonitored);
        // a township sees its own households only
        assertThat(unpaired("h-town")).containsExactlyInAnyOrder(monitored, exited);
        // 待办: households without a helper or a plan to name one on
        assertThat(as("h-county", () -> inbox.tasks(Inbox.Action.PAIR_HOUSEHOLD, 0, 50))
                        .tasks())
                .extracting(Inbox.Task::householdId)
                .containsExactlyInAnyOrder(monitored, exited, exitedMonitored);

        // the plan names the helper: the plan starts, the household is paired
        AssistancePlans.Plan p = as(
                "h-county", () -> plans.assign(monitored, null, new AssistancePlans.Responsible(wang.id(), null, 30)));
        assertThat(p.helperId()).isEqualTo(wang.id());
        assertThat(p.responsibleName()).isEqualTo("王帮扶");
        assertThat(as("h-county", () -> plans.detail(monitored)).helper().phone())
                .isEqualTo("138****0001");
        // a 脱贫户 without a plan is paired from the helper's side
        as("h-town", () -> helpers.pair(li.id(), new Helpers.NewPairing(exited, null)));
        assertThat(unpaired("h-county")).containsExactly(exitedMonitored);
        assertThat(as("h-county", () -> inbox.tasks(Inbox.Action.PAIR_HOUSEHOLD, 0, 50))
                        .tasks())
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.householdId()).isEqualTo(exitedMonitored);
                    assertThat(t.path()).isEqualTo("/helpers/unpaired");
                });
        assertThat(as("h-village", () -> inbox.tasks(null, 0, 50)).byAction())
                .doesNotContainKey(Inbox.Action.PAIR_HOUSEHOLD);
        assertThat(coverageAs("h-county").total().paired()).isEqualTo(2);
        // an ordinary household not monitored has no helper; another county's is out of reach
        invalid(
                () -> as("h-county", () -> helpers.pair(wang.id(), new Helpers.NewPairing(ordinary, null))),
                "householdId");
        invalid(
                () -> as("h-county", () -> helpers.pair(wang.id(), new Helpers.NewPairing(elsewhere, null))),
                "householdId");
        // nor is a helper of another county
        Helpers.Helper zhao =
                as("h-other", () -> helpers.create(new Helpers.NewHelper(null, "赵帮扶", null, null, null, null)));
        invalid(
                () -> as("h-other", () -> helpers.pair(zhao.id(), new Helpers.NewPairing(monitored, null))),
                "householdId");
        refused(HttpStatus.NOT_FOUND, () -> as("h-county", () -> helpers.get(zhao.id())));

        // replacing a household's helper needs the reason; the plan follows, the old pairing keeps it
        int v = as("h-county", () -> plans.detail(monitored)).plan().version();
        invalid(
                () -> as(
                        "h-county",
                        () -> plans.assign(monitored, v, new AssistancePlans.Responsible(li.id(), null, null))),
                "reason");
        AssistancePlans.Plan moved = as(
                "h-county",
                () -> plans.assign(
                        monitored, v, new AssistancePlans.Responsible(li.id(), "原帮扶责任人工作调整，改由包村干部结对", null)));
        assertThat(moved.helperId()).isEqualTo(li.id());
        assertThat(moved.responsibleUser()).isEqualTo("h-village");
        Helpers.Detail wangNow = as("h-county", () -> helpers.get(wang.id()));
        assertThat(wangNow.households()).isEmpty();
        assertThat(wangNow.ended())
                .singleElement()
                .satisfies(x -> assertThat(x.endReason()).isEqualTo("原帮扶责任人工作调整，改由包村干部结对"));
        // stale plan version
        refused(
                HttpStatus.PRECONDITION_FAILED,
                () -> as(
                        "h-county",
                        () -> plans.assign(monitored, v, new AssistancePlans.Responsible(wang.id(), "x", null))));

        // a visit counts for the helper paired then
        as("h-county", () -> plans.visit(monitored, new AssistancePlans.NewVisit(today, "入户走访", true, true)));
        Helpers.Detail liNow = as("h-county", () -> helpers.get(li.id()));
        assertThat(liNow.households())
                .extracting(Helpers.Paired::householdId, Helpers.Paired::visits, Helpers.Paired::lastVisit)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(monitored, 1L, today),
                        org.assertj.core.groups.Tuple.tuple(exited, 0L, null));
        assertThat(liNow.helper().households()).isEqualTo(2);
        // the sibling township sees the county's helpers, not the households of another township
        assertThat(as("h-sibling", () -> helpers.get(li.id())).households()).isEmpty();
        // nor may it make the helper of another township's households leave
        refused(
                HttpStatus.FORBIDDEN,
                () -> as(
                        "h-sibling",
                        () -> helpers.depart(li.id(), liNow.helper().version(), new Helpers.Departure(today, "调走"))));
        assertThat(as("h-village", () -> helpers.list(new Helpers.Query(null, null, null, 50))))
                .extracting(Helpers.Helper::name)
                .containsExactlyInAnyOrder("王帮扶", "李帮扶");
        assertThat(as("h-city", () -> helpers.list(new Helpers.Query(null, null, null, 50))))
                .extracting(Helpers.Helper::name)
                .containsExactlyInAnyOrder("王帮扶", "李帮扶", "赵帮扶");

        // the cap: a province may limit households per helper
        jdbc.sql("insert into policy_parameter (key, province_code, valid_from, value, source_note, recorded_by)"
                        + " values ('helper_max_households', ?, date '2026-01-01', 2, 'test', 't')")
                .param(TestData.PROVINCE)
                .update();
        invalid(
                () -> as("h-county", () -> helpers.pair(li.id(), new Helpers.NewPairing(exitedMonitored, null))),
                "helperId");
        as("h-county", () -> helpers.pair(wang.id(), new Helpers.NewPairing(exitedMonitored, null)));
        assertThat(unpaired("h-county")).isEmpty();

        // a correction of the helper's name reaches the plans naming them
        Helpers.Helper renamed = as(
                "h-county",
                () -> helpers.amend(
                        li.id(),
                        // pairings raised the version since it was read at creation
                        helpers.get(li.id()).helper().version(),
                        new Helpers.Change("李小帮", "城关镇人民政府", "包村干部", "0713-5123456", "h-village")));
        assertThat(renamed.version()).isGreaterThan(li.version() + 1);
        assertThat(as("h-county", () -> plans.detail(monitored)).plan().responsibleName())
                .isEqualTo("李小帮");
        refused(
                HttpStatus.PRECONDITION_FAILED,
                () -> as(
                        "h-county",
                        () -> helpers.amend(li.id(), li.version(), new Helpers.Change("李", null, null, null, null))));

        // the helper leaves: their households are unpaired, the plan too, each listed with its last pairing
        invalid(
                () -> as(
                        "h-county",
                        () -> helpers.depart(li.id(), renamed.version(), new Helpers.Departure(today, " "))),
                "reason");
        Helpers.Helper gone = as(
                "h-county", () -> helpers.depart(li.id(), renamed.version(), new Helpers.Departure(today, "调任县直单位")));
        assertThat(gone.status()).isEqualTo(HelperStatus.DEPARTED);
        assertThat(gone.households()).isZero();
        assertThat(as("h-county", () -> plans.detail(monitored)).plan().helperId())
                .isNull();
        List<HelperCoverage.Unpaired> left = as("h-county", () -> coverage.unpaired(null, null, 100));
        assertThat(left).extracting(HelperCoverage.Unpaired::householdId).containsExactlyInAnyOrder(monitored, exited);
        assertThat(left).allSatisfy(u -> {
            assertThat(u.lastHelper()).isEqualTo("李小帮");
            assertThat(u.lastEndReason()).contains("调任县直单位");
        });
        // a departed helper takes no household
        invalid(() -> as("h-county", () -> helpers.pair(li.id(), new Helpers.NewPairing(monitored, null))), "helperId");

        // elimination: an ordinary household whose risk is eliminated no longer must have a helper; a 脱贫户 still does
        state(monitored, "ELIMINATED");
        state(exitedMonitored, "ELIMINATED");
        assertThat(unpaired("h-county")).containsExactly(exited);
        HelperCoverage.Coverage after = coverageAs("h-county");
        assertThat(after.total().required()).isEqualTo(2);
        assertThat(after.total().paired()).isEqualTo(1);

        // the 结对帮扶台账 reconciles with the pairings and households counted here
        String inCounty = " and h.village_code like '421122%'";
        long pairedNow = jdbc.sql("select count(*) from helper_pairing h where ended_on is null" + inCounty)
                .query(Long.class)
                .single();
        long unpairedAll = jdbc.sql("select count(*) from household h where valid_to is null and not deleted"
                        + " and (monitoring_state <> 'NONE' or identity = 'EXITED')" + inCounty
                        + " and not exists (select 1 from helper_pairing x where x.household_id = h.household_id"
                        + " and x.ended_on is null)")
                .query(Long.class)
                .single();
        assertThat(pairedNow).isEqualTo(1);
        assertThat(as(
                        "h-county",
                        () -> ledgers.count(
                                "pairings", new Ledgers.Request(TestData.COUNTY, null, null, Map.of("paired", "YES")))))
                .isEqualTo(pairedNow);
        assertThat(as(
                        "h-county",
                        () -> ledgers.count(
                                "pairings", new Ledgers.Request(TestData.COUNTY, null, null, Map.of("paired", "NO")))))
                .isEqualTo(unpairedAll);
        assertThat(as("h-town", () -> ledgers.count("pairings", new Ledgers.Request(null, null, null, Map.of()))))
                .isEqualTo(2); // the township's: the household whose risk was eliminated and the 脱贫户, both unpaired

        // every change is in the audit log, the phone never
        List<String> actions = jdbc.sql("select action from audit_log where (entity = 'helper' and entity_id in"
                        + " (?, ?)) or (entity = 'household' and entity_id in (?, ?)) order by seq")
                .params(
                        Long.toString(wang.id()),
                        Long.toString(li.id()),
                        Long.toString(monitored),
                        Long.toString(exited))
                .query(String.class)
                .list();
        assertThat(actions).contains("HELPER_ADDED", "HELPER_PAIRED", "HELPER_AMENDED", "HELPER_DEPARTED");
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'helper' and entity_id in (?, ?)"
                                + " and (detail::text like '%13800000001%' or detail::text like '%5123456%')")
                        .params(Long.toString(wang.id()), Long.toString(li.id()))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void theApiRefusesInWordsAndChangesNothing() throws Exception {
        prepare();
        var bad = mvc.perform(MockMvcRequestBuilders.post("/api/v1/helpers")
                        .with(httpBasic("h-county", PW))
                        .header("Accept-Language", "zh-CN")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"\",\"phone\":\"abc\"}"))
                .andReturn()
                .getResponse();
        assertThat(bad.getStatus()).isEqualTo(422);
        assertThat(bad.getContentType()).startsWith("application/problem+json");
        assertThat(bad.getContentAsString(StandardCharsets.UTF_8)).contains("name", "phone", "手机号");
        assertThat(jdbc.sql("select count(*) from helper").query(Long.class).single())
                .isZero();
        var made = mvc.perform(MockMvcRequestBuilders.post("/api/v1/helpers")
                        .with(httpBasic("h-county", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"王帮扶\",\"phone\":\"13800000001\"}"))
                .andReturn()
                .getResponse();
        assertThat(made.getStatus()).isEqualTo(201);
        String id = JsonPath.read(made.getContentAsString(StandardCharsets.UTF_8), "$.id")
                .toString();
        assertThat(made.getContentAsString(StandardCharsets.UTF_8)).doesNotContain("13800000001");
        // an amendment without If-Match is 428, with a stale one 412
        var stale = mvc.perform(MockMvcRequestBuilders.put("/api/v1/helpers/" + id)
                        .with(httpBasic("h-county", PW))
                        .header("If-Match", "\"7\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"王\"}"))
                .andReturn()
                .getResponse();
        assertThat(stale.getStatus()).isEqualTo(412);
        var unconditional = mvc.perform(MockMvcRequestBuilders.put("/api/v1/helpers/" + id)
                        .with(httpBasic("h-county", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"王\"}"))
                .andReturn()
                .getResponse();
        assertThat(unconditional.getStatus()).isEqualTo(428);
        var village = mvc.perform(MockMvcRequestBuilders.post("/api/v1/helpers")
                        .with(httpBasic("h-village", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"村\"}"))
                .andReturn()
                .getResponse();
        assertThat(village.getStatus()).isEqualTo(403);
        assertThat(jdbc.sql("select name from helper").query(String.class).list())
                .containsExactly("王帮扶");
    }
}
