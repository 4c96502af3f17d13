package org.fangpin.security.internal;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.fangpin.common.problem.ProblemResponses;
import org.fangpin.security.ApiTokens;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

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
            ProblemResponses problems,
            ApiTokens tokens,
            TokenRateLimits limits,
            UserDetailsService users,
            Permissions permissions,
            AccountFreshness freshness)
            throws Exception {
        this.permissions = permissions;
        var api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        http.authorizeHttpRequests(a -> {
                    // who may send what is one table (PermissionRules); what each role may do is data (role_permission)
                    for (PermissionRules.Rule r : PermissionRules.RULES) {
                        String[] patterns = r.patterns().toArray(String[]::new);
                        // a HEAD request runs the GET handler, so a GET rule covers it too
                        List<HttpMethod> methods = r.method() == null
                                ? Collections.singletonList(null)
                                : HttpMethod.GET.equals(r.method())
                                        ? List.of(HttpMethod.GET, HttpMethod.HEAD)
                                        : List.of(r.method());
                        for (HttpMethod method : methods) {
                            var matched =
                                    method == null ? a.requestMatchers(patterns) : a.requestMatchers(method, patterns);
                            if (r.access().open()) {
                                matched.permitAll();
                            } else if (r.access().anyOf().isEmpty()) {
                                matched.authenticated();
                            } else {
                                matched.access(allowed(r.access().anyOf()));
                            }
                        }
                    }
                    // a path no handler serves: a 404 for those signed in (every handler has a rule:
                    // EndpointRulesCheck)
                    a.anyRequest().authenticated();
                })
                .formLogin(
                        f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .httpBasic(b -> b.authenticationEntryPoint(problemEntryPoint(problems)))
                .csrf(c -> c.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(problemEntryPoint(problems), api)
                        .defaultAccessDeniedHandlerFor(apiDenied(problems), api)
                        .defaultAccessDeniedHandlerFor(pageDenied(), request -> true))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
                                        + " script-src 'self'; frame-ancestors 'none'; form-action 'self'"))
                        .frameOptions(f -> f.deny()))
                .addFilterBefore(
                        new BearerTokenFilter(
                                tokens,
                                users,
                                limits,
                                (request, response, status, slug) -> problems.write(request, response, status, slug)),
                        BasicAuthenticationFilter.class)
                .addFilterBefore(
                        freshness.filter((request, response) ->
                                problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated")),
                        AuthorizationFilter.class)
                .addFilterAfter(
                        new PasswordChangeRequiredFilter((request, response) ->
                                problems.write(request, response, HttpStatus.FORBIDDEN, "password-change-required")),
                        AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Allowed when the user's role holds the permission in the current matrix (so a change needs no new login); a
     * refusal remembers which permission was missing, for the problem document.
     */
    private AuthorizationManager<RequestAuthorizationContext> allowed(Set<Permission> anyOf) {
        Permissions matrix = permissions;
        Permission named = anyOf.stream().sorted().findFirst().orElseThrow();
        return (auth, context) -> {
            Authentication a = auth.get();
            Role role = a == null || !a.isAuthenticated() ? null : JdbcPermissions.roleOf(a);
            boolean granted = role != null && anyOf.stream().anyMatch(p -> matrix.has(role, p));
            if (!granted) {
                context.getRequest().setAttribute(MISSING_PERMISSION, named);
            }
            return new AuthorizationDecision(granted);
        };
    }

    static final String MISSING_PERMISSION = SecurityConfiguration.class.getName() + ".missingPermission";

    private static AuthenticationEntryPoint problemEntryPoint(ProblemResponses problems) {
        return (request, response, ex) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"fangpin\"");
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated");
        };
    }

    /**
     * A refused API call: 401 for a caller who is not signed in (a write without credentials fails the CSRF check
     * first, but what it lacks is a login), 403 for a signed-in one.
     */
    private static AccessDeniedHandler apiDenied(ProblemResponses problems) {
        AuthenticationEntryPoint unauthenticated = problemEntryPoint(problems);
        return (request, response, denied) -> {
            if (!signedIn()) {
                unauthenticated.commence(
                        request, response, new InsufficientAuthenticationException(denied.getMessage(), denied));
            } else if (request.getAttribute(MISSING_PERMISSION) instanceof Permission missing) {
                // which permission the role lacks, in the caller's language (administrators grant it on 角色权限)
                problems.write(request, response, HttpStatus.FORBIDDEN, "permission-denied", missing);
            } else {
                problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden");
            }
        };
    }

    /**
     * A refused page request: a form sent after the session ended (its CSRF token belongs to the old session) leads
     * to the login page, which says the session expired; anything else is the 403 error page.
     */
    private static AccessDeniedHandler pageDenied() {
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        return (request, response, denied) -> {
            if (denied instanceof CsrfException && !signedIn()) {
                response.sendRedirect(request.getContextPath() + "/login?expired");
            } else {
                forbidden.handle(request, response, denied);
            }
        };
    }

    private static boolean signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
    }

    /** A request the firewall refuses (an encoded slash, a semicolon …) is the client's error, answered on /error. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return new HttpStatusRequestRejectedHandler(HttpStatus.BAD_REQUEST.value());
    }
}
