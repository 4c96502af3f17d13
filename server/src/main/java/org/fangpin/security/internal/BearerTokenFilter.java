package org.fangpin.security.internal;

import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fangpin.security.ApiTokens;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer fp_…}: a stateless API call acting as the token's user, limited to the token's
 * scopes — {@code read} for GET/HEAD, {@code write} for anything else — and to its request rate (429 with
 * {@code Retry-After} beyond it).
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** Writes a problem document with a status and a slug ({@code problem.<slug>.*} messages). */
    interface Refusal {
        void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug);
    }

    private final ApiTokens tokens;
    private final UserDetailsService users;
    private final TokenRateLimits limits;
    private final Refusal refusal;

    BearerTokenFilter(ApiTokens tokens, UserDetailsService users, TokenRateLimits limits, Refusal refusal) {
        this.tokens = tokens;
        this.users = users;
        this.limits = limits;
        this.refusal = refusal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokens.Resolved> token = tokens.resolve(header.substring(7).strip());
        Optional<UserDetails> user = token.flatMap(t -> load(t.username()));
        if (user.isEmpty() || !user.get().isEnabled() || !user.get().isAccountNonLocked()) {
            refusal.refuse(request, response, HttpStatus.UNAUTHORIZED, "invalid-token");
            return;
        }
        String needed = READ_METHODS.contains(request.getMethod()) ? "read" : "write";
        if (!token.get().scopes().contains(needed)) {
            refusal.refuse(request, response, HttpStatus.FORBIDDEN, "insufficient-scope");
            return;
        }
        ConsumptionProbe probe = limits.take(token.get());
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999));
            response.setHeader("Retry-After", Long.toString(seconds));
            refusal.refuse(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited");
            return;
        }
        response.setHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
        List<GrantedAuthority> authorities = new ArrayList<>(user.get().getAuthorities());
        token.get().scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.get(), null, authorities));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Optional<UserDetails> load(String username) {
        try {
            return Optional.of(users.loadUserByUsername(username));
        } catch (UsernameNotFoundException e) {
            return Optional.empty();
        }
    }
}
