package org.fangpin.security.internal;

import org.fangpin.region.DataScope;
import org.fangpin.region.RegionDirectory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The signed-in user's data scope: the subtree of their region. Administrators and departments see no household
 * data; without a signed-in user (command line, demo loader) the system sees everything.
 */
@Component
class UserDataScope implements DataScope {

    private final RegionDirectory regions;

    UserDataScope(RegionDirectory regions) {
        this.regions = regions;
    }

    private static final String CACHE = UserDataScope.class.getName();

    /** Resolved once per request (a request may check many records). */
    @Override
    public Scope current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return resolve();
        }
        Scope cached = (Scope) request.getAttribute(CACHE, RequestAttributes.SCOPE_REQUEST);
        if (cached == null) {
            cached = resolve();
            request.setAttribute(CACHE, cached, RequestAttributes.SCOPE_REQUEST);
        }
        return cached;
    }

    private Scope resolve() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return new Scope.System(); // no request context: command line, demo loader
        }
        if (!(auth.getPrincipal() instanceof FangpinUser user)
                || user.regionCode() == null
                || auth.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN")
                                || a.getAuthority().equals("ROLE_DEPARTMENT"))) {
            return new Scope.Nothing();
        }
        return regions.find(user.regionCode()).<Scope>map(Scope.Subtree::new).orElseGet(Scope.Nothing::new);
    }
}
