package org.fangpin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

/** Department systems call the API with tokens: scoped, revocable, expiring, issued by administrators only. */
@IntegrationTest
class TokenIT {

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regions;

    @TempDir
    Path dir;

    MockMvcTester client;

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        jdbc.sql("delete from api_token").update();
        jdbc.sql("delete from app_user where username = 'dept'").update();
        // a county platform account that a system acts as
        jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code)"
                        + " values ('dept', ?, '县级平台', 'COUNTY', ?)")
                .params(encoder.encode("Dept-pass-1234"), TestData.COUNTY)
                .update();
        client = MockMvcTester.create(AsSystemInTests.mockMvc(context));
    }

    private String issue(String name, String scopes, Instant expires) throws Exception {
        String body = """
                {"name":"%s","username":"dept","scopes":[%s]%s}""".formatted(name, scopes, expires == null ? "" : ",\"expiresAt\":\"" + expires + "\"");
        var r = client.post()
                .uri("/api/v1/tokens")
                .with(httpBasic("admin", IntegrationTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
        assertThat(r).hasStatus(201);
        return JsonPath.read(r.getResponse().getContentAsString(), "$.token");
    }

    private String household(String no) {
        return """
                {"household":{"householdNo":"%s","villageCode":"%s","status":"ORDINARY"},
                 "members":[{"name":"甲","idNumber":"%s","relation":"HEAD"}]}""".formatted(no, TestData.VILLAGE, TestData.id("1980-01-01", 11));
    }

    @Test
    void aTokenBeyondItsRateGets429WithRetryAfter() throws Exception {
        var r = client.post()
                .uri("/api/v1/tokens")
                .with(httpBasic("admin", IntegrationTest.ADMIN_PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"slow-feed\",\"username\":\"dept\",\"scopes\":[\"read\"],\"ratePerMinute\":3}")
                .exchange();
        assertThat(r).hasStatus(201);
        String slow = JsonPath.read(r.getResponse().getContentAsString(), "$.token");
        String other = issue("other-feed", "\"read\"", null);
        for (int left = 2; left >= 0; left--) {
            assertThat(client.get().uri("/api/v1/regions").header("Authorization", "Bearer " + slow))
                    .hasStatusOk()
                    .hasHeader("X-RateLimit-Remaining", Integer.toString(left));
        }
        var refused = client.get()
                .uri("/api/v1/regions")
                .header("Authorization", "Bearer " + slow)
                .header("Accept-Language", "en")
                .exchange();
        assertThat(refused).hasStatus(429).hasContentTypeCompatibleWith("application/problem+json");
        assertThat(refused).bodyJson().extractingPath("$.title").isEqualTo("Too many requests");
        assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After")))
                .isBetween(1L, 20L);
        // the limit is the token's: another system's token is not held back
        assertThat(client.get().uri("/api/v1/regions").header("Authorization", "Bearer " + other))
                .hasStatusOk();
        assertThat(jdbc.sql("select rate_per_minute from api_token where name = 'slow-feed'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aReadTokenReadsButCannotWrite() throws Exception {
        String token = issue("yibao-read", "\"read\"", null);
        assertThat(token).startsWith("fp_").hasSizeGreaterThan(40);
        assertThat(client.get().uri("/api/v1/regions").header("Authorization", "Bearer " + token))
                .hasStatusOk();
        assertThat(client.post()
                        .uri("/api/v1/households")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(household("T1")))
                .hasStatus(403)
                .bodyJson()
                .extractingPath("$.title")
                .isEqualTo("令牌权限不足");
        assertThat(jdbc.sql("select last_used_at is not null from api_token where name = 'yibao-read'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        // a use within the minute writes nothing; a use after it records the time again
        jdbc.sql("update api_token set last_used_at = now() - interval '30 seconds' where name = 'yibao-read'")
                .update();
        Timestamp recent = jdbc.sql("select last_used_at from api_token where name = 'yibao-read'")
                .query(Timestamp.class)
                .single();
        assertThat(client.get().uri("/api/v1/regions").header("Authorization", "Bearer " + token))
                .hasStatusOk();
        assertThat(jdbc.sql("select last_used_at from api_token where name = 'yibao-read'")
                        .query(Timestamp.class)
                        .single())
                .isEqualTo(recent);
        jdbc.sql("update api_token set last_used_at = now() - interval '2 minutes' where name = 'yibao-read'")
                .update();
        assertThat(client.get().uri("/api/v1/regions").header("Authorization", "Bearer " + token))
                .hasStatusOk();
        assertThat(jdbc.sql("select last_used_at > now() - interval '1 minute' from api_token where name ="
                                + " 'yibao-read'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void aWriteTokenActsAsItsUser() throws Exception {
        String token = issue("yibao-rw", "\"read\",\"write\"", null);
        assertThat(client.post()
                        .uri("/api/v1/households")
                        .header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(household("T2")))
                .hasStatus(201)
                .bodyJson()
                .extractingPath("$.recordedBy")
                .isEqualTo("dept");
    }

    @Test
    void revokedExpiredAndUnknownTokensAreRefused() throws Exception {
        String token = issue("short-lived", "\"read\"", null);
        String expired = issue("expired", "\"read\"", Instant.now().minusSeconds(60));
        assertThat(client.delete()
                        .uri("/api/v1/tokens/short-lived")
                        .with(httpBasic("admin", IntegrationTest.ADMIN_PASSWORD)))
                .hasStatus(204);
        for (String t : new String[] {token, expired, "fp_nonsense", "not-even-ours"}) {
            assertThat(client.get().uri("/api/v1/regions").header("Authorization", "Bearer " + t))
                    .hasStatus(401)
                    .bodyJson()
                    .extractingPath("$.type")
                    .isEqualTo("urn:fangpin:problem:invalid-token");
        }
    }

    @Test
    void onlyAdministratorsIssueTokensAndListsNeverShowSecrets() throws Exception {
        String token = issue("listed", "\"read\"", null);
        assertThat(client.post()
                        .uri("/api/v1/tokens")
                        .with(httpBasic("dept", "Dept-pass-1234"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"mine\",\"username\":\"dept\",\"scopes\":[\"write\"]}"))
                .hasStatus(403);
        assertThat(client.get().uri("/api/v1/tokens").with(httpBasic("admin", IntegrationTest.ADMIN_PASSWORD)))
                .hasStatusOk()
                .bodyText()
                .contains("listed")
                .doesNotContain(token);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'TOKEN_ISSUED' and entity_id = 'listed'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
