package org.fangpin.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;
import org.fangpin.common.i18n.Messages;
import org.fangpin.security.ApiTokens;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing is served without login except the login page, health and static assets. Pages use form login with a
 * session (CSRF-protected); API clients authenticate with HTTP Basic on each request, so requests carrying an
 * Authorization header need no CSRF token. An unauthenticated API call gets a 401 problem document.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    private Permissions permissions;

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            Messages messages,
            JsonMapper json,
            ApiTokens tokens,
            UserDetailsService users,
            Permissions permissions,
            AccountFreshness freshness)
            throws Exception {
        this.permissions = permissions;
        var api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        http.authorizeHttpRequests(a -> a.requestMatchers(
                                "/login",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/webjars/**",
                                "/assets/**",
                                "/favicon.ico",
                                "/error")
                        .permitAll()
                        // what each role may do is data (role_permission), checked per request
                        .requestMatchers("/api/v1/audit/verify", "/audit/verify")
                        .access(allowed(Permission.AUDIT_VERIFY))
                        .requestMatchers("/api/v1/audit/**", "/audit/**")
                        .access(allowed(Permission.AUDIT_READ))
                        .requestMatchers("/api/v1/tokens/**")
                        .access(allowed(Permission.TOKEN_ADMIN))
                        .requestMatchers("/api/v1/users/**", "/api/v1/roles/**", "/admin/**")
                        .access(allowed(Permission.USER_ADMIN))
                        .requestMatchers(HttpMethod.POST, "/api/v1/regions/**")
                        .access(allowed(Permission.REGION_EDIT))
                        .requestMatchers(HttpMethod.GET, "/api/v1/households/export")
                        .access(allowed(Permission.REGISTRY_EXPORT))
                        .requestMatchers(HttpMethod.POST, "/api/v1/households/**", "/api/v1/persons/**")
                        .access(allowed(Permission.REGISTRY_EDIT))
                        .requestMatchers(HttpMethod.PUT, "/api/v1/households/**", "/api/v1/persons/**")
                        .access(allowed(Permission.REGISTRY_EDIT))
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/households/**", "/api/v1/persons/**")
                        .access(allowed(Permission.REGISTRY_EDIT))
                        .requestMatchers(HttpMethod.POST, "/api/v1/feeds/**", "/feeds/**")
                        .access(allowed(Permission.FEED_SUBMIT))
                        .requestMatchers(HttpMethod.POST, "/api/v1/monitoring/**", "/monitoring/**")
                        .access(allowed(Permission.MONITORING_CONFIGURE))
                        .requestMatchers(HttpMethod.PUT, "/api/v1/monitoring/**")
                        .access(allowed(Permission.MONITORING_CONFIGURE))
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/monitoring/**")
                        .access(allowed(Permission.MONITORING_CONFIGURE))
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/v1/alerts/**",
                                "/api/v1/cases/**",
                                "/api/v1/plans/**",
                                "/api/v1/grievances/**",
                                "/alerts/**",
                                "/cases/**",
                                "/plans/**",
                                "/grievances/**")
                        .access(allowed(Permission.CASE_WORK))
                        .requestMatchers(HttpMethod.PUT, "/api/v1/plans/**")
                        .access(allowed(Permission.CASE_WORK))
                        .anyRequest()
                        .authenticated())
                .formLogin(
                        f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .httpBasic(b -> b.authenticationEntryPoint(problemEntryPoint(messages, json)))
                .csrf(c -> c.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(problemEntryPoint(messages, json), api)
                        .defaultAccessDeniedHandlerFor(
                                (request, response, denied) -> writeProblem(
                                        request, response, HttpStatus.FORBIDDEN, "forbidden", messages, json),
                                api))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
                                        + " script-src 'self'; frame-ancestors 'none'; form-action 'self'"))
                        .frameOptions(f -> f.deny()))
                .addFilterBefore(
                        new BearerTokenFilter(
                                tokens,
                                users,
                                (request, response, status, slug) ->
                                        writeProblem(request, response, status, slug, messages, json)),
                        BasicAuthenticationFilter.class)
                .addFilterBefore(
                        freshness.filter((request, response) -> writeProblem(
                                request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", messages, json)),
                        AuthorizationFilter.class)
                .addFilterAfter(
                        new PasswordChangeRequiredFilter((request, response) -> writeProblem(
                                request, response, HttpStatus.FORBIDDEN, "password-change-required", messages, json)),
                        AuthorizationFilter.class);
        return http.build();
    }

    /** Allowed when the user's role holds the permission in the current matrix (so a change needs no new login). */
    private AuthorizationManager<RequestAuthorizationContext> allowed(Permission permission) {
        Permissions matrix = permissions;
        return (auth, context) -> {
            Authentication a = auth.get();
            Role role = a == null || !a.isAuthenticated() ? null : JdbcPermissions.roleOf(a);
            return new AuthorizationDecision(role != null && matrix.has(role, permission));
        };
    }

    private static AuthenticationEntryPoint problemEntryPoint(Messages messages, JsonMapper json) {
        return (request, response, ex) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"fangpin\"");
            writeProblem(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", messages, json);
        };
    }

    /** A problem document for the filter chain, where the MVC exception handlers do not reach. */
    static void writeProblem(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String slug,
            Messages messages,
            JsonMapper json) {
        // no Accept-Language means Chinese, not the server's locale
        Locale locale = request.getHeader("Accept-Language") == null ? null : request.getLocale();
        ProblemDetail pd = ProblemDetail.forStatus(status);
        pd.setType(URI.create("urn:fangpin:problem:" + slug));
        pd.setTitle(messages.get(locale, "problem." + slug + ".title"));
        pd.setDetail(messages.get(locale, "problem." + slug + ".detail"));
        pd.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write(json.writeValueAsString(pd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
