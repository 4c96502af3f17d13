package org.fangpin.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.problem.ApiException;
import org.fangpin.demo.DemoLoader;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

/**
 * A city draws a county's sample: the households drawn are those the definition gives (recomputed here from the
 * registry's rows with the test's own hashing and sizes), the same for the same seed, kept as made; bad sizes are
 * refused with their reasons and nothing is kept; a township may not draw.
 */
@IntegrationTest
class SampleDrawsIT {

    static final String PW = "Sample-pass-2026";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoLoader demo;

    @Autowired
    SampleDraws draws;

    @Autowired
    UserAccounts users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @Autowired
    WebApplicationContext context;

    @Test
    void aCityDrawsACountysSampleThatAnyoneCanRedo() throws Exception {
        TestData.reset(jdbc);
        demo.load(3000, 11);
        TestData.user(jdbc, encoder, "sd-city", "CITY", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "sd-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        LocalDate today = LocalDate.now(clock);
        String seed = "2026 抽查 红安县 #1";

        SampleDraws.SampleDraw d = users.runAs(
                "sd-city",
                () -> draws.draw(new SampleDraws.SampleRequest(TestData.COUNTY, null, seed, null, null, null)));

        // the frame, read here from the registry's rows: households of the county as they stand today
        Map<String, List<Long>> frame = new TreeMap<>();
        jdbc.sql("select household_id, village_code, identity, monitoring_state from household where village_code"
                        + " like '421122%' and not deleted and valid_from <= ? and (valid_to is null or valid_to > ?)"
                        + " order by household_id")
                .params(today, today)
                .query(rs -> {
                    String key = rs.getString(2).substring(0, 9) + "000/" + rs.getString(3) + "/" + rs.getString(4);
                    frame.computeIfAbsent(key, k -> new ArrayList<>()).add(rs.getLong(1));
                });
        int households = frame.values().stream().mapToInt(List::size).sum();
        assertThat(d.frameSize()).isEqualTo(households).isPositive();
        assertThat(d.frameHash()).isEqualTo(fingerprint(frame));
        assertThat(d.fraction()).isEqualByComparingTo("0.05"); // the national default parameters
        assertThat(d.minimum()).isEqualTo(5);
        // per stratum: ceil(5 %), at least 5, at most all; the first by SHA-256(seed ‖ id) as hex text
        for (var e : frame.entrySet()) {
            int n = Math.min(
                    e.getValue().size(),
                    Math.max(
                            5,
                            BigDecimal.valueOf(e.getValue().size())
                                    .multiply(new BigDecimal("0.05"))
                                    .setScale(0, RoundingMode.CEILING)
                                    .intValue()));
            List<Long> got = d.households().stream()
                    .filter(h -> h.stratum().equals(e.getKey()))
                    .map(SampleDraws.SampledHousehold::householdId)
                    .toList();
            assertThat(got).as(e.getKey()).containsExactlyElementsOf(firstByDigest(seed, e.getValue(), n));
            assertThat(d.strata())
                    .contains(new SampleDraws.SampleStratum(
                            e.getKey(), e.getValue().size(), n));
        }
        // 一般农户 are drawn too (漏评 is found only there)
        assertThat(d.households()).anyMatch(h -> h.stratum().contains("/ORDINARY/"));

        // the same seed and frame: the same households; another seed: others
        SampleDraws.SampleDraw again = users.runAs(
                "sd-city",
                () -> draws.draw(new SampleDraws.SampleRequest(TestData.COUNTY, today, seed, null, null, null)));
        assertThat(again.id()).isNotEqualTo(d.id());
        assertThat(again.households()).isEqualTo(d.households());
        SampleDraws.SampleDraw other = users.runAs(
                "sd-city",
                () -> draws.draw(new SampleDraws.SampleRequest(TestData.COUNTY, today, seed + "b", null, null, null)));
        assertThat(other.households()).isNotEqualTo(d.households());
        assertThat(users.runAs("sd-city", () -> draws.list(10)))
                .extracting(SampleDraws.SampleDraw::id)
                .containsExactly(other.id(), again.id(), d.id());
        assertThat(users.runAs("sd-city", () -> draws.get(d.id())).households()).isEqualTo(d.households());

        // more than a stratum holds: refused, each stratum named, nothing kept
        long kept =
                jdbc.sql("select count(*) from sample_draw").query(Long.class).single();
        assertThatThrownBy(() -> users.runAs(
                        "sd-city",
                        () -> draws.draw(new SampleDraws.SampleRequest(TestData.COUNTY, today, seed, null, null, 500))))
                .isInstanceOf(ApiException.class)
                .satisfies(x -> assertThat(((ApiException) x).fieldProblems())
                        .allMatch(p -> p.field().equals("perStratum"))
                        .anyMatch(
                                p -> p.reason().contains("421122") && p.reason().contains("500")));
        assertThatThrownBy(() -> users.runAs(
                        "sd-city",
                        () -> draws.draw(new SampleDraws.SampleRequest(
                                TestData.COUNTY, today, " ", new BigDecimal("1.5"), null, null))))
                .isInstanceOf(ApiException.class)
                .satisfies(x -> assertThat(((ApiException) x).fieldProblems())
                        .extracting(p -> p.field())
                        .containsExactlyInAnyOrder("seed", "fraction"));
        assertThat(jdbc.sql("select count(*) from sample_draw")
                        .query(Long.class)
                        .single())
                .isEqualTo(kept);

        // a township draws nothing (not its work), and reads no draw of the county above it
        MockMvcTester mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        assertThat(mvc.post()
                        .uri("/api/v1/samples")
                        .with(httpBasic("sd-town", PW))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"seed\":\"x\"}")
                        .exchange())
                .hasStatus(403);
        assertThat(mvc.get()
                        .uri("/api/v1/samples/" + d.id())
                        .with(httpBasic("sd-city", PW))
                        .exchange())
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.frameHash")
                .isEqualTo(d.frameHash());
    }

    private static List<Long> firstByDigest(String seed, List<Long> ids, int n) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Map<String, Long> byHex = new TreeMap<>();
        for (long id : ids) {
            sha.reset();
            sha.update(seed.getBytes(StandardCharsets.UTF_8));
            sha.update(ByteBuffer.allocate(8).putLong(id).array());
            byHex.put(HexFormat.of().formatHex(sha.digest()), id);
        }
        return byHex.values().stream().limit(n).toList();
    }

    private static String fingerprint(Map<String, List<Long>> frame) throws Exception {
        StringBuilder text = new StringBuilder();
        frame.forEach((k, ids) -> {
            text.append(k).append('\n');
            ids.stream().sorted().forEach(id -> text.append(id).append('\n'));
            text.append('\n');
        });
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
