package org.fangpin.security.internal;

import org.fangpin.region.DataScope;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.SystemActor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The signed-in user's data scope: the subtree of their region. Administrators and departments see no household
 * data, nor do universities (an organisation, not a region); the system actor ({@link SystemActor}) sees everything, and work without any user sees nothing.
 */
@Component
class UserDataScope implements DataScope {

    private final RegionDirectory regions;

    UserDataScope(RegionDirectory regions) {
        this.regions = regions;
    }

    private static final String CACHE = UserDataScope.class.getName();

    private record Resolved(Authentication auth, Scope scope) {}

    /**
     * Resolved once per request and signed-in identity (a request may check many records; work run on behalf of
     * another user inside it, {@code UserAccounts.runAs}, gets that user's scope).
     */
    @Override
    public Scope current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return resolve();
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Resolved cached = (Resolved) request.getAttribute(CACHE, RequestAttributes.SCOPE_REQUEST);
        if (cached == null || cached.auth() != auth) {
            cached = new Resolved(auth, resolve());
            request.setAttribute(CACHE, cached, RequestAttributes.SCOPE_REQUEST);
        }
        return cached.scope();
    }

    private Scope resolve() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (SystemActor.is(auth)) {
            return new Scope.System(); // scheduled work, the drop folder, the demo, the command line
        }
        if (auth == null) {
            return new Scope.Nothing(); // no user is nobody
        }
        if (!(auth.getPrincipal() instanceof FangpinUser user)
                || user.regionCode() == null
                || auth.getAuthorities().stream()
                        .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN")
                                || a.getAuthority().equals("ROLE_DEPARTMENT")
                                || a.getAuthority().equals("ROLE_UNIVERSITY"))) {
            return new Scope.Nothing();
        }
        return regions.find(user.regionCode()).<Scope>map(Scope.Subtree::new).orElseGet(Scope.Nothing::new);
    }
}
