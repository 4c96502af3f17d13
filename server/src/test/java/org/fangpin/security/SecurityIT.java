package org.fangpin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

/** What an anonymous or wrongly authenticated client gets; uses its own MockMvc without the test credentials. */
@IntegrationTest
class SecurityIT {

    @Autowired
    WebApplicationContext context;

    MockMvcTester anonymous;

    @BeforeEach
    void setUp() {
        anonymous = MockMvcTester.create(AsSystemInTests.mockMvc(context));
    }

    @Test
    void apiNeedsAuthenticationAndAnswersWithAProblemDocument() {
        assertThat(anonymous.get().uri("/api/v1/regions"))
                .hasStatus(401)
                .hasContentTypeCompatibleWith("application/problem+json")
                .bodyJson()
                .extractingPath("$.title")
                .isEqualTo("未登录");
        assertThat(anonymous.get().uri("/api/v1/regions").with(httpBasic("admin", "wrong")))
                .hasStatus(401);
        // endpoints guarded by a permission, too (the anonymous user holds no platform role)
        assertThat(anonymous.get().uri("/api/v1/users")).hasStatus(401);
        assertThat(anonymous
                        .put()
                        .uri("/api/v1/roles/ADMIN")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"permissions\":[]}"))
                .hasStatus(401);
        assertThat(anonymous.get().uri("/api/v1/regions").with(httpBasic("admin", IntegrationTest.ADMIN_PASSWORD)))
                .hasStatusOk();
    }

    @Test
    void pagesRedirectToLoginWhileLoginAndHealthAreOpen() {
        assertThat(anonymous.get().uri("/households").accept(MediaType.TEXT_HTML))
                .hasStatus(302)
                .hasRedirectedUrl("/login");
        assertThat(anonymous.get().uri("/login")).hasStatusOk().bodyText().contains("登录");
        assertThat(anonymous.get().uri("/actuator/health")).hasStatusOk();
        assertThat(anonymous.get().uri("/v3/api-docs")).hasStatus(401);
    }

    /** A form whose CSRF token belongs to an ended session: the login page, saying so; nothing done. */
    @Test
    void formPostsWithoutCsrfTokenLeadToLoginSayingTheSessionExpired() {
        assertThat(anonymous
                        .post()
                        .uri("/login")
                        .param("username", "admin")
                        .param("password", IntegrationTest.ADMIN_PASSWORD))
                .hasStatus(302)
                .hasRedirectedUrl("/login?expired")
                .request()
                .satisfies(r -> assertThat(r.getUserPrincipal()).isNull());
        assertThat(anonymous.post().uri("/cases/1/verification").param("verdict", "x"))
                .hasStatus(302)
                .hasRedirectedUrl("/login?expired");
        assertThat(anonymous.get().uri("/login?expired"))
                .hasStatusOk()
                .bodyText()
                .contains("会话已过期");
        assertThat(anonymous.get().uri("/login?expired").header("Accept-Language", "en"))
                .bodyText()
                .contains("session has expired");
    }

    @Test
    void hstsOnlyOverTls() {
        assertThat(anonymous.get().uri("/login").secure(true))
                .hasHeader("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        assertThat(anonymous.get().uri("/login")).doesNotContainHeader("Strict-Transport-Security");
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    private void user(String name, String password, boolean mustChange) {
        TestData.user(jdbc, encoder, name, "COUNTY", null, password, mustChange);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccount() {
        user("locky", "Right-pass-123", false);
        for (int i = 0; i < 5; i++) {
            assertThat(anonymous.get().uri("/api/v1/regions").with(httpBasic("locky", "wrong-" + i)))
                    .hasStatus(401);
        }
        // even the right password is refused while locked
        assertThat(anonymous.get().uri("/api/v1/regions").with(httpBasic("locky", "Right-pass-123")))
                .hasStatus(401);
        assertThat(anonymous.get().uri("/api/v1/regions").with(httpBasic("locky", "wrong-again")))
                .hasStatus(401);
        // the lock itself is audited, once
        assertThat(audited("ACCOUNT_LOCKED", "locky")).isEqualTo(1);
        assertThat(jdbc.sql("select locked_until > now() from app_user where username = 'locky'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        // after the lock expires a right password works and resets the count
        jdbc.sql("update app_user set locked_until = now() - interval '1 second' where username = 'locky'")
                .update();
        assertThat(anonymous.get().uri("/api/v1/regions").with(httpBasic("locky", "Right-pass-123")))
                .hasStatusOk();
        assertThat(jdbc.sql("select failed_attempts from app_user where username = 'locky'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aGeneratedPasswordMustBeChangedBeforeAnythingElse() throws Exception {
        user("fresh", "Initial-pass-1", true);
        assertThat(anonymous.get().uri("/api/v1/regions").with(httpBasic("fresh", "Initial-pass-1")))
                .hasStatus(403)
                .bodyJson()
                .extractingPath("$.title")
                .isEqualTo("须先修改密码");
        var login = anonymous
                .post()
                .uri("/login")
                .param("username", "fresh")
                .param("password", "Initial-pass-1")
                .with(csrf())
                .exchange();
        var session = (MockHttpSession) login.getRequest().getSession();
        assertThat(anonymous.get().uri("/households").session(session)).hasRedirectedUrl("/account/password");
        // a weak password is refused with the reason
        assertThat(anonymous
                        .post()
                        .uri("/account/password")
                        .session(session)
                        .with(csrf())
                        .param("current", "Initial-pass-1")
                        .param("password", "short1")
                        .param("confirm", "short1"))
                .hasStatusOk()
                .bodyText()
                .contains("新密码至少 10 位");
        assertThat(anonymous
                        .post()
                        .uri("/account/password")
                        .session(session)
                        .with(csrf())
                        .param("current", "Initial-pass-1")
                        .param("password", "Better-pass-2026")
                        .param("confirm", "Better-pass-2026"))
                .hasRedirectedUrl("/?passwordChanged");
        assertThat(anonymous.get().uri("/households").session(session)).hasStatusOk();
        assertThat(anonymous.get().uri("/api/v1/regions").with(httpBasic("fresh", "Better-pass-2026")))
                .hasStatusOk();
        assertThat(audited("PASSWORD_CHANGED", "fresh")).isEqualTo(1);
    }

    private long audited(String action, String username) {
        return jdbc.sql("select count(*) from audit_log where action = ? and entity = 'user' and entity_id = ?")
                .params(action, username)
                .query(Long.class)
                .single();
    }

    @Test
    void securityHeadersAreSent() {
        assertThat(anonymous.get().uri("/login"))
                .headers()
                .hasValue("X-Frame-Options", "DENY")
                .hasValue("X-Content-Type-Options", "nosniff")
                .containsHeader("Content-Security-Policy");
    }
}
