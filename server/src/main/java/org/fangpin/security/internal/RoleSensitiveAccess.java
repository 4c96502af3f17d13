package org.fangpin.security.internal;

import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.SensitiveAccess;
import org.springframework.stereotype.Component;

/** Full ID and phone numbers for roles holding {@link Permission#VIEW_SENSITIVE}, and for the system itself. */
@Component
class RoleSensitiveAccess implements SensitiveAccess {

    private final Permissions permissions;

    RoleSensitiveAccess(Permissions permissions) {
        this.permissions = permissions;
    }

    @Override
    public boolean mayViewInFull() {
        return permissions.has(Permission.VIEW_SENSITIVE);
    }
}
