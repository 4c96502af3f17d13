package org.fangpin.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps signed-in sessions in step with their accounts: when an administrator changes a user's role, region or
 * department the session takes the new values at its next request, and a disabled (or removed) account's session
 * ends there. Account versions are read at most every few seconds per user; changes made by this instance are seen
 * at once.
 */
@Component
class AccountFreshness {

    private static final long FRESH = Duration.ofSeconds(3).toNanos();

    private record Seen(int version, boolean enabled, long at) {}

    private final JdbcClient jdbc;
    private final JdbcUserDetailsService users;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    AccountFreshness(JdbcClient jdbc, JdbcUserDetailsService users) {
        this.jdbc = jdbc;
        this.users = users;
    }

    /** Forgets what is known of an account (after changing it), so the next request reads it again. */
    void forget(String username) {
        seen.remove(username);
    }

    private Seen current(String username) {
        long now = System.nanoTime();
        Seen s = seen.get(username);
        if (s == null || now - s.at() > FRESH) {
            s = jdbc.sql("select version, enabled from app_user where username = ?")
                    .param(username)
                    .query((rs, i) -> new Seen(rs.getInt(1), rs.getBoolean(2), now))
                    .optional()
                    .orElse(new Seen(-1, false, now));
            seen.put(username, s);
        }
        return s;
    }

    /** The filter, placed after the session's security context is loaded and before authorisation. */
    OncePerRequestFilter filter(BiConsumer<HttpServletRequest, HttpServletResponse> apiRefusal) {
        HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth != null && auth.getPrincipal() instanceof FangpinUser user) {
                    Seen s = current(user.getUsername());
                    if (!s.enabled()) {
                        SecurityContextHolder.clearContext();
                        HttpSession session = request.getSession(false);
                        if (session != null) {
                            session.invalidate();
                        }
                        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                            apiRefusal.accept(request, response);
                        } else {
                            response.sendRedirect(request.getContextPath() + "/login?disabled");
                        }
                        return;
                    }
                    if (s.version() != user.version()) {
                        var fresh = users.loadUserByUsername(user.getUsername());
                        SecurityContext context = SecurityContextHolder.createEmptyContext();
                        context.setAuthentication(
                                UsernamePasswordAuthenticationToken.authenticated(fresh, null, fresh.getAuthorities()));
                        SecurityContextHolder.setContext(context);
                        if (request.getSession(false) != null) {
                            contexts.saveContext(context, request, response);
                        }
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }
}
