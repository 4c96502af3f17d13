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
import java.util.function.Supplier;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.casework.Inbox;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.RegionImporter;
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
 * 驻村工作队: a team sent to a village by units, its 第一书记 and members — nobody on two teams, one 第一书记 per village,
 * terms from the parameter, recall only with the county's approval, the team kept in a village with monitored
 * households unless the county says why; IDs sealed and masked; each refusal a problem document with nothing changed.
 */
@IntegrationTest
class WorkTeamsIT {

    static final String PW = "Team-pass-2026";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    WorkTeams teams;

    @Autowired
    TeamAttendance attendance;

    @Autowired
    TeamTraining training;

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

    private void prepare() {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "t-village", "VILLAGE", TestData.VILLAGE, PW, false);
        TestData.user(jdbc, encoder, "t-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "t-sibling", "TOWNSHIP", TestData.OTHER_TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "t-county", "COUNTY", TestData.COUNTY, PW, false);
        today = LocalDate.now(clock);
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

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void aTeamIsSentKeptAndEndedByTheRules() throws Exception {
        prepare();
        WorkTeams.Unit bank = as(
                "t-county",
                () -> teams.addUnit(new WorkTeams.NewUnit("省农业发展银行", UnitKind.STATE_ENTERPRISE, "武汉市", null)));
        WorkTeams.Unit bureau =
                as("t-county", () -> teams.addUnit(new WorkTeams.NewUnit("县交通运输局", UnitKind.COUNTY_ORGAN, null, null)));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "t-county",
                        () -> teams.addUnit(new WorkTeams.NewUnit("县交通运输局", UnitKind.COUNTY_ORGAN, null, null))));
        refused(
                HttpStatus.FORBIDDEN,
                () -> as("t-village", () -> teams.addUnit(new WorkTeams.NewUnit("x", UnitKind.HOSPITAL, null, null))));

        // a team for the village, a year ago; not twice; not by a village; not for a village out of reach
        LocalDate started = today.minusYears(1);
        refused(
                HttpStatus.FORBIDDEN,
                () -> as(
                        "t-village",
                        () -> teams.start(new WorkTeams.NewTeam(TestData.VILLAGE, started, List.of(bank.id())))));
        invalid(
                () -> as(
                        "t-county",
                        () -> teams.start(new WorkTeams.NewTeam(TestData.TOWNSHIP, today.plusDays(1), List.of(999L)))),
                "village",
                "startedOn",
                "unitIds");
        WorkTeams.Team team = as(
                "t-county",
                () -> teams.start(new WorkTeams.NewTeam(TestData.VILLAGE, started, List.of(bank.id(), bureau.id()))));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "t-county",
                        () -> teams.start(new WorkTeams.NewTeam(TestData.VILLAGE, started, List.of(bank.id())))));
        assertThat(team.units()).extracting(WorkTeams.Unit::name).containsExactly("县交通运输局", "省农业发展银行");
        assertThat(team.understaffed()).isTrue();
        assertThat(team.firstSecretary()).isFalse();
        refused(HttpStatus.NOT_FOUND, () -> as("t-sibling", () -> teams.get(team.id())));

        // the 第一书记: the term from the parameter (24 months); bad fields all at once; nothing written
        String idA = TestData.id("1985-03-04", 11);
        invalid(
                () -> as(
                        "t-county",
                        () -> teams.addMember(
                                team.id(),
                                team.version(),
                                new WorkTeams.NewMember(
                                        "", "421122198503040000", "12", 999L, null, started.minusDays(1), null))),
                "name",
                "idNumber",
                "phone",
                "unitId",
                "post",
                "termFrom");
        assertThat(count("team_member")).isZero();
        WorkTeams.Team t1 = as(
                "t-county",
                () -> teams.addMember(
                        team.id(),
                        team.version(),
                        new WorkTeams.NewMember(
                                "张书记", idA, "13800138000", bank.id(), TeamPost.FIRST_SECRETARY, started, null)));
        WorkTeams.Member a = t1.members().get(0);
        assertThat(a.termTo()).isEqualTo(started.plusMonths(24));
        assertThat(a.idNumber()).isEqualTo(idA.substring(0, 6) + "********" + idA.substring(14));
        assertThat(a.phone()).doesNotContain("13800138000");
        assertThat(t1.firstSecretary()).isTrue();
        // sealed at rest, and never in the audit log
        assertThat(new String(
                        jdbc.sql("select id_number_enc from team_member")
                                .query(byte[].class)
                                .single(),
                        StandardCharsets.ISO_8859_1))
                .doesNotContain(idA);
        assertThat(jdbc.sql("select count(*) from audit_log where detail::text like ?")
                        .param("%" + idA + "%")
                        .query(Long.class)
                        .single())
                .isZero();
        // a stale version; a second 第一书记 for the village
        refused(
                HttpStatus.PRECONDITION_FAILED,
                () -> as(
                        "t-county",
                        () -> teams.addMember(
                                team.id(),
                                team.version(),
                                new WorkTeams.NewMember(
                                        "李",
                                        TestData.id("1990-01-01", 12),
                                        null,
                                        bank.id(),
                                        TeamPost.MEMBER,
                                        null,
                                        null))));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "t-county",
                        () -> teams.addMember(
                                team.id(),
                                t1.version(),
                                new WorkTeams.NewMember(
                                        "王书记",
                                        TestData.id("1980-01-01", 13),
                                        null,
                                        bank.id(),
                                        TeamPost.FIRST_SECRETARY,
                                        null,
                                        null))));
        // two members, one whose term ends within the notice: the team is staffed, one term listed for rotation
        WorkTeams.Team t2 = as(
                "t-county",
                () -> teams.addMember(
                        team.id(),
                        t1.version(),
                        new WorkTeams.NewMember(
                                "李队员",
                                TestData.id("1990-01-01", 12),
                                null,
                                bureau.id(),
                                TeamPost.MEMBER,
                                started,
                                today.plusDays(30))));
        WorkTeams.Team t3 = as(
                "t-county",
                () -> teams.addMember(
                        team.id(),
                        t2.version(),
                        new WorkTeams.NewMember(
                                "赵队长", TestData.id("1988-08-08", 14), null, bureau.id(), TeamPost.LEADER, null, null)));
        assertThat(t3.onDuty()).isEqualTo(3);
        assertThat(t3.understaffed()).isFalse();
        assertThat(t3.members())
                .filteredOn(WorkTeams.Member::rotationDue)
                .extracting(WorkTeams.Member::name)
                .containsExactly("李队员");
        WorkTeams.Overview seen = as("t-town", () -> teams.overview(false));
        assertThat(seen.withTeam()).isEqualTo(1);
        assertThat(seen.villages()).isEqualTo(2);
        assertThat(seen.due()).isEqualTo(1);
        assertThat(seen.understaffed()).isZero();
        assertThat(as("t-sibling", () -> teams.overview(false)).teams()).isEmpty();

        // nobody on two teams: the 第一书记 cannot be sent to the other village while at work here
        WorkTeams.Team other = as(
                "t-county",
                () -> teams.start(new WorkTeams.NewTeam(TestData.OTHER_VILLAGE, today, List.of(bureau.id()))));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "t-county",
                        () -> teams.addMember(
                                other.id(),
                                other.version(),
                                new WorkTeams.NewMember(
                                        "张书记", idA, null, bank.id(), TeamPost.FIRST_SECRETARY, today, null))));
        // 召回 needs the reason and the county's approval; then the person may go elsewhere
        invalid(
                () -> as(
                        "t-county",
                        () -> teams.leave(
                                team.id(),
                                t3.version(),
                                a.id(),
                                new WorkTeams.Leave(MemberStatus.RECALLED, today, null, null))),
                "reason",
                "approvalNo");
        invalid(
                () -> as(
                        "t-county",
                        () -> teams.leave(
                                team.id(),
                                t3.version(),
                                a.id(),
                                new WorkTeams.Leave(MemberStatus.EXPIRED, today, null, null))),
                "on");
        WorkTeams.Team t4 = as(
                "t-county",
                () -> teams.leave(
                        team.id(),
                        t3.version(),
                        a.id(),
                        new WorkTeams.Leave(MemberStatus.RECALLED, today, "工作调整", "红组干〔2026〕7号")));
        assertThat(t4.firstSecretary()).isFalse();
        assertThat(t4.understaffed()).isTrue();
        WorkTeams.Team moved = as(
                "t-county",
                () -> teams.addMember(
                        other.id(),
                        other.version(),
                        new WorkTeams.NewMember("张书记", idA, null, bank.id(), TeamPost.FIRST_SECRETARY, today, null)));
        assertThat(moved.firstSecretary()).isTrue();

        // a village with a monitored household keeps its team unless the county says why
        MockMvc mvc = AsSystemInTests.mockMvc(context);
        String body = "{\"household\":{\"householdNo\":\"4211221002019001\",\"villageCode\":\"" + TestData.VILLAGE
                + "\",\"identity\":\"EXITED\",\"exitYear\":2019},\"members\":[{\"name\":\"户主\",\"idNumber\":\""
                + TestData.id("1960-01-01", 21) + "\",\"relation\":\"HEAD\"}]}";
        var created = mvc.perform(MockMvcRequestBuilders.post("/api/v1/households")
                        .with(httpBasic("t-county", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        long household =
                ((Number) JsonPath.read(created.getContentAsString(StandardCharsets.UTF_8), "$.id")).longValue();
        jdbc.sql("update household set monitoring_state = 'MONITORED', monitoring_category = 'MARGINAL',"
                        + " monitoring_since = current_date - 30 where household_id = ?")
                .param(household)
                .update();
        invalid(
                () -> as("t-county", () -> teams.end(team.id(), t4.version(), new WorkTeams.End(today, "到期"))),
                "reason");
        WorkTeams.Team ended = as(
                "t-county",
                () -> teams.end(team.id(), t4.version(), new WorkTeams.End(today, "经县委组织部研究，由新一批工作队接续，监测户帮扶不断档")));
        assertThat(ended.endedOn()).isEqualTo(today);
        assertThat(ended.members())
                .filteredOn(m -> m.status() == MemberStatus.ON_DUTY)
                .isEmpty();
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "t-county",
                        () -> teams.addMember(
                                team.id(),
                                ended.version(),
                                new WorkTeams.NewMember(
                                        "新",
                                        TestData.id("1991-01-01", 15),
                                        null,
                                        bank.id(),
                                        TeamPost.MEMBER,
                                        null,
                                        null))));
        assertThat(jdbc.sql("select action from audit_log where entity = 'work_team' and entity_id in (?, ?)"
                                + " order by seq")
                        .params(Long.toString(team.id()), Long.toString(other.id()))
                        .query(String.class)
                        .list())
                .containsExactly(
                        "TEAM_STARTED",
                        "MEMBER_SENT",
                        "MEMBER_SENT",
                        "MEMBER_SENT",
                        "TEAM_STARTED",
                        "MEMBER_LEFT",
                        "MEMBER_SENT",
                        "TEAM_ENDED");
    }

    @Test
    void theVillageLogsDaysTheTownshipDecidesLeaveAndShortMonthsAreListed() {
        prepare();
        WorkTeams.Unit unit =
                as("t-county", () -> teams.addUnit(new WorkTeams.NewUnit("县水利局", UnitKind.COUNTY_ORGAN, null, null)));
        // a term from the 11th of last month: last month's rule is 20 days for the 30 or 31 days of the month, pro rata
        java.time.YearMonth last = java.time.YearMonth.from(today).minusMonths(1);
        LocalDate from = last.atDay(11);
        WorkTeams.Team team =
                as("t-county", () -> teams.start(new WorkTeams.NewTeam(TestData.VILLAGE, from, List.of(unit.id()))));
        WorkTeams.Team t = as(
                "t-county",
                () -> teams.addMember(
                        team.id(),
                        team.version(),
                        new WorkTeams.NewMember(
                                "孙",
                                TestData.id("1987-07-07", 51),
                                null,
                                unit.id(),
                                TeamPost.FIRST_SECRETARY,
                                from,
                                null)));
        WorkTeams.Team t2 = as(
                "t-county",
                () -> teams.addMember(
                        team.id(),
                        t.version(),
                        new WorkTeams.NewMember(
                                "钱", TestData.id("1989-09-09", 52), null, unit.id(), TeamPost.MEMBER, from, null)));
        // 李 is never logged: the month over, 李 is short
        as(
                "t-county",
                () -> teams.addMember(
                        team.id(),
                        t2.version(),
                        new WorkTeams.NewMember(
                                "李", TestData.id("1993-03-03", 53), null, unit.id(), TeamPost.MEMBER, from, null)));
        long sun = t2.members().stream()
                .filter(m -> m.name().equals("孙"))
                .findFirst()
                .orElseThrow()
                .id();
        long qian = t2.members().stream()
                .filter(m -> m.name().equals("钱"))
                .findFirst()
                .orElseThrow()
                .id();
        int covered = last.lengthOfMonth() - 10;
        int rule = 20 * covered / last.lengthOfMonth();
        // the county does not log; more days than the term has that month refused; a month before the term refused
        refused(
                HttpStatus.FORBIDDEN,
                () -> as("t-county", () -> attendance.log(team.id(), sun, last, new TeamAttendance.Log(5, null))));
        invalid(
                () -> as(
                        "t-village",
                        () -> attendance.log(team.id(), sun, last, new TeamAttendance.Log(covered + 1, null))),
                "daysInVillage");
        invalid(
                () -> as(
                        "t-village",
                        () -> attendance.log(team.id(), sun, last.minusMonths(1), new TeamAttendance.Log(1, null))),
                "month");
        // 孙 in the village the rule's days; 钱 a day short, then 3 days' leave approved by the township: not short
        TeamAttendance.Row ok =
                as("t-village", () -> attendance.log(team.id(), sun, last, new TeamAttendance.Log(rule, "驻村日志为证")));
        assertThat(ok.required()).isEqualTo(rule);
        assertThat(ok.shortfall()).isFalse();
        assertThat(as("t-village", () -> attendance.log(team.id(), qian, last, new TeamAttendance.Log(rule - 1, null)))
                        .shortfall())
                .isTrue();
        TeamAttendance.Leave asked = as(
                "t-village",
                () -> attendance.requestLeave(
                        team.id(), qian, new TeamAttendance.NewLeave(last.atDay(20), last.atDay(22), "家中老人住院")));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "t-village",
                        () -> attendance.requestLeave(
                                team.id(), qian, new TeamAttendance.NewLeave(last.atDay(22), last.atDay(23), "x"))));
        refused(
                HttpStatus.FORBIDDEN,
                () -> as(
                        "t-village",
                        () -> attendance.decideLeave(team.id(), asked.id(), new TeamAttendance.Decision(true, null))));
        refused(
                HttpStatus.NOT_FOUND,
                () -> as(
                        "t-sibling",
                        () -> attendance.decideLeave(team.id(), asked.id(), new TeamAttendance.Decision(true, null))));
        as("t-town", () -> attendance.decideLeave(team.id(), asked.id(), new TeamAttendance.Decision(true, "同意")));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "t-town",
                        () -> attendance.decideLeave(team.id(), asked.id(), new TeamAttendance.Decision(false, null))));
        TeamAttendance.Month m = as("t-town", () -> attendance.month(last));
        assertThat(m.rows())
                .extracting(TeamAttendance.Row::name, TeamAttendance.Row::required, TeamAttendance.Row::shortfall)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("孙", rule, false),
                        org.assertj.core.groups.Tuple.tuple("钱", Math.max(0, rule - 3), false),
                        org.assertj.core.groups.Tuple.tuple("李", rule, true));
        assertThat(m.shortfalls()).isEqualTo(1);
        assertThat(as("t-sibling", () -> attendance.month(last)).rows()).isEmpty();
        // the month before the terms began: nobody is listed
        assertThat(as("t-town", () -> attendance.month(last.minusMonths(1))).rows())
                .isEmpty();
    }

    @Test
    void theApiTakesTheVersionAndAnswersInProblemDocuments() throws Exception {
        prepare();
        MockMvc mvc = AsSystemInTests.mockMvc(context);
        var unit = mvc.perform(MockMvcRequestBuilders.post("/api/v1/units")
                        .with(httpBasic("t-county", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"县人民医院\",\"kind\":\"HOSPITAL\"}"))
                .andReturn()
                .getResponse();
        assertThat(unit.getStatus()).isEqualTo(201);
        long unitId = ((Number) JsonPath.read(unit.getContentAsString(StandardCharsets.UTF_8), "$.id")).longValue();
        var team = mvc.perform(MockMvcRequestBuilders.post("/api/v1/teams")
                        .with(httpBasic("t-county", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"village\":\"" + TestData.VILLAGE + "\",\"startedOn\":\"" + today
                                + "\",\"unitIds\":[" + unitId + "]}"))
                .andReturn()
                .getResponse();
        assertThat(team.getStatus()).isEqualTo(201);
        String etag = team.getHeader("ETag");
        long teamId = ((Number) JsonPath.read(team.getContentAsString(StandardCharsets.UTF_8), "$.id")).longValue();
        String member = "{\"name\":\"刘\",\"idNumber\":\"" + TestData.id("1985-05-05", 31) + "\",\"unitId\":" + unitId
                + ",\"post\":\"MEMBER\"}";
        var noTag = mvc.perform(MockMvcRequestBuilders.post("/api/v1/teams/" + teamId + "/members")
                        .with(httpBasic("t-county", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(member))
                .andReturn()
                .getResponse();
        assertThat(noTag.getStatus()).isEqualTo(428);
        var bad = mvc.perform(MockMvcRequestBuilders.post("/api/v1/teams/" + teamId + "/members")
                        .with(httpBasic("t-county", PW))
                        .header("If-Match", etag)
                        .header("Accept-Language", "zh-CN")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(member.replace("MEMBER", "CAPTAIN")))
                .andReturn()
                .getResponse();
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentType()).contains("application/problem+json");
        var ok = mvc.perform(MockMvcRequestBuilders.post("/api/v1/teams/" + teamId + "/members")
                        .with(httpBasic("t-county", PW))
                        .header("If-Match", etag)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(member))
                .andReturn()
                .getResponse();
        assertThat(ok.getStatus())
                .as(ok.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(JsonPath.<String>read(ok.getContentAsString(StandardCharsets.UTF_8), "$.members[0].idNumber"))
                .contains("*");
        var stale = mvc.perform(MockMvcRequestBuilders.post("/api/v1/teams/" + teamId + "/members")
                        .with(httpBasic("t-county", PW))
                        .header("If-Match", etag)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(member))
                .andReturn()
                .getResponse();
        assertThat(stale.getStatus()).isEqualTo(412);
        var read = mvc.perform(
                        MockMvcRequestBuilders.get("/api/v1/teams/" + teamId).with(httpBasic("t-village", PW)))
                .andReturn()
                .getResponse();
        assertThat(read.getStatus()).isEqualTo(200);
        var write = mvc.perform(MockMvcRequestBuilders.post("/api/v1/teams/" + teamId + "/end")
                        .with(httpBasic("t-village", PW))
                        .header("If-Match", read.getHeader("ETag"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andReturn()
                .getResponse();
        assertThat(write.getStatus()).isEqualTo(403);
    }

    @Test
    void trainingIsRecordedAndTheUntrainedAreListed() {
        prepare();
        WorkTeams.Unit unit =
                as("t-county", () -> teams.addUnit(new WorkTeams.NewUnit("县委组织部", UnitKind.COUNTY_ORGAN, null, null)));
        WorkTeams.Team team = as(
                "t-county",
                () -> teams.start(new WorkTeams.NewTeam(TestData.VILLAGE, today.minusYears(1), List.of(unit.id()))));
        // sent 100 days ago and never trained; sent 10 days ago; sent 100 days ago, trained a month before the term
        WorkTeams.Team t1 = as(
                "t-county",
                () -> teams.addMember(
                        team.id(),
                        team.version(),
                        new WorkTeams.NewMember(
                                "甲队员",
                                TestData.id("1980-01-01", 31),
                                null,
                                unit.id(),
                                TeamPost.MEMBER,
                                today.minusDays(100),
                                null)));
        WorkTeams.Team t2 = as(
                "t-county",
                () -> teams.addMember(
                        team.id(),
                        t1.version(),
                        new WorkTeams.NewMember(
                                "乙队员",
                                TestData.id("1981-01-01", 33),
                                null,
                                unit.id(),
                                TeamPost.MEMBER,
                                today.minusDays(10),
                                null)));
        WorkTeams.Team t3 = as(
                "t-county",
                () -> teams.addMember(
                        team.id(),
                        t2.version(),
                        new WorkTeams.NewMember(
                                "丙队员",
                                TestData.id("1982-01-01", 35),
                                null,
                                unit.id(),
                                TeamPost.LEADER,
                                today.minusDays(100),
                                null)));
        long a = t3.members().stream()
                .filter(m -> m.name().equals("甲队员"))
                .findFirst()
                .orElseThrow()
                .id();
        long c = t3.members().stream()
                .filter(m -> m.name().equals("丙队员"))
                .findFirst()
                .orElseThrow()
                .id();
        TeamTraining.Training pre = as(
                "t-county",
                () -> training.record(new TeamTraining.NewTraining(
                        "岗前培训", today.minusDays(130), java.math.BigDecimal.valueOf(2), "县委组织部", List.of(c))));
        assertThat(pre.members()).extracting(TeamTraining.Trainee::name).containsExactly("丙队员");
        // only the first is past the 60 days with none counted
        assertThat(as("t-county", () -> training.overview()).untrained())
                .extracting(TeamTraining.Untrained::name, TeamTraining.Untrained::dueBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("甲队员", today.minusDays(40)));
        // a training before the 90 days ahead of the term does not count
        jdbc.sql("update team_training set held_on = ? where id = ?")
                .params(today.minusDays(200), pre.id())
                .update();
        assertThat(as("t-county", () -> training.overview()).untrained())
                .extracting(TeamTraining.Untrained::name)
                .containsExactlyInAnyOrder("甲队员", "丙队员");
        // refused: a day to come, no course, a member out of reach; not by a village
        invalid(
                () -> as(
                        "t-county",
                        () -> training.record(new TeamTraining.NewTraining(
                                " ", today.plusDays(1), null, null, List.of(a, 999_999L)))),
                "course",
                "heldOn",
                "memberIds");
        refused(
                HttpStatus.FORBIDDEN,
                () -> as(
                        "t-sibling",
                        () -> training.record(new TeamTraining.NewTraining("x", today, null, null, List.of(a)))));
        refused(
                HttpStatus.FORBIDDEN,
                () -> as(
                        "t-village",
                        () -> training.record(new TeamTraining.NewTraining("x", today, null, null, List.of(a)))));
        as("t-county", () -> training.record(new TeamTraining.NewTraining("业务培训", today, null, null, List.of(a, c))));
        assertThat(as("t-county", () -> training.overview()).untrained()).isEmpty();
        // 待办: the leave asked waits for the township; a term ending within the notice waits for the county
        as(
                "t-village",
                () -> attendance.requestLeave(
                        team.id(), a, new TeamAttendance.NewLeave(today.plusDays(3), today.plusDays(4), "参加县里培训")));
        assertThat(as("t-town", () -> inbox.tasks(Inbox.Action.APPROVE_TEAM_LEAVE, 0, 50))
                        .tasks())
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.path()).isEqualTo("/teams/" + team.id());
                    assertThat(t.due()).isEqualTo(today.plusDays(3));
                });
        assertThat(as("t-sibling", () -> inbox.tasks(null, 0, 50)).byAction())
                .doesNotContainKey(Inbox.Action.APPROVE_TEAM_LEAVE);
        jdbc.sql("update team_member set term_to = ? where id = ?")
                .params(today.plusDays(30), c)
                .update();
        assertThat(as("t-county", () -> inbox.tasks(Inbox.Action.ROTATE_MEMBER, 0, 50))
                        .tasks())
                .extracting(Inbox.Task::due)
                .containsExactly(today.plusDays(30));
        // the township of the village sees the trainings; a sibling township none
        assertThat(as("t-town", () -> training.overview()).trainings()).hasSize(2);
        assertThat(as("t-sibling", () -> training.overview()).trainings()).isEmpty();
    }
}
