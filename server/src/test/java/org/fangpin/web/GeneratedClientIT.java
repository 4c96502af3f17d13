package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.TestData;
import org.fangpin.WebServerTest;
import org.fangpin.client.ApiClient;
import org.fangpin.client.ApiException;
import org.fangpin.client.api.FeedsApi;
import org.fangpin.client.api.MonitoringApi;
import org.fangpin.client.model.Alert;
import org.fangpin.client.model.FeedBatch;
import org.fangpin.client.model.FeedSchema;
import org.fangpin.client.model.JsonBatch;
import org.fangpin.client.model.Receipt;
import org.fangpin.monitoring.MonitoringRuns;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.fangpin.security.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A department vendor's view: the Java client generated at build time from the contract in the repository
 * ({@code docs/api/openapi.json}, which {@code ApiContractIT} holds equal to what the server serves) signs in with an
 * API token, sends a feed batch, reads it back with its feedback, gets a refusal as a problem document, and pages
 * through alerts — against a running server, so the description and the server cannot drift apart.
 */
@WebServerTest
class GeneratedClientIT {

    static final String HEADER = "household_no,village_code,status,income_year,income_wage,name,id_number,relation,"
            + "labour_capacity,medical_insurance\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regions;

    @Autowired
    HouseholdImporter households;

    @Autowired
    MonitoringRuns runs;

    @Autowired
    ApiTokens tokens;

    @TempDir
    Path dir;

    final List<String> heads = new ArrayList<>();

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 7; i++) { // seven households below the income line (6,000 per person)
            String id = TestData.id("1980-01-0" + (i + 1), 300 + i);
            heads.add(id);
            csv.append(
                    "GC-%d,%s,ORDINARY,2025,%d,户主%d,%s,户主,普通劳动力,是\n".formatted(i, TestData.VILLAGE, 4000 + i, i, id));
        }
        assertThat(households
                        .importFile(
                                TestData.write(dir, "h.csv", csv.toString()),
                                "h.csv",
                                "t",
                                Locale.CHINA,
                                new HouseholdImporter.Options(null, null))
                        .applied())
                .isTrue();
        TestData.user(jdbc, encoder, "gc-yibao", "DEPARTMENT", TestData.COUNTY, "gc-Yibao-pw-1", false);
        jdbc.sql("update app_user set department = 'MEDICAL_SECURITY' where username = 'gc-yibao'")
                .update();
        TestData.user(jdbc, encoder, "gc-county", "COUNTY", TestData.COUNTY, "gc-County-pw-1", false);
        jdbc.sql("delete from api_token where name like 'gc-%'").update();
    }

    private ApiClient client(String user) {
        String token = tokens.issue(
                        "gc-" + user + "-" + System.nanoTime(), user, List.of("read", "write"), null, null, "test")
                .token();
        ApiClient c = new ApiClient();
        c.updateBaseUri("http://localhost:" + port);
        c.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + token));
        return c;
    }

    @Test
    void aDepartmentSendsABatchAndTheCountyPagesThroughAlerts() throws Exception {
        FeedsApi feeds = new FeedsApi(client("gc-yibao"));
        // the schema of the feed, as the client reads it
        FeedSchema claims = feeds.listFeedTypes().stream()
                .filter(t -> "MEDICAL_CLAIM".equals(t.getType()))
                .findFirst()
                .orElseThrow();
        assertThat(claims.getColumns()).extracting(c -> c.getField()).contains("idNumber", "outOfPocket");

        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(claim(heads.get(0), "2026-11-02", "4800.25"));
        rows.add(claim(heads.get(1), "2026-11-05", "120"));
        String stranger = TestData.id("1990-05-05", 999); // not in the registry
        rows.add(claim(stranger, "2026-11-06", "80"));
        JsonBatch batch =
                new JsonBatch().batchId("GC-2026-11-001").period("2026-11").rows(rows);
        Receipt receipt = feeds.sendFeedBatch("medical_claim", batch);
        assertThat(receipt.getAlreadyReceived()).isFalse();
        FeedBatch sent = receipt.getBatch();
        assertThat(sent.getRows()).isEqualTo(3);
        assertThat(sent.getMatched()).isEqualTo(2);
        assertThat(sent.getUnmatched()).isEqualTo(1);

        // sent again: the batch received before, nothing imported twice
        Receipt again = feeds.sendFeedBatch("medical_claim", batch);
        assertThat(again.getAlreadyReceived()).isTrue();
        assertThat(again.getBatch().getId()).isEqualTo(sent.getId());

        // read back, with the feedback file of the unmatched row (masked)
        assertThat(feeds.getFeedBatch(sent.getId()).getMatched()).isEqualTo(2);
        String feedback =
                Files.readString(feeds.downloadFeedFeedback(sent.getId()).toPath(), StandardCharsets.UTF_8);
        assertThat(feedback)
                .contains(stranger.substring(0, 6) + "********" + stranger.substring(14))
                .doesNotContain(stranger);

        // a refusal is a problem document the client can read
        JsonBatch bad =
                new JsonBatch().batchId("GC-2026-11-002").period("2026-13").rows(rows);
        assertThatThrownBy(() -> feeds.sendFeedBatch("medical_claim", bad))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type"))
                            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                    JsonNode problem = json(e.getResponseBody());
                    assertThat(problem.path("status").asInt()).isEqualTo(422);
                    assertThat(problem.path("type").asText()).startsWith("urn:fangpin:problem:");
                    assertThat(problem.path("title").asText()).isNotBlank();
                });

        // the county pages through its alerts with the keyset parameter the description names
        MonitoringRuns.Run run = runs.run(LocalDate.parse("2026-11-30"));
        MonitoringApi monitoring = new MonitoringApi(client("gc-county"));
        List<Alert> all = new ArrayList<>();
        Long before = null;
        int pages = 0;
        while (true) {
            List<Alert> page = monitoring.listAlerts(
                    null, null, null, run.id(), null, null, null, null, null, null, null, before, null, 3);
            if (page.isEmpty()) {
                break;
            }
            pages++;
            assertThat(page).hasSizeLessThanOrEqualTo(3);
            all.addAll(page);
            before = page.get(page.size() - 1).getId();
        }
        Integer total = jdbc.sql("select count(*) from alert where run_id = ?")
                .param(run.id())
                .query(Integer.class)
                .single();
        assertThat(total).isGreaterThanOrEqualTo(7);
        assertThat(all).hasSize(total).extracting(Alert::getId).doesNotHaveDuplicates();
        assertThat(pages).isEqualTo((total + 2) / 3);
        assertThat(all).extracting(Alert::getHouseholdNo).contains("GC-0", "GC-6");
    }

    private static Map<String, Object> claim(String id, String date, String own) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("idNumber", id);
        m.put("visitDate", date);
        m.put("totalCost", own);
        m.put("outOfPocket", own);
        return m;
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
