package org.fangpin.security.internal;

import java.util.Set;
import org.fangpin.security.SensitiveAccess;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

@Component
class RoleSensitiveAccess implements SensitiveAccess {

    private static final Set<String> FULL_VIEW = Set.of("ROLE_VILLAGE", "ROLE_TOWNSHIP", "ROLE_COUNTY");

    @Override
    public boolean mayViewInFull() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return true; // the system itself: command line, demo loader
        }
        return auth.getAuthorities().stream().anyMatch(a -> FULL_VIEW.contains(a.getAuthority()));
    }
}
