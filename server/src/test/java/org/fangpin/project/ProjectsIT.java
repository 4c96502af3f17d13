package org.fangpin.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.casework.Inbox;
import org.fangpin.common.Department;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.publicity.Publicities;
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
 * 项目库 and 衔接资金: one project from a village's application through the township's and the department's reviews,
 * the county's decision and publicity (an objection holding its end back), 立项, funding, payments (a reversal, an
 * overspending refused with the balance, two payments racing for the last yuan), works, acceptance and the results'
 * publicity to its closing; every total checked against what the test paid; each refusal with its status and nothing
 * changed.
 */
@IntegrationTest
class ProjectsIT {

    static final String PW = "Project-pass-2026";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    Projects projects;

    @Autowired
    Inbox inbox;

    @Autowired
    Funds funds;

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
        TestData.user(jdbc, encoder, "p-village", "VILLAGE", TestData.VILLAGE, PW, false);
        TestData.user(jdbc, encoder, "p-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "p-sibling", "TOWNSHIP", TestData.OTHER_TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "p-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "p-agri", "DEPARTMENT", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "p-water", "DEPARTMENT", TestData.COUNTY, PW, false);
        jdbc.sql("update app_user set department = 'AGRICULTURE' where username = 'p-agri'")
                .update();
        jdbc.sql("update app_user set department = 'WATER_RESOURCES' where username = 'p-water'")
                .update();
        today = LocalDate.now(clock);
    }

    private <T> T as(String user, Supplier<T> work) {
        return users.runAs(user, work);
    }

    /** The ids of a user's 待办 of one action (none when the user does not take it). */
    private List<Long> waiting(String user, Inbox.Action action) {
        return as(user, () -> inbox.tasks(action, 0, Inbox.MAX_PAGE)).tasks().stream()
                .filter(t -> t.action() == action)
                .map(Inbox.Task::id)
                .toList();
    }

    private static void refused(HttpStatus status, Runnable action) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private Projects.Application application(String region, String name) {
        return application(region, name, null);
    }

    private Projects.Application application(String region, String name, LocalDate appliedOn) {
        return TestData.application(region, today.getYear(), name, appliedOn);
    }

    @Test
    void aProjectGoesFromItsApplicationToItsClosingAndEveryTotalReconciles() throws Exception {
        prepare();
        // the application: a village applies; what is wrong comes back field by field, nothing made
        Projects.Application bad = new Projects.Application(
                TestData.OTHER_VILLAGE,
                today.getYear(),
                " ",
                null,
                null,
                Department.AGRICULTURE,
                "x",
                "y",
                null,
                null,
                false,
                List.of(),
                5,
                5,
                6,
                null,
                List.of(new Projects.Budget(FundSource.CENTRAL_LINKAGE, new BigDecimal("1.005"))),
                List.of(),
                null);
        assertThatThrownBy(() -> as("p-village", () -> projects.apply(bad)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(p -> p.field())
                                .containsExactlyInAnyOrder(
                                        "region",
                                        "name",
                                        "type",
                                        "benefitLinks",
                                        "plannedPoorHouseholds",
                                        "budget",
                                        "targets"));
        assertThat(count("project")).isZero();
        Projects.Project p =
                as("p-village", () -> projects.apply(application(TestData.VILLAGE, "茶叶加工厂", today.minusDays(50))));
        assertThat(p.stage()).isEqualTo(ProjectStage.APPLIED);
        assertThat(p.projectNo()).isEqualTo("421122-" + today.getYear() + "-0001");
        assertThat(p.budgetTotal()).isEqualByComparingTo("950000.00");
        // 以工代赈: 60,000 of 150,000 is 40 %, reported beside the 30 % minimum
        assertThat(p.labourShare()).isEqualByComparingTo("40.0");
        assertThat(p.labourShareMin()).isEqualByComparingTo("30.0");
        long id = p.id();
        // 待办: the township reviews it; not the sibling township, not yet the county
        assertThat(waiting("p-town", Inbox.Action.REVIEW_PROJECT)).containsExactly(id);
        assertThat(waiting("p-sibling", Inbox.Action.REVIEW_PROJECT)).isEmpty();
        assertThat(waiting("p-county", Inbox.Action.REVIEW_PROJECT)).isEmpty();
        // the sibling township does not reach it; the village cannot review it
        refused(HttpStatus.NOT_FOUND, () -> as("p-sibling", () -> projects.get(id)));
        refused(
                HttpStatus.FORBIDDEN,
                () -> as("p-village", () -> projects.townshipReview(id, 1, new Projects.Review(true, null, null))));
        // returned, changed, passed on
        // a review is not dated before the application
        assertThatThrownBy(() -> as(
                        "p-town",
                        () -> projects.townshipReview(
                                id, 1, new Projects.Review(false, "补充绩效目标", today.minusDays(51)))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(x -> x.field())
                                .containsExactly("reviewedOn"));
        p = as(
                "p-town",
                () -> projects.townshipReview(id, 1, new Projects.Review(false, "补充绩效目标", today.minusDays(49))));
        assertThat(p.stage()).isEqualTo(ProjectStage.RETURNED);
        refused(
                HttpStatus.PRECONDITION_FAILED,
                () -> as(
                        "p-village",
                        () -> projects.amend(id, 1, application(TestData.VILLAGE, "x", today.minusDays(48)))));
        p = as(
                "p-village",
                () -> projects.amend(id, 2, application(TestData.VILLAGE, "茶叶加工厂（扩建）", today.minusDays(48))));
        assertThat(p.stage()).isEqualTo(ProjectStage.APPLIED);
        int v = p.version();
        p = as("p-town", () -> projects.townshipReview(id, v, new Projects.Review(true, null, today.minusDays(47))));
        // a department of another sector does not reach it; its own does
        int v2 = p.version();
        assertThat(waiting("p-town", Inbox.Action.REVIEW_PROJECT)).isEmpty();
        assertThat(waiting("p-agri", Inbox.Action.REVIEW_PROJECT)).containsExactly(id);
        assertThat(waiting("p-water", Inbox.Action.REVIEW_PROJECT)).isEmpty();
        refused(
                HttpStatus.NOT_FOUND,
                () -> as("p-water", () -> projects.departmentReview(id, v2, new Projects.Review(true, null, null))));
        assertThat(as("p-agri", () -> projects.list(null, null, null, 0, 50)).items())
                .hasSize(1);
        assertThat(as("p-water", () -> projects.list(null, null, null, 0, 50)).items())
                .isEmpty();
        p = as(
                "p-agri",
                () -> projects.departmentReview(id, v2, new Projects.Review(true, "符合产业规划", today.minusDays(45))));
        assertThat(p.stage()).isEqualTo(ProjectStage.DEPARTMENT_REVIEWED);
        assertThat(waiting("p-county", Inbox.Action.REVIEW_PROJECT)).containsExactly(id);

        // funds before the library: refused
        Funds.Allocation central = as(
                "p-county",
                () -> funds.allocate(new Funds.NewAllocation(
                        TestData.COUNTY,
                        today.getYear(),
                        FundSource.CENTRAL_LINKAGE,
                        "鄂财农发〔2026〕1号",
                        new BigDecimal("1000000.00"),
                        today.minusDays(60),
                        null)));
        Funds.Allocation relief = as(
                "p-county",
                () -> funds.allocate(new Funds.NewAllocation(
                        TestData.COUNTY,
                        today.getYear(),
                        FundSource.WORK_RELIEF,
                        "鄂发改〔2026〕7号",
                        new BigDecimal("150000.00"),
                        today.minusDays(50),
                        null)));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "p-county",
                        () -> funds.allocate(new Funds.NewAllocation(
                                TestData.COUNTY,
                                today.getYear(),
                                FundSource.CENTRAL_LINKAGE,
                                "鄂财农发〔2026〕1号",
                                new BigDecimal("5.00"),
                                today,
                                null))));
        refused(
                HttpStatus.UNPROCESSABLE_CONTENT,
                () -> as(
                        "p-county",
                        () -> funds.allocate(new Funds.NewAllocation(
                                TestData.COUNTY,
                                today.getYear(),
                                FundSource.SOCIAL,
                                "捐",
                                new BigDecimal("-5.00"),
                                today,
                                null))));
        refused(
                HttpStatus.UNPROCESSABLE_CONTENT,
                () -> as(
                        "p-town",
                        () -> funds.allocate(new Funds.NewAllocation(
                                TestData.COUNTY,
                                today.getYear(),
                                FundSource.SOCIAL,
                                "捐",
                                new BigDecimal("5.00"),
                                today,
                                null))));
        int v3 = p.version();
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "p-county",
                        () -> projects.assign(id, v3, new Funds.NewLine(central.id(), new BigDecimal("1.00")))));

        // the county lists it: a publicity shorter than 10 days is refused; from 40 days ago for 10 days
        LocalDate from = today.minusDays(40);
        assertThatThrownBy(() -> as(
                        "p-county",
                        () -> projects.decide(
                                id,
                                v3,
                                new Projects.Decision(
                                        true, "红政〔2026〕3号", from, from, from.plusDays(5), "桃园村公示栏", null))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(x -> x.field())
                                .containsExactly("publicityTo"));
        p = as(
                "p-county",
                () -> projects.decide(
                        id, v3, new Projects.Decision(true, "红政〔2026〕3号", from, from, null, "桃园村公示栏", null)));
        assertThat(p.stage()).isEqualTo(ProjectStage.PUBLICITY);
        assertThat(p.publicityTo()).isEqualTo(from.plusDays(9));
        // an objection holds the end back until it is settled
        int v4 = p.version();
        p = as(
                "p-village",
                () -> projects.object(id, v4, new Publicities.NewObjection(from.plusDays(2), "村民甲", "选址占用耕地")));
        int v5 = p.version();
        refused(HttpStatus.CONFLICT, () -> as("p-county", () -> projects.endPublicity(id, v5)));
        // the objection waits for the township and the county; the publicity's end does not wait while it is open
        assertThat(waiting("p-town", Inbox.Action.SETTLE_PROJECT_OBJECTION)).containsExactly(id);
        assertThat(waiting("p-county", Inbox.Action.SETTLE_PROJECT_OBJECTION)).containsExactly(id);
        assertThat(waiting("p-county", Inbox.Action.PROJECT_STEP)).isEmpty();
        long objection =
                as("p-county", () -> projects.detail(id)).objections().get(0).id();
        p = as("p-town", () -> projects.resolve(id, v5, objection, new Publicities.Resolution(false, "经核实为村集体建设用地")));
        int v6 = p.version();
        assertThat(waiting("p-town", Inbox.Action.SETTLE_PROJECT_OBJECTION)).isEmpty();
        assertThat(as("p-county", () -> inbox.tasks(Inbox.Action.PROJECT_STEP, 0, 10))
                        .tasks())
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.id()).isEqualTo(id);
                    assertThat(t.kind()).isEqualTo("PROJECT");
                    assertThat(t.due()).isEqualTo(from.plusDays(10));
                    assertThat(t.overdue()).isTrue();
                });
        p = as("p-county", () -> projects.endPublicity(id, v6));
        assertThat(waiting("p-county", Inbox.Action.PROJECT_STEP)).isEmpty();
        assertThat(p.stage()).isEqualTo(ProjectStage.LISTED);

        // funded in the library; paid only once approved
        int v7 = p.version();
        Funds.Line line = as(
                "p-county",
                () -> projects.assign(id, v7, new Funds.NewLine(central.id(), new BigDecimal("700000.00"))));
        int v8 = as("p-county", () -> projects.get(id)).version();
        Funds.Line reliefLine = as(
                "p-county", () -> projects.assign(id, v8, new Funds.NewLine(relief.id(), new BigDecimal("150000.00"))));
        Funds.NewPayment early = new Funds.NewPayment(
                line.id(), today, new BigDecimal("1.00"), PayeeKind.ENTERPRISE, "红安建工", null, null, false, "V-0", null);
        refused(HttpStatus.CONFLICT, () -> as("p-county", () -> projects.pay(id, early)));
        int v9 = as("p-county", () -> projects.get(id)).version();
        // approved on a day after the publicity's last (from + 9): not on it
        refused(
                HttpStatus.UNPROCESSABLE_CONTENT,
                () -> as(
                        "p-county",
                        () -> projects.approve(
                                id,
                                v9,
                                new Projects.Approval(
                                        "红乡振〔2026〕9号", from.plusDays(9), from.plusDays(11), from.plusDays(40)))));
        p = as(
                "p-county",
                () -> projects.approve(
                        id,
                        v9,
                        new Projects.Approval("红乡振〔2026〕9号", from.plusDays(10), from.plusDays(11), from.plusDays(40))));
        assertThat(p.stage()).isEqualTo(ProjectStage.IN_PROGRESS);

        // a second project of the county: the allocation has 300,000 left
        Projects.Project other = as("p-town", () -> projects.apply(application(TestData.TOWNSHIP, "道路硬化")));
        jdbc.sql("update project set stage = 'LISTED' where id = ?")
                .param(other.id())
                .update();
        int vo = as("p-county", () -> projects.get(other.id())).version();
        assertThatThrownBy(() -> as(
                        "p-county",
                        () -> projects.assign(
                                other.id(), vo, new Funds.NewLine(central.id(), new BigDecimal("300000.01")))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.args()).containsExactly("300,000.00");
                });
        Funds.Line otherLine = as(
                "p-county",
                () -> projects.assign(other.id(), vo, new Funds.NewLine(central.id(), new BigDecimal("300000.00"))));

        // payments: to an enterprise, to a household (一卡通 by default), labour pay to a worker
        long household = household("P-H1", TestData.VILLAGE);
        Funds.Payment first = as(
                "p-county",
                () -> projects.pay(
                        id,
                        new Funds.NewPayment(
                                line.id(),
                                from.plusDays(12),
                                new BigDecimal("250000.00"),
                                PayeeKind.ENTERPRISE,
                                "红安建工",
                                null,
                                null,
                                false,
                                "V-1",
                                "进度款")));
        Funds.Payment toHousehold = as(
                "p-county",
                () -> projects.pay(
                        id,
                        new Funds.NewPayment(
                                line.id(),
                                from.plusDays(13),
                                new BigDecimal("3000.00"),
                                PayeeKind.HOUSEHOLD,
                                "张三",
                                household,
                                null,
                                false,
                                "V-2",
                                null)));
        assertThat(toHousehold.oneCard()).isTrue();
        as(
                "p-county",
                () -> projects.pay(
                        id,
                        new Funds.NewPayment(
                                reliefLine.id(),
                                from.plusDays(14),
                                new BigDecimal("45000.00"),
                                PayeeKind.WORKER,
                                "李四等 30 人",
                                null,
                                null,
                                true,
                                "V-3",
                                null)));
        // not through the one-card account without a reason; a household that is not one; labour pay to no person;
        // three decimals
        refused(
                HttpStatus.UNPROCESSABLE_CONTENT,
                () -> as(
                        "p-county",
                        () -> projects.pay(
                                id,
                                new Funds.NewPayment(
                                        line.id(),
                                        today,
                                        new BigDecimal("10.00"),
                                        PayeeKind.HOUSEHOLD,
                                        "张三",
                                        household,
                                        false,
                                        false,
                                        "V-4",
                                        null))));
        refused(
                HttpStatus.UNPROCESSABLE_CONTENT,
                () -> as(
                        "p-county",
                        () -> projects.pay(
                                id,
                                new Funds.NewPayment(
                                        line.id(),
                                        today,
                                        new BigDecimal("10.00"),
                                        PayeeKind.HOUSEHOLD,
                                        "张三",
                                        999_999L,
                                        null,
                                        false,
                                        "V-4",
                                        null))));
        refused(
                HttpStatus.UNPROCESSABLE_CONTENT,
                () -> as(
                        "p-county",
                        () -> projects.pay(
                                id,
                                new Funds.NewPayment(
                                        line.id(),
                                        today,
                                        new BigDecimal("10.00"),
                                        PayeeKind.ENTERPRISE,
                                        "x",
                                        null,
                                        null,
                                        true,
                                        "V-5",
                                        null))));
        refused(
                HttpStatus.UNPROCESSABLE_CONTENT,
                () -> as(
                        "p-county",
                        () -> projects.pay(
                                id,
                                new Funds.NewPayment(
                                        line.id(),
                                        today,
                                        new BigDecimal("10.005"),
                                        PayeeKind.ENTERPRISE,
                                        "x",
                                        null,
                                        null,
                                        false,
                                        "V-6",
                                        null))));
        // a wrong payment reversed by a negative entry, once
        Funds.Payment reversal = as("p-county", () -> projects.reverse(id, first.id(), new Funds.Reversal("收款账户错误")));
        assertThat(reversal.amount()).isEqualByComparingTo("-250000.00");
        assertThat(reversal.reverses()).isEqualTo(first.id());
        refused(
                HttpStatus.CONFLICT,
                () -> as("p-county", () -> projects.reverse(id, first.id(), new Funds.Reversal("again"))));
        refused(
                HttpStatus.CONFLICT,
                () -> as("p-county", () -> projects.reverse(id, reversal.id(), new Funds.Reversal("again"))));
        as(
                "p-county",
                () -> projects.pay(
                        id,
                        new Funds.NewPayment(
                                line.id(),
                                from.plusDays(15),
                                new BigDecimal("250000.00"),
                                PayeeKind.ENTERPRISE,
                                "红安县建工有限公司",
                                null,
                                null,
                                false,
                                "V-7",
                                "进度款（更正）")));
        // overspending: 700,000 − 253,000 = 447,000 left
        assertThatThrownBy(() -> as(
                        "p-county",
                        () -> projects.pay(
                                id,
                                new Funds.NewPayment(
                                        line.id(),
                                        today,
                                        new BigDecimal("447000.01"),
                                        PayeeKind.ENTERPRISE,
                                        "x",
                                        null,
                                        null,
                                        false,
                                        "V-8",
                                        null))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.args()).containsExactly("447,000.00");
                });
        // two payments race for the last 447,000: one wins
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> racing = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String voucher = "V-RACE-" + i;
            racing.add(pool.submit(() -> {
                start.await();
                try {
                    as(
                            "p-county",
                            () -> projects.pay(
                                    id,
                                    new Funds.NewPayment(
                                            line.id(),
                                            today,
                                            new BigDecimal("447000.00"),
                                            PayeeKind.ENTERPRISE,
                                            "尾款",
                                            null,
                                            null,
                                            false,
                                            voucher,
                                            null)));
                    return true;
                } catch (ApiException e) {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    return false;
                }
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> f : racing) {
            won += f.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(won).isEqualTo(1);

        // the money as the test paid it: 700,000 paid from the central line, 45,000 labour pay
        Funds.ProjectFunds money = as("p-county", () -> projects.detail(id)).funds();
        assertThat(money.assigned()).isEqualByComparingTo("850000.00");
        assertThat(money.paid()).isEqualByComparingTo("745000.00");
        assertThat(money.labourPaid()).isEqualByComparingTo("45000.00");
        BigDecimal paidInDb = jdbc.sql("select sum(amount) from disbursement")
                .query(BigDecimal.class)
                .single();
        List<Funds.CountyYear> summary = as("p-county", () -> funds.summary(null, today.getYear(), null));
        assertThat(summary).singleElement().satisfies(c -> {
            assertThat(c.received()).isEqualByComparingTo("1150000.00");
            assertThat(c.assigned()).isEqualByComparingTo("1150000.00");
            assertThat(c.disbursed()).isEqualByComparingTo(paidInDb).isEqualByComparingTo("745000.00");
            assertThat(c.balance()).isEqualByComparingTo("405000.00");
            assertThat(c.unassigned()).isEqualByComparingTo("0");
            assertThat(c.spendingRate()).isEqualByComparingTo("64.8");
            assertThat(c.bySource().get(FundSource.WORK_RELIEF).disbursed()).isEqualByComparingTo("45000.00");
        });
        // a township reaches no county money
        assertThat(as("p-town", () -> funds.summary(null, today.getYear(), null)))
                .isEmpty();
        // a department reads the payments but not who in the households was paid
        assertThat(as("p-agri", () -> projects.detail(id)).funds().payments())
                .filteredOn(x -> x.payeeKind() == PayeeKind.HOUSEHOLD)
                .allSatisfy(x -> {
                    assertThat(x.payeeName()).isIn(PayeeKind.HOUSEHOLD.zh(), PayeeKind.HOUSEHOLD.en());
                    assertThat(x.householdId()).isNull();
                });
        assertThat(otherLine.balance()).isEqualByComparingTo("300000.00");

        // works: no acceptance before completion; progress never falls; stop and resume; completed; accepted
        int w1 = as("p-county", () -> projects.get(id)).version();
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "p-county",
                        () -> projects.accept(
                                id, w1, new Projects.Acceptance(today, "县农业农村局", true, "合格", null, null))));
        p = as("p-village", () -> projects.progress(id, w1, new Projects.Progress(from.plusDays(15), 40, "主体完工")));
        int w2 = p.version();
        refused(
                HttpStatus.UNPROCESSABLE_CONTENT,
                () -> as(
                        "p-village",
                        () -> projects.progress(id, w2, new Projects.Progress(from.plusDays(16), 30, "倒退"))));
        p = as("p-town", () -> projects.suspend(id, w2, new Projects.Stoppage(from.plusDays(16), "疫情封控（001:189）")));
        assertThat(p.stage()).isEqualTo(ProjectStage.SUSPENDED);
        int w3 = p.version();
        p = as("p-town", () -> projects.resume(id, w3, new Projects.Stoppage(from.plusDays(18), null)));
        int w4 = p.version();
        p = as(
                "p-village",
                () -> projects.complete(
                        id, w4, new Projects.Completion(from.plusDays(19), new BigDecimal("940000.00"), null)));
        assertThat(p.progress()).isEqualTo(100);
        int w5 = p.version();
        refused(
                HttpStatus.UNPROCESSABLE_CONTENT,
                () -> as(
                        "p-county",
                        () -> projects.accept(
                                id, w5, new Projects.Acceptance(from.plusDays(18), "县农业农村局", true, "合格", null, null))));
        p = as(
                "p-county",
                () -> projects.accept(
                        id,
                        w5,
                        new Projects.Acceptance(from.plusDays(20), "县农业农村局、财政局", true, "工程质量合格，资金使用规范", null, null)));
        assertThat(p.stage()).isEqualTo(ProjectStage.RESULT_PUBLICITY);
        assertThat(p.resultPublicityTo()).isEqualTo(from.plusDays(29));
        int w6 = p.version();
        p = as("p-county", () -> projects.endResultPublicity(id, w6));
        assertThat(p.stage()).isEqualTo(ProjectStage.CLOSED);
        // the timeline holds every step, and each is audited
        List<Projects.Step> steps = as("p-county", () -> projects.detail(id)).steps();
        assertThat(steps)
                .extracting(Projects.Step::action)
                .startsWith(ProjectAction.APPLIED)
                .endsWith(ProjectAction.CLOSED);
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'project' and entity_id = ?")
                        .param(Long.toString(id))
                        .query(Long.class)
                        .single())
                .isEqualTo(steps.size());
    }

    /** An integrated-funds allocation for a year, as the county records it. */
    private Funds.Allocation integrated(int year, String no) {
        return as(
                "p-county",
                () -> funds.allocate(new Funds.NewAllocation(
                        TestData.COUNTY,
                        year,
                        FundSource.INTEGRATED_AGRI,
                        no,
                        new BigDecimal("800000.00"),
                        today.minusDays(5),
                        null)));
    }

    private int designate(MockMvc mvc, String user, String code, String body) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.post("/api/v1/regions/" + code + "/designations")
                        .with(httpBasic(user, PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse()
                .getStatus();
    }

    /**
     * 统筹整合涉农资金 (003:71): every 脱贫县 in the 过渡期's first three years, only 重点帮扶县 after; the province designates
     * counties, a county cannot, designations never overlap.
     */
    @Test
    void integratedAgriculturalFundsGoOnlyToTheCountiesThePilotNamesThatYear() throws Exception {
        prepare();
        TestData.user(jdbc, encoder, "p-province", "PROVINCE", TestData.PROVINCE, PW, false);
        MockMvc mvc = AsSystemInTests.mockMvc(context);
        // not yet a 脱贫县: no integrated funds in the pilot's years, nor after
        refused(HttpStatus.UNPROCESSABLE_CONTENT, () -> integrated(2022, "红财农〔2022〕1号"));
        refused(HttpStatus.UNPROCESSABLE_CONTENT, () -> integrated(today.getYear(), "红财农〔2026〕1号"));
        // a county cannot designate itself; the province designates counties only, never overlapping
        String poverty = "{\"kind\":\"POVERTY_COUNTY\",\"validFrom\":\"2021-01-01\",\"documentNo\":\"国开发〔2021〕1号\"}";
        assertThat(designate(mvc, "p-county", TestData.COUNTY, poverty)).isEqualTo(403);
        assertThat(designate(mvc, "p-province", TestData.TOWNSHIP, poverty)).isEqualTo(422);
        assertThat(designate(mvc, "p-province", TestData.COUNTY, poverty)).isEqualTo(201);
        assertThat(designate(
                        mvc,
                        "p-province",
                        TestData.COUNTY,
                        "{\"kind\":\"POVERTY_COUNTY\",\"validFrom\":\"2023-01-01\",\"documentNo\":\"x\"}"))
                .isEqualTo(409);
        // a 脱贫县 in the 过渡期's first three years; after 2023 only a 重点帮扶县
        assertThat(integrated(2022, "红财农〔2022〕1号").source()).isEqualTo(FundSource.INTEGRATED_AGRI);
        assertThatThrownBy(() -> integrated(today.getYear(), "红财农〔2026〕1号"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems()).singleElement().satisfies(f -> {
                            assertThat(f.field()).isEqualTo("source");
                            assertThat(f.reason()).contains("National key county");
                        }));
        assertThat(
                        designate(
                                mvc,
                                "p-province",
                                TestData.COUNTY,
                                "{\"kind\":\"KEY_ASSISTANCE_COUNTY\",\"validFrom\":\"2021-08-01\",\"documentNo\":\"国乡振发〔2021〕1号\"}"))
                .isEqualTo(201);
        assertThat(integrated(today.getYear(), "红财农〔2026〕1号").amount()).isEqualByComparingTo("800000.00");
        // each designation audited (the log outlives the test's tables: its own designations' entries)
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'REGION_DESIGNATED' and entity_id in"
                                + " (select id::text from region_designation)")
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        String listed = mvc.perform(MockMvcRequestBuilders.get("/api/v1/regions/" + TestData.COUNTY + "/designations")
                        .with(httpBasic("p-county", PW)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(JsonPath.<List<String>>read(listed, "$[*].kind"))
                .containsExactly("KEY_ASSISTANCE_COUNTY", "POVERTY_COUNTY");
    }

    /**
     * A publicity cannot end before its last day; over HTTP a refusal is an RFC 9457 document in the user's language
     * and a stale version 412.
     */
    @Test
    void aPublicityCannotEndEarlyAndRefusalsAreProblemDocuments() throws Exception {
        prepare();
        Projects.Project p = as("p-town", () -> projects.apply(application(TestData.TOWNSHIP, "安全饮水巩固提升")));
        jdbc.sql("update project set stage = 'DEPARTMENT_REVIEWED' where id = ?")
                .param(p.id())
                .update();
        int v = as("p-county", () -> projects.get(p.id())).version();
        Projects.Project listed = as(
                "p-county",
                () -> projects.decide(
                        p.id(), v, new Projects.Decision(true, "红政〔2026〕5号", today, today, null, "县政府网站", null)));
        MockMvc mvc = AsSystemInTests.mockMvc(context);
        var r = mvc.perform(MockMvcRequestBuilders.post("/api/v1/projects/" + p.id() + "/publicity-end")
                        .with(httpBasic("p-county", PW))
                        .header("If-Match", "\"" + listed.version() + "\"")
                        .header("Accept-Language", "zh-CN"))
                .andReturn()
                .getResponse();
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(r.getContentType()).startsWith("application/problem+json");
        assertThat((String) JsonPath.read(r.getContentAsString(StandardCharsets.UTF_8), "$.detail"))
                .contains("公示期至", listed.publicityTo().toString());
        var stale = mvc.perform(MockMvcRequestBuilders.post("/api/v1/projects/" + p.id() + "/publicity-end")
                        .with(httpBasic("p-county", PW))
                        .header("If-Match", "\"" + (listed.version() - 1) + "\""))
                .andReturn()
                .getResponse();
        assertThat(stale.getStatus()).isEqualTo(412);
        // an objection dated before the publicity is refused, nothing recorded
        refused(
                HttpStatus.UNPROCESSABLE_CONTENT,
                () -> as(
                        "p-town",
                        () -> projects.object(
                                p.id(),
                                listed.version(),
                                new Publicities.NewObjection(today.minusDays(1), null, "异议"))));
        assertThat(count("objection")).isZero();
        // the village's page and the county's list read the project in words
        var page = mvc.perform(MockMvcRequestBuilders.get("/projects/" + p.id())
                        .with(httpBasic("p-county", PW))
                        .header("Accept-Language", "zh-CN"))
                .andReturn()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("安全饮水巩固提升", "入库公示中", "县政府网站", "登记异议");
        var created = mvc.perform(MockMvcRequestBuilders.post("/api/v1/projects")
                        .with(httpBasic("p-sibling", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"region\":\"" + TestData.VILLAGE + "\",\"name\":\"越权\"}"))
                .andReturn()
                .getResponse();
        assertThat(created.getStatus()).isEqualTo(422);
        assertThat(count("project")).isEqualTo(1);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** A household of one member registered by the county. */
    private long household(String no, String village) throws Exception {
        MockMvc mvc = AsSystemInTests.mockMvc(context);
        String body = "{\"household\":{\"householdNo\":\"" + no + "\",\"villageCode\":\"" + village
                + "\",\"identity\":\"EXITED\",\"exitYear\":2019},\"members\":[{\"name\":\"户主" + no
                + "\",\"idNumber\":\"" + TestData.id("1970-01-0" + (no.endsWith("1") ? 1 : 2), 11)
                + "\",\"relation\":\"HEAD\"}]}";
        var r = mvc.perform(MockMvcRequestBuilders.post("/api/v1/households")
                        .with(httpBasic("p-county", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
        assertThat(r.getStatus())
                .as(r.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(201);
        return ((Number) JsonPath.read(r.getContentAsString(StandardCharsets.UTF_8), "$.id")).longValue();
    }
}
