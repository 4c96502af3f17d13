package org.fangpin.security.internal;

import static org.fangpin.security.Permission.AUDIT_READ;
import static org.fangpin.security.Permission.AUDIT_VERIFY;
import static org.fangpin.security.Permission.CASE_WORK;
import static org.fangpin.security.Permission.FEED_SUBMIT;
import static org.fangpin.security.Permission.MONITORING_CONFIGURE;
import static org.fangpin.security.Permission.REGION_EDIT;
import static org.fangpin.security.Permission.REGISTRY_EDIT;
import static org.fangpin.security.Permission.REGISTRY_EXPORT;
import static org.fangpin.security.Permission.TOKEN_ADMIN;
import static org.fangpin.security.Permission.USER_ADMIN;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;
import java.util.Optional;
import org.fangpin.security.Permission;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which permission a request needs, by method and path: the one table from which the request filter is configured
 * and the API description says, per operation, what it takes ({@code x-fangpin-permission}). The first rule that
 * matches decides; a request no rule matches needs a login only (its service may still check role and region).
 */
final class PermissionRules {

    /** A rule; {@code method} null for every method. */
    record Rule(HttpMethod method, List<String> patterns, Permission permission) {}

    static final List<Rule> RULES = List.of(
            new Rule(null, List.of("/api/v1/audit/verify", "/audit/verify"), AUDIT_VERIFY),
            new Rule(null, List.of("/api/v1/audit/**", "/audit/**"), AUDIT_READ),
            new Rule(null, List.of("/api/v1/tokens/**"), TOKEN_ADMIN),
            new Rule(null, List.of("/api/v1/users/**", "/api/v1/roles/**", "/admin/**"), USER_ADMIN),
            new Rule(POST, List.of("/api/v1/regions/**"), REGION_EDIT),
            new Rule(GET, List.of("/api/v1/households/export"), REGISTRY_EXPORT),
            new Rule(POST, List.of("/api/v1/households/**", "/api/v1/persons/**"), REGISTRY_EDIT),
            new Rule(PUT, List.of("/api/v1/households/**", "/api/v1/persons/**"), REGISTRY_EDIT),
            new Rule(DELETE, List.of("/api/v1/households/**", "/api/v1/persons/**"), REGISTRY_EDIT),
            new Rule(POST, List.of("/api/v1/feeds/**", "/feeds/**"), FEED_SUBMIT),
            new Rule(POST, List.of("/api/v1/monitoring/**", "/monitoring/**"), MONITORING_CONFIGURE),
            new Rule(PUT, List.of("/api/v1/monitoring/**"), MONITORING_CONFIGURE),
            new Rule(DELETE, List.of("/api/v1/monitoring/**"), MONITORING_CONFIGURE),
            new Rule(
                    POST,
                    List.of(
                            "/api/v1/alerts/**",
                            "/api/v1/cases/**",
                            "/api/v1/plans/**",
                            "/api/v1/grievances/**",
                            "/alerts/**",
                            "/cases/**",
                            "/plans/**",
                            "/grievances/**"),
                    CASE_WORK),
            new Rule(PUT, List.of("/api/v1/plans/**"), CASE_WORK));

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    private PermissionRules() {}

    /** The permission a request of this method to this path (a path template, e.g. {@code /cases/{id}}) needs. */
    static Optional<Permission> of(HttpMethod method, String path) {
        PathContainer p = PathContainer.parsePath(path);
        for (Rule r : RULES) {
            if (r.method() != null && !r.method().equals(method)) {
                continue;
            }
            for (String pattern : r.patterns()) {
                PathPattern compiled = PARSER.parse(pattern);
                if (compiled.matches(p)) {
                    return Optional.of(r.permission());
                }
            }
        }
        return Optional.empty();
    }
}
