package org.fangpin.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;

/**
 * Each time limit of case work on its last day and the day after, on a fixed clock in the platform's zone
 * (Asia/Shanghai): the last day ends at midnight there, not in UTC — at 16:00 UTC it is already the next day.
 * Defaults: identification 15 days, publicity 5 days, a visit every 30 days, a grievance decided in 15 days,
 * elimination after 6 months assisted.
 */
@IntegrationTest
@Import(PolicyBoundariesIT.FixedClock.class)
class PolicyBoundariesIT {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String PW = "Bound-pass-123";
    /** The day the case is discovered: a day in the past, so that every later day tested is not in the future. */
    static final LocalDate D = LocalDate.of(2026, 3, 2);

    /** A clock the test moves; the application reads it wherever it asks for today. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void set(LocalDate day, LocalTime time) {
            now = ZonedDateTime.of(day, time, ZONE).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regions;

    @Autowired
    HouseholdImporter households;

    @Autowired
    WebApplicationContext context;

    @TempDir
    Path dir;

    MockMvcTester mvc;
    long household;

    @BeforeEach
    void setUp() {
        clock.set(D.minusDays(30), LocalTime.NOON);
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        String csv = "户编号,行政区划代码,户属性,姓名,公民身份号码,与户主关系\n" + "PB-1," + TestData.VILLAGE + ",一般农户,界,"
                + TestData.id("1970-01-01", 11) + ",户主\n";
        assertThat(households
                        .importFile(
                                TestData.write(dir, "h.csv", csv),
                                "h.csv",
                                "t",
                                Locale.CHINA,
                                new HouseholdImporter.Options(D.minusDays(30), "登记"))
                        .errors())
                .isEmpty();
        household = jdbc.sql("select household_id from household where household_no = 'PB-1'")
                .query(Long.class)
                .single();
        TestData.user(jdbc, encoder, "pb-cadre", "VILLAGE", TestData.VILLAGE, PW, false);
        TestData.user(jdbc, encoder, "pb-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "pb-county", "COUNTY", TestData.COUNTY, PW, false);
        mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
    }

    @AfterEach
    void realTime() {
        clock.now = Instant.now();
    }

    /** Moves the clock to a moment of a day in China Standard Time. */
    private void at(LocalDate day, int hour, int minute) {
        clock.set(day, LocalTime.of(hour, minute));
    }

    private MvcTestResult get(String user, String path) {
        return mvc.get().uri(path).with(httpBasic(user, PW)).exchange();
    }

    private MvcTestResult post(String user, String path, String body) {
        var req = mvc.post().uri(path).with(httpBasic(user, PW)).contentType(MediaType.APPLICATION_JSON);
        if (path.matches("/api/v1/cases/\\d+/.*")) {
            String etag = get("pb-county", path.substring(0, path.lastIndexOf('/')))
                    .getResponse()
                    .getHeader("ETag");
            req = req.header("If-Match", etag);
        }
        return req.content(body).exchange();
    }

    private static String body(MvcTestResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private List<Integer> overdueCases() throws Exception {
        return JsonPath.read(body(get("pb-county", "/api/v1/cases?overdue=true")), "$[*].id");
    }

    private int overdueGrievances() throws Exception {
        List<Object> ids = JsonPath.read(body(get("pb-county", "/api/v1/grievances?overdue=true")), "$[*].id");
        return ids.size();
    }

    private boolean visitOverdue() throws Exception {
        List<Object> ids = JsonPath.read(body(get("pb-county", "/api/v1/plans?visitOverdue=true")), "$[*].householdId");
        return !ids.isEmpty();
    }

    private boolean assistedLongEnough() throws Exception {
        String criteria = body(get("pb-county", "/api/v1/plans/" + household + "/elimination-criteria"));
        List<Boolean> met = JsonPath.read(criteria, "$.criteria[?(@.check == 'ASSISTED_LONG_ENOUGH')].met");
        return met.get(0);
    }

    @Test
    void everyTimeLimitEndsAtMidnightInChina() throws Exception {
        // discovered on D: the 15-day deadline is D+15; overdue from D+16 (00:00 there, 16:00 UTC on D+15)
        at(D, 9, 0);
        MvcTestResult opened = post(
                "pb-cadre",
                "/api/v1/cases",
                "{\"householdId\":" + household
                        + ",\"channel\":\"APPLICATION\",\"statement\":\"因病申请\",\"discoveredOn\":\"" + D + "\"}");
        assertThat(opened).hasStatus(201);
        int caseId = JsonPath.read(body(opened), "$.id");
        String path = "/api/v1/cases/" + caseId;
        at(D.plusDays(15), 23, 59);
        assertThat(overdueCases()).isEmpty();
        at(D.plusDays(16), 0, 1);
        assertThat(clock.instant().atZone(ZoneId.of("UTC")).toLocalDate()).isEqualTo(D.plusDays(15));
        assertThat(overdueCases()).containsExactly(caseId);

        // publicity of 5 days from D+1 runs to D+5: it cannot end on D+5, it can from D+6
        at(D.plusDays(1), 10, 0);
        String findings = "{\"visitedOn\":\"" + D.plusDays(1) + "\",\"perCapitaIncome\":4200,\"medicalExpense\":12000,"
                + "\"foodAndClothingSecure\":true,\"compulsoryEducationSecure\":true,\"basicMedicalSecure\":true,"
                + "\"housingSafe\":true,\"waterSafe\":true,\"riskConfirmed\":true,\"note\":\"属实\"}";
        assertThat(post("pb-cadre", path + "/verification", findings)).hasStatusOk();
        String council = "{\"heldOn\":\"" + D.plusDays(1) + "\",\"attendees\":12,\"votesFor\":11,\"votesAgainst\":1,"
                + "\"approved\":true,\"publicityFrom\":\"" + D.plusDays(1) + "\"}";
        assertThat(post("pb-cadre", path + "/council", council)).hasStatusOk();
        assertThat(JsonPath.<String>read(body(get("pb-county", path)), "$.file.publicityTo"))
                .isEqualTo(D.plusDays(5).toString());
        at(D.plusDays(5), 23, 59);
        assertThat(post("pb-cadre", path + "/publicity-end", "")).hasStatus(409);
        at(D.plusDays(6), 0, 1);
        assertThat(post("pb-cadre", path + "/publicity-end", "")).hasStatusOk();
        assertThat(post("pb-town", path + "/township-review", "{\"approved\":true}"))
                .hasStatusOk();
        assertThat(post(
                        "pb-county",
                        path + "/county-decision",
                        "{\"include\":true,\"category\":\"MARGINAL\",\"causes\":[\"ILLNESS\"]}"))
                .hasStatusOk();

        // included on D+6, the plan starts: a visit is due within 30 days, by D+36; overdue from D+37
        LocalDate included = D.plusDays(6);
        at(included.plusDays(30), 23, 59);
        assertThat(visitOverdue()).isFalse();
        at(included.plusDays(31), 0, 1);
        assertThat(visitOverdue()).isTrue();

        // a grievance received on G is to be decided within 15 days: overdue from G+16 in China
        LocalDate g = included.plusDays(2);
        at(g, 9, 0);
        assertThat(post(
                        "pb-town",
                        "/api/v1/grievances",
                        "{\"householdId\":" + household + ",\"kind\":\"WRONG_DATA\",\"content\":\"收入数据有误\"}"))
                .hasStatus(201);
        at(g.plusDays(15), 23, 59);
        assertThat(overdueGrievances()).isZero();
        at(g.plusDays(16), 0, 1);
        assertThat(overdueGrievances()).isOne();

        // assisted 6 months from the inclusion: met on the day six months later, not the day before
        at(included.plusMonths(6).minusDays(1), 23, 59);
        assertThat(assistedLongEnough()).isFalse();
        at(included.plusMonths(6), 0, 1);
        assertThat(assistedLongEnough()).isTrue();
    }
}
