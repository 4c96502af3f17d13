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
import java.util.Set;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.monitoring.MonitoringRuns;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.IdNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Masking that holds: every readable endpoint and page (from the handler mappings, so new ones are covered) is read
 * by roles that may see the household but not full ID numbers (province, city, inspector). No response may show a
 * full ID or phone number, nor a masked ID beside the birth date that its hidden digits are — in the structured
 * fields or in free text that someone typed them into.
 */
@IntegrationTest
class MaskingIT {

    @Autowired
    WebApplicationContext context;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MonitoringRuns runs;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regions;

    @TempDir
    Path dir;

    static final LocalDate HEAD_BIRTH = LocalDate.of(1966, 6, 6);
    static final LocalDate CHILD_BIRTH = LocalDate.of(2011, 2, 14);
    static final String HEAD_ID = TestData.id(HEAD_BIRTH, 41);
    static final String CHILD_ID = TestData.id(CHILD_BIRTH, 42);
    static final String PHONE = "13812345678";
    static final Set<String> SKIP = Set.of("/login", "/logout", "/error");
    static final String PASSWORD = "Mask-pass-123";

    @Test
    void noResponseLetsARoleWithoutFullViewRebuildAnIdNumber() throws Exception {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "mask-town", "TOWNSHIP", TestData.TOWNSHIP, PASSWORD, false);
        TestData.user(jdbc, encoder, "mask-inspector", "INSPECTOR", TestData.TOWNSHIP, PASSWORD, false);
        TestData.user(jdbc, encoder, "mask-province", "PROVINCE", TestData.PROVINCE, PASSWORD, false);
        TestData.user(jdbc, encoder, "mask-city", "CITY", TestData.CITY, PASSWORD, false);
        MockMvc mvc = AsSystemInTests.mockMvc(context);

        String created = post(mvc, "/api/v1/households", """
                {"household":{"householdNo":"MASK-1","villageCode":"%s","status":"ORDINARY"},
                 "members":[{"name":"掩码户主","idNumber":"%s","relation":"HEAD","phone":"%s"},
                            {"name":"掩码子女","idNumber":"%s","relation":"DAUGHTER"}]}""".formatted(TestData.VILLAGE, HEAD_ID, PHONE, CHILD_ID));
        String householdId = String.valueOf(((Number) JsonPath.read(created, "$.id")).longValue());
        String personId = String.valueOf(((Number) JsonPath.read(created, "$.members[0].id")).longValue());
        // free text into which a cadre typed the numbers
        String opened = post(
                mvc,
                "/api/v1/cases",
                "{\"householdId\":" + householdId + ",\"channel\":\"APPLICATION\",\"statement\":\"户主" + HEAD_ID + "，电话"
                        + PHONE + "\"}");
        String caseId = String.valueOf(((Number) JsonPath.read(opened, "$.id")).longValue());
        String lodged = post(
                mvc,
                "/api/v1/grievances",
                "{\"householdId\":" + householdId
                        + ",\"kind\":\"WRONG_DATA\",\"complainant\":\"本人 " + PHONE + "\",\"content\":\"子女身份证 "
                        + CHILD_ID
                        + " 录入有误\"}");
        String grievanceId = String.valueOf(((Number) JsonPath.read(lodged, "$.id")).longValue());
        var run = runs.run(LocalDate.now(TestData.ZONE));

        // the township may see full numbers (audited), so it gets the full birth date; the others the year
        String asTownship = get(mvc, "/api/v1/households/" + householdId, "mask-town");
        assertThat(asTownship).contains("\"birthDate\":\"1966-06-06\"");

        List<String> checked = new ArrayList<>();
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (!methods.isEmpty() && !methods.contains(RequestMethod.GET)) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                if (SKIP.contains(pattern) || pattern.startsWith("/v3/") || pattern.startsWith("/swagger")) {
                    continue;
                }
                String path = pattern.replace(
                                "{id}",
                                pattern.contains("persons")
                                        ? personId
                                        : pattern.contains("cases")
                                                ? caseId
                                                : pattern.contains("grievances")
                                                        ? grievanceId
                                                        : pattern.contains("runs")
                                                                ? run.id().toString()
                                                                : householdId)
                        .replace("{code}", TestData.VILLAGE)
                        .replaceAll("\\{[^}]+}", "x");
                for (String user : List.of("mask-inspector", "mask-province", "mask-city")) {
                    MvcResult r = mvc.perform(MockMvcRequestBuilders.get(path)
                                    .queryParam("region", TestData.TOWNSHIP)
                                    .queryParam("format", "csv")
                                    .with(httpBasic(user, PASSWORD)))
                            .andReturn();
                    String type = String.valueOf(r.getResponse().getContentType());
                    if (type.contains("spreadsheetml")) {
                        continue; // binary; its cells are the CSV export's
                    }
                    String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
                    String where = "GET " + path + " as " + user + " -> "
                            + r.getResponse().getStatus();
                    assertRebuildsNothing(body, where);
                    checked.add(where);
                }
            }
        }
        assertThat(checked).hasSizeGreaterThan(40);
        // the members were there to be seen, masked
        for (String shown : List.of(
                "GET /api/v1/households/" + householdId + " as mask-province -> 200",
                "GET /households/" + householdId + " as mask-inspector -> 200",
                "GET /api/v1/persons/" + personId + " as mask-city -> 200",
                "GET /api/v1/grievances/" + grievanceId + " as mask-inspector -> 200",
                "GET /api/v1/cases/" + caseId + " as mask-province -> 200")) {
            assertThat(checked).contains(shown);
        }
        String asProvince = get(mvc, "/api/v1/households/" + householdId, "mask-province");
        assertThat(asProvince).contains(IdNumber.mask(HEAD_ID)).contains("\"birthYear\":1966");
        assertThat(get(mvc, "/api/v1/grievances/" + grievanceId, "mask-inspector"))
                .contains(IdNumber.mask(CHILD_ID))
                .contains("138****5678");
    }

    private static void assertRebuildsNothing(String body, String where) {
        assertThat(body)
                .as(where)
                .doesNotContain(HEAD_ID)
                .doesNotContain(CHILD_ID)
                .doesNotContain(PHONE);
        for (var p : List.of(new Object[] {HEAD_ID, HEAD_BIRTH}, new Object[] {CHILD_ID, CHILD_BIRTH})) {
            if (!body.contains(IdNumber.mask((String) p[0]))) {
                continue;
            }
            LocalDate b = (LocalDate) p[1];
            assertThat(body)
                    .as(where + ": masked ID beside its birth date")
                    .doesNotContain(b.toString())
                    .doesNotContain(b.toString().replace("-", ""))
                    .doesNotContain(b.getYear() + "年" + b.getMonthValue() + "月" + b.getDayOfMonth() + "日")
                    .doesNotContain(b.getYear() + "/" + b.getMonthValue() + "/" + b.getDayOfMonth())
                    .doesNotContain("[" + b.getYear() + "," + b.getMonthValue() + "," + b.getDayOfMonth() + "]");
        }
    }

    private static String post(MockMvc mvc, String path, String json) throws Exception {
        MvcResult r = mvc.perform(MockMvcRequestBuilders.post(path)
                        .with(httpBasic("mask-town", PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json))
                .andReturn();
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(path + ": " + body).isLessThan(300);
        return body;
    }

    private static String get(MockMvc mvc, String path, String user) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.get(path).with(httpBasic(user, PASSWORD)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }
}
