package org.fangpin.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BiConsumer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A user whose password must be changed (the generated first-start password) can do nothing else: pages redirect to
 * the change form, API calls get a 403 problem document.
 */
class PasswordChangeRequiredFilter extends OncePerRequestFilter {

    static final String CHANGE_PAGE = "/account/password";

    private final BiConsumer<HttpServletRequest, HttpServletResponse> apiRefusal;

    PasswordChangeRequiredFilter(BiConsumer<HttpServletRequest, HttpServletResponse> apiRefusal) {
        this.apiRefusal = apiRefusal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean allowed = path.equals(CHANGE_PAGE)
                || path.equals("/logout")
                || path.startsWith("/static/")
                || path.startsWith("/webjars/")
                || path.equals("/error");
        if (auth != null && auth.getPrincipal() instanceof FangpinUser u && u.mustChangePassword() && !allowed) {
            if (path.startsWith("/api/")) {
                apiRefusal.accept(request, response);
            } else {
                response.sendRedirect(request.getContextPath() + CHANGE_PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
