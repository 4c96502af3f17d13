package org.fangpin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.monitoring.MonitoringRuns;
import org.fangpin.region.RegionImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Writes across a county border: the office of a second county sends every write on the first county's records with
 * a valid body and the record's real ETag — so that nothing but the region check can refuse it — and gets exactly
 * the status a stranger should (404 for a record it cannot see, 403 for creating in a region outside its own, 422
 * for an import whose rows lie outside it), while a checksum of every table shows that nothing changed.
 */
@IntegrationTest
class ScopeWritesIT {

    static final String OTHER_COUNTY = "421123000000";
    static final String REGIONS = TestData.REGIONS_CSV + """
            421123000000,罗田县,421100000000,3
            421123100000,凤山镇,421123000000,4
            421123100201,錾字石村,421123100000,5
            """;
    static final String PASSWORD = "Border-pass-123";

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regions;

    @Autowired
    MonitoringRuns runs;

    @TempDir
    Path dir;

    MockMvc mvc;

    private String send(AbstractMockHttpServletRequestBuilder<?> request, String user, int expected) throws Exception {
        MvcResult r = mvc.perform(request.with(httpBasic(user, PASSWORD))).andReturn();
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(request + ": " + body).isEqualTo(expected);
        return body;
    }

    private String etag(String path) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).with(httpBasic("border-owner", PASSWORD)))
                .andReturn()
                .getResponse()
                .getHeader("ETag");
    }

    private static MockHttpServletRequestBuilder json(HttpMethod method, String path, String body) {
        return MockMvcRequestBuilders.request(method, path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }

    /** A hash of every row of every table (but the sign-in times that any request updates). */
    private Map<String, String> checksum() {
        Map<String, String> sums = new TreeMap<>();
        for (String table : jdbc.sql("select tablename from pg_tables where schemaname = current_schema()")
                .query(String.class)
                .list()) {
            sums.put(
                    table,
                    jdbc.sql("select md5(coalesce(string_agg(r, '|' order by r), '')) from (select"
                                    + " md5((to_jsonb(x) - 'last_login_at' - 'last_used_at')::text) r from "
                                    + table + " x) rows")
                            .query(String.class)
                            .single());
        }
        return sums;
    }

    @Test
    void everyWriteAcrossACountyBorderIsRefusedAndChangesNothing() throws Exception {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", REGIONS), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "border-owner", "COUNTY", TestData.COUNTY, PASSWORD, false);
        TestData.user(jdbc, encoder, "border-other", "COUNTY", OTHER_COUNTY, PASSWORD, false);
        TestData.user(jdbc, encoder, "border-other-town", "TOWNSHIP", "421123100000", PASSWORD, false);
        mvc = AsSystemInTests.mockMvc(context);

        // the first county's records: a household with a member, an open case, a grievance, an alert
        String created = send(
                json(HttpMethod.POST, "/api/v1/households", """
                        {"household":{"householdNo":"B-1","villageCode":"%s","status":"ORDINARY"},
                         "members":[{"name":"边界甲","idNumber":"%s","relation":"HEAD"}]}""".formatted(
                                TestData.VILLAGE, TestData.id("1966-06-06", 61))),
                "border-owner",
                201);
        long household = ((Number) JsonPath.read(created, "$.id")).longValue();
        long person = ((Number) JsonPath.read(created, "$.members[0].id")).longValue();
        long caseId = ((Number) JsonPath.read(
                        send(
                                json(
                                        HttpMethod.POST,
                                        "/api/v1/cases",
                                        "{\"householdId\":" + household
                                                + ",\"channel\":\"APPLICATION\",\"statement\":\"申请\"}"),
                                "border-owner",
                                201),
                        "$.id"))
                .longValue();
        long grievance = ((Number) JsonPath.read(
                        send(
                                json(
                                        HttpMethod.POST,
                                        "/api/v1/grievances",
                                        "{\"householdId\":" + household
                                                + ",\"kind\":\"WRONG_DATA\",\"content\":\"信息有误\"}"),
                                "border-owner",
                                201),
                        "$.id"))
                .longValue();
        var run = runs.run(LocalDate.now(TestData.ZONE));
        long alert = jdbc.sql("select id from alert where run_id = ? and household_no = 'B-1'")
                .params(run.id())
                .query(Long.class)
                .single();
        String householdBody = """
                {"household":{"householdNo":"B-1","villageCode":"%s","status":"ORDINARY","address":"改"},
                 "reason":"越界修改"}""".formatted(TestData.VILLAGE);
        String personBody = """
                {"person":{"name":"边界乙","idNumber":"%s","relation":"HEAD"},"reason":"越界修改"}""".formatted(TestData.id("1966-06-06", 61));
        String member = """
                {"person":{"name":"边界丙","idNumber":"%s","relation":"SPOUSE"},"reason":"越界"}""".formatted(TestData.id("1968-08-08", 62));
        String findings = """
                {"visitedOn":"%s","perCapitaIncome":5000,"foodAndClothingSecure":true,"compulsoryEducationSecure":true,
                 "basicMedicalSecure":true,"housingSafe":true,"waterSafe":true,"riskConfirmed":true,"note":"越界"}""".formatted(java.time.LocalDate.now(TestData.ZONE));
        String file = "户编号,行政区划代码,户类型,姓名,公民身份号码,与户主关系\nB-2," + TestData.VILLAGE + ",一般农户,边界丁,"
                + TestData.id("1970-07-07", 63) + ",户主\n";

        /** A refused write; {@code recorded}: tables that keep a record of the attempt itself (a refused import's). */
        record Write(AbstractMockHttpServletRequestBuilder<?> request, int status, Set<String> recorded, String user) {
            Write(AbstractMockHttpServletRequestBuilder<?> request, int status) {
                this(request, status, Set.of(), "border-other");
            }

            /** By the other county's township: the role whose step it is, so the region check decides. */
            Write byTownship() {
                return new Write(request, status, recorded, "border-other-town");
            }
        }
        List<Write> writes = new ArrayList<>(List.of(
                new Write(
                        json(HttpMethod.PUT, "/api/v1/households/" + household, householdBody)
                                .header("If-Match", etag("/api/v1/households/" + household)),
                        404),
                new Write(
                        MockMvcRequestBuilders.delete("/api/v1/households/" + household + "?reason=x")
                                .header("If-Match", etag("/api/v1/households/" + household)),
                        404),
                new Write(json(HttpMethod.POST, "/api/v1/households/" + household + "/members", member), 404),
                new Write(
                        json(HttpMethod.PUT, "/api/v1/persons/" + person, personBody)
                                .header("If-Match", etag("/api/v1/persons/" + person)),
                        404),
                new Write(
                        MockMvcRequestBuilders.delete("/api/v1/persons/" + person + "?reason=x")
                                .header("If-Match", etag("/api/v1/persons/" + person)),
                        404),
                new Write(
                        json(HttpMethod.POST, "/api/v1/households", """
                                {"household":{"householdNo":"B-3","villageCode":"%s","status":"ORDINARY"},
                                 "members":[{"name":"边界戊","idNumber":"%s","relation":"HEAD"}]}""".formatted(
                                        TestData.VILLAGE, TestData.id("1972-02-02", 64))),
                        403),
                new Write(
                        json(
                                HttpMethod.POST,
                                "/api/v1/cases",
                                "{\"householdId\":" + household + ",\"channel\":\"APPLICATION\",\"statement\":\"越界\"}"),
                        404),
                new Write(
                                json(HttpMethod.POST, "/api/v1/cases/" + caseId + "/verification", findings)
                                        .header("If-Match", etag("/api/v1/cases/" + caseId)),
                                404)
                        .byTownship(),
                new Write(
                        json(
                                HttpMethod.POST,
                                "/api/v1/grievances",
                                "{\"householdId\":" + household + ",\"kind\":\"OTHER\",\"content\":\"越界\"}"),
                        404),
                new Write(
                        json(
                                        HttpMethod.POST,
                                        "/api/v1/grievances/" + grievance + "/decision",
                                        "{\"upheld\":true,\"decision\":\"越界\"}")
                                .header("If-Match", etag("/api/v1/grievances/" + grievance)),
                        404),
                new Write(
                        json(HttpMethod.POST, "/api/v1/alerts/" + alert + "/assign", "{\"assignee\":\"border-other\"}")
                                .header("If-Match", etag("/api/v1/alerts/" + alert)),
                        404),
                new Write(
                        json(
                                        HttpMethod.POST,
                                        "/api/v1/alerts/" + alert + "/verify",
                                        "{\"confirmed\":true,\"note\":\"x\"}")
                                .header("If-Match", etag("/api/v1/alerts/" + alert)),
                        404),
                new Write(
                        json(HttpMethod.POST, "/api/v1/plans/" + household + "/visits", """
                                {"visitedOn":"%s","notes":"越界","incomeStable":true,"needsSecured":true}""".formatted(
                                        LocalDate.now(TestData.ZONE))),
                        404),
                new Write(
                        MockMvcRequestBuilders.multipart("/api/v1/households/import")
                                .file(new MockMultipartFile(
                                        "file", "b.csv", "text/csv", file.getBytes(StandardCharsets.UTF_8))),
                        422,
                        Set.of("import_job", "audit_log"),
                        "border-other")));

        // the other county's users sign in once, so that a sign-in is not what changes between the checksums
        send(MockMvcRequestBuilders.get("/api/v1/regions"), "border-other", 200);
        send(MockMvcRequestBuilders.get("/api/v1/regions"), "border-other-town", 200);
        for (Write w : writes) {
            Map<String, String> before = checksum();
            send(w.request(), w.user(), w.status());
            Map<String, String> after = checksum();
            before.keySet().removeAll(w.recorded());
            after.keySet().removeAll(w.recorded());
            assertThat(after).as("tables after " + w.request()).isEqualTo(before);
        }
        // the same writes by the first county itself do reach their records (the test can fail)
        send(
                json(HttpMethod.PUT, "/api/v1/households/" + household, householdBody)
                        .header("If-Match", etag("/api/v1/households/" + household)),
                "border-owner",
                200);
    }
}
