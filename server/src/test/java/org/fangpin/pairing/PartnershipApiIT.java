package org.fangpin.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * 协作帮扶 over HTTP: refusals as RFC 9457 problem documents in words (422 field by field, 428 without If-Match, 412
 * with a stale one, 404 beyond the caller's reach, 403 for a level that does not keep partnerships), the yearly
 * reconciliation as a multipart upload and its signed statement read back.
 */
@IntegrationTest
class PartnershipApiIT {

    static final String PW = PartnershipsIT.PW;
    static final byte[] PDF = PartnershipsIT.PDF;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    WorkTeams teams;

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
        TestData.user(jdbc, encoder, "x-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "x-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "x-other", "COUNTY", PartnershipsIT.OTHER_COUNTY, PW, false);
        today = LocalDate.now(clock);
        mvc = AsSystemInTests.mockMvc(context);
    }

    private <T> T as(String user, java.util.function.Supplier<T> work) {
        return users.runAs(user, work);
    }

    @Test
    void theApiAnswersRefusalsAsProblemDocuments() throws Exception {
        prepare();
        WorkTeams.Unit east = as(
                "x-county",
                () -> teams.addUnit(new WorkTeams.NewUnit("江苏省某县", UnitKind.EASTERN_GOVERNMENT, null, null)));
        var created = mvc.perform(MockMvcRequestBuilders.post("/api/v1/partnerships")
                        .with(httpBasic("x-county", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"EAST_WEST\",\"unitId\":" + east.id() + ",\"region\":\"" + TestData.COUNTY
                                + "\",\"startedOn\":\"" + today.minusYears(1) + "\"}"))
                .andReturn()
                .getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        long id = ((Number) JsonPath.read(created.getContentAsString(StandardCharsets.UTF_8), "$.id")).longValue();
        String etag = created.getHeader("ETag");

        // a negative amount: 422 in words, field by field
        var bad = mvc.perform(MockMvcRequestBuilders.post("/api/v1/partnerships/" + id + "/deliveries")
                        .with(httpBasic("x-county", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"item\":\"CONSUMPTION\",\"deliveredOn\":\"" + today + "\",\"quantity\":-3,"
                                + "\"buyer\":\"食堂\",\"product\":\"茶叶\"}"))
                .andReturn()
                .getResponse();
        assertThat(bad.getStatus()).isEqualTo(422);
        assertThat(bad.getContentType()).startsWith("application/problem+json");
        assertThat(bad.getContentAsString(StandardCharsets.UTF_8))
                .contains("quantity")
                .contains("金额");
        // commitments without If-Match: 428; with a stale one: 412
        String body = "{\"items\":[{\"item\":\"TRAINING\",\"quantity\":40}]}";
        assertThat(mvc.perform(MockMvcRequestBuilders.put(
                                        "/api/v1/partnerships/" + id + "/commitments/" + today.getYear())
                                .with(httpBasic("x-county", PW))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(428);
        assertThat(mvc.perform(MockMvcRequestBuilders.put(
                                        "/api/v1/partnerships/" + id + "/commitments/" + today.getYear())
                                .with(httpBasic("x-county", PW))
                                .header("If-Match", "\"99\"")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(412);
        var ok = mvc.perform(
                        MockMvcRequestBuilders.put("/api/v1/partnerships/" + id + "/commitments/" + today.getYear())
                                .with(httpBasic("x-county", PW))
                                .header("If-Match", etag)
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body))
                .andReturn()
                .getResponse();
        assertThat(ok.getStatus()).as(ok.getContentAsString()).isEqualTo(200);
        // a delivery for a partnership the caller does not see: 404; a township may not book: 403
        assertThat(mvc.perform(MockMvcRequestBuilders.post("/api/v1/partnerships/" + id + "/deliveries")
                                .with(httpBasic("x-other", PW))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"item\":\"TRAINING\",\"deliveredOn\":\"" + today + "\",\"quantity\":3}"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(MockMvcRequestBuilders.post("/api/v1/partnerships/" + id + "/deliveries")
                                .with(httpBasic("x-town", PW))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"item\":\"TRAINING\",\"deliveredOn\":\"" + today + "\",\"quantity\":3}"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        // the reconciliation as a multipart upload, then the statement back
        var reconciled = mvc.perform(MockMvcRequestBuilders.multipart("/api/v1/partnerships/" + id + "/reconciliations")
                        .file(new MockMultipartFile("statement", "确认书.pdf", "application/pdf", PDF))
                        .param("year", Integer.toString(today.getYear()))
                        .header("If-Match", ok.getHeader("ETag"))
                        .with(httpBasic("x-county", PW)))
                .andReturn()
                .getResponse();
        assertThat(reconciled.getStatus()).as(reconciled.getContentAsString()).isEqualTo(200);
        var file = mvc.perform(MockMvcRequestBuilders.get(
                                "/api/v1/partnerships/" + id + "/reconciliations/" + today.getYear() + "/statement")
                        .with(httpBasic("x-town", PW)))
                .andReturn()
                .getResponse();
        assertThat(file.getStatus()).isEqualTo(200);
        assertThat(file.getContentAsByteArray()).isEqualTo(PDF);
    }
}
