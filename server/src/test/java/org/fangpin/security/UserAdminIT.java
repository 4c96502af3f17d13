package org.fangpin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;

/**
 * 用户与权限管理: administrators create and change accounts (one-time passwords, optimistic locking, their own
 * region only, audited), signed-in sessions follow the change at once, and the role–permission matrix is data that
 * decides what each role may do.
 */
@IntegrationTest
class UserAdminIT {

    static final String PW = "Admin-test-pass-1";

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regions;

    @Autowired
    Permissions permissions;

    @TempDir
    Path dir;

    MockMvcTester mvc;

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        TestData.user(jdbc, encoder, "ua-admin", "ADMIN", null, PW, false);
        TestData.user(jdbc, encoder, "ua-town-admin", "ADMIN", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "ua-inspector", "INSPECTOR", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "ua-county", "COUNTY", TestData.COUNTY, PW, false);
    }

    @AfterEach
    void restoreDefaults() {
        for (Role r : Role.values()) {
            Set<Permission> defaults = EnumSet.noneOf(Permission.class);
            for (Permission p : Permission.values()) {
                if (p.defaults().contains(r)) {
                    defaults.add(p);
                }
            }
            permissions.set(r, defaults);
        }
    }

    private MvcTestResult post(String user, String uri, String json) {
        return mvc.post()
                .uri(uri)
                .with(httpBasic(user, PW))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json)
                .exchange();
    }

    private static String body(MvcTestResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void administratorsCreateAndChangeAccountsWithinTheirRegion() throws Exception {
        // created with a one-time password that must be changed before anything else
        MvcTestResult created = post("ua-admin", "/api/v1/users", """
                {"username":"ua-village","displayName":"村信息员","role":"VILLAGE","regionCode":"%s"}""".formatted(TestData.VILLAGE));
        assertThat(created).hasStatus(201);
        String password = JsonPath.read(body(created), "$.password");
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        assertThat((Boolean) JsonPath.read(body(created), "$.user.mustChangePassword"))
                .isTrue();
        assertThat(jdbc.sql("select password_hash from app_user where username = 'ua-village'")
                        .query(String.class)
                        .single())
                .doesNotContain(password);
        assertThat(mvc.get().uri("/api/v1/regions").with(httpBasic("ua-village", password)))
                .hasStatus(403)
                .bodyJson()
                .extractingPath("$.type")
                .isEqualTo("urn:fangpin:problem:password-change-required");
        // the one-time password's issue is audited (never the password itself)
        assertThat(jdbc.sql("select detail ->> 'oneTimePassword' from audit_log where action = 'USER_CREATED'"
                                + " and entity_id = 'ua-village'")
                        .query(String.class)
                        .single())
                .isEqualTo("true");
        assertThat(jdbc.sql("select count(*) from audit_log where detail::text like ?")
                        .param("%" + password + "%")
                        .query(Long.class)
                        .single())
                .isZero();

        // refusals name the field and the reason, in the user's language
        MvcTestResult invalid = mvc.post()
                .uri("/api/v1/users")
                .with(httpBasic("ua-admin", PW))
                .header("Accept-Language", "en")
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"username":"ua-dept","displayName":"医保","role":"DEPARTMENT","regionCode":"%s"}""".formatted(TestData.COUNTY))
                .exchange();
        assertThat(invalid).hasStatus(422);
        assertThat(body(invalid)).contains("department").contains("Department users need their department");
        assertThat(post("ua-admin", "/api/v1/users", """
                        {"username":"ua-village","displayName":"x","role":"VILLAGE","regionCode":"%s"}""".formatted(TestData.VILLAGE)))
                .hasStatus(409);
        assertThat(post("ua-admin", "/api/v1/users", """
                        {"username":"bad name!","displayName":"x","role":"VILLAGE","regionCode":"999999999999"}"""))
                .hasStatus(422)
                .bodyText()
                .contains("username")
                .contains("regionCode");

        // a township's administrator manages its own township's accounts only
        assertThat(post("ua-town-admin", "/api/v1/users", """
                        {"username":"ua-other","displayName":"x","role":"VILLAGE","regionCode":"%s"}""".formatted(TestData.OTHER_VILLAGE)))
                .hasStatus(422)
                .bodyText()
                .contains("regionCode");
        assertThat(mvc.get().uri("/api/v1/users").with(httpBasic("ua-town-admin", PW)))
                .hasStatusOk()
                .bodyText()
                .contains("ua-village")
                .contains("ua-inspector")
                .doesNotContain("ua-county")
                .doesNotContain("\"username\":\"ua-admin\"");
        assertThat(mvc.get().uri("/api/v1/users/ua-county").with(httpBasic("ua-town-admin", PW)))
                .hasStatus(404);

        // changes need the version read (412 when stale), and are audited with before and after
        assertThat(mvc.put()
                        .uri("/api/v1/users/ua-village")
                        .with(httpBasic("ua-admin", PW))
                        .header("If-Match", "\"7\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"x\",\"role\":\"TOWNSHIP\",\"regionCode\":\"" + TestData.TOWNSHIP
                                + "\"}"))
                .hasStatus(412);
        assertThat(mvc.put()
                        .uri("/api/v1/users/ua-village")
                        .with(httpBasic("ua-admin", PW))
                        .header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"乡镇干部\",\"role\":\"TOWNSHIP\",\"regionCode\":\"" + TestData.TOWNSHIP
                                + "\"}"))
                .hasStatusOk()
                .hasHeader("ETag", "\"2\"");
        String detail = jdbc.sql("select detail::text from audit_log where action = 'USER_CHANGED'"
                        + " and entity_id = 'ua-village' order by seq desc limit 1")
                .query(String.class)
                .single();
        assertThat(detail)
                .contains("VILLAGE")
                .contains("TOWNSHIP")
                .contains("before")
                .contains("after");
        // nobody disables themselves or changes their own role
        assertThat(mvc.put()
                        .uri("/api/v1/users/ua-admin")
                        .with(httpBasic("ua-admin", PW))
                        .header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"a\",\"role\":\"ADMIN\",\"enabled\":false}"))
                .hasStatus(409);

        // a password reset gives a new one-time password and unlocks; the old password stops working
        jdbc.sql("update app_user set locked_until = now() + interval '1 hour', failed_attempts = 5"
                        + " where username = 'ua-county'")
                .update();
        assertThat(mvc.get().uri("/api/v1/regions").with(httpBasic("ua-county", PW)))
                .hasStatus(401);
        MvcTestResult reset = post("ua-admin", "/api/v1/users/ua-county/password-reset", "{}");
        assertThat(reset).hasStatusOk();
        String fresh = JsonPath.read(body(reset), "$.password");
        assertThat(mvc.get().uri("/api/v1/regions").with(httpBasic("ua-county", PW)))
                .hasStatus(401);
        assertThat(mvc.get().uri("/api/v1/regions").with(httpBasic("ua-county", fresh)))
                .hasStatus(403); // signed in, but must change the password first
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'PASSWORD_RESET'"
                                + " and entity_id = 'ua-county'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // only holders of USER_ADMIN reach any of this
        assertThat(mvc.get().uri("/api/v1/users").with(httpBasic("ua-inspector", PW)))
                .hasStatus(403);
        assertThat(post("ua-inspector", "/api/v1/users/ua-village/password-reset", "{}"))
                .hasStatus(403);
    }

    private MockHttpSession login(String user) {
        var result = mvc.post()
                .uri("/login")
                .param("username", user)
                .param("password", PW)
                .with(csrf())
                .exchange();
        assertThat(result).hasRedirectedUrl("/");
        return (MockHttpSession) result.getRequest().getSession();
    }

    @Test
    void aSignedInSessionFollowsItsAccountAndTheMatrix() throws Exception {
        MockHttpSession inspector = login("ua-inspector");
        assertThat(mvc.get().uri("/api/v1/audit").session(inspector)).hasStatusOk();

        // the administrator takes audit reading away from inspectors: the same session is refused at once
        assertThat(mvc.put()
                        .uri("/api/v1/roles/INSPECTOR")
                        .with(httpBasic("ua-admin", PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"permissions\":[\"REGISTRY_EXPORT\"]}"))
                .hasStatusOk();
        assertThat(mvc.get().uri("/api/v1/audit").session(inspector)).hasStatus(403);
        assertThat(jdbc.sql("select detail::text from audit_log where action = 'PERMISSIONS_CHANGED'"
                                + " and entity_id = 'INSPECTOR' order by seq desc limit 1")
                        .query(String.class)
                        .single())
                .contains("AUDIT_READ");

        // ... and gives inspectors full ID numbers: the household API shows them in full (and audits the view)
        String idNumber = TestData.id("1970-01-01", 11);
        MvcTestResult household = mvc.post()
                .uri("/api/v1/households")
                .with(httpBasic("ua-county", PW))
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"household":{"householdNo":"UA-1","villageCode":"%s","status":"ORDINARY"},
                         "members":[{"name":"权限甲","idNumber":"%s","relation":"HEAD"}]}""".formatted(TestData.VILLAGE, idNumber))
                .exchange();
        assertThat(household).hasStatus(201);
        String householdUri = "/api/v1/households/" + JsonPath.read(body(household), "$.id");
        String sensitiveUri = "/api/v1/persons/" + JsonPath.read(body(household), "$.members[0].id") + "/sensitive";
        assertThat(mvc.get().uri(sensitiveUri).session(inspector)).hasStatus(403);
        permissions.set(Role.INSPECTOR, EnumSet.of(Permission.VIEW_SENSITIVE));
        assertThat(mvc.get().uri(sensitiveUri).session(inspector))
                .hasStatusOk()
                .bodyText()
                .contains(idNumber);

        // the administrators cannot lock themselves out of user administration
        MvcTestResult lockout = mvc.put()
                .uri("/api/v1/roles/ADMIN")
                .with(httpBasic("ua-admin", PW))
                .header("Accept-Language", "en")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"permissions\":[\"AUDIT_READ\"]}")
                .exchange();
        assertThat(lockout).hasStatus(409).hasContentTypeCompatibleWith("application/problem+json");
        assertThat(body(lockout)).contains("Users and permissions");
        assertThat(permissions.has(Role.ADMIN, Permission.USER_ADMIN)).isTrue();

        // a role and region change reaches the open session at its next request; disabling the account ends it
        assertThat(mvc.get().uri(householdUri).session(inspector)).hasStatusOk();
        String version = JsonPath.read(
                        body(mvc.get()
                                .uri("/api/v1/users/ua-inspector")
                                .with(httpBasic("ua-admin", PW))
                                .exchange()),
                        "$.version")
                .toString();
        assertThat(mvc.put()
                        .uri("/api/v1/users/ua-inspector")
                        .with(httpBasic("ua-admin", PW))
                        .header("If-Match", "\"" + version + "\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"x\",\"role\":\"TOWNSHIP\",\"regionCode\":\""
                                + TestData.OTHER_TOWNSHIP + "\"}"))
                .hasStatusOk();
        assertThat(mvc.get().uri(householdUri).session(inspector)).hasStatus(404);
        assertThat(mvc.get().uri("/inbox").session(inspector)).hasStatusOk(); // a township office's page now
        assertThat(mvc.put()
                        .uri("/api/v1/users/ua-inspector")
                        .with(httpBasic("ua-admin", PW))
                        .header("If-Match", "\"" + (Integer.parseInt(version) + 1) + "\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\":\"x\",\"role\":\"TOWNSHIP\",\"regionCode\":\""
                                + TestData.OTHER_TOWNSHIP + "\",\"enabled\":false}"))
                .hasStatusOk();
        assertThat(mvc.get().uri(householdUri).session(inspector)).hasStatus(401);
        assertThat(mvc.get().uri("/households").accept(MediaType.TEXT_HTML).session(inspector))
                .hasStatus(302);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'USER_DISABLED'"
                                + " and entity_id = 'ua-inspector'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
