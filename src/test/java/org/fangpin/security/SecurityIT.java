package org.fangpin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import org.fangpin.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** What an anonymous or wrongly authenticated client gets; uses its own MockMvc without the test credentials. */
@IntegrationTest
class SecurityIT {

    @Autowired
    WebApplicationContext context;

    MockMvcTester anonymous;

    @BeforeEach
    void setUp() {
        anonymous = MockMvcTester.create(MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build());
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

    @Test
    void formPostsWithoutCsrfTokenAreRefused() {
        assertThat(anonymous.post().uri("/login").param("username", "admin").param("password", "x"))
                .hasStatus(403);
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
