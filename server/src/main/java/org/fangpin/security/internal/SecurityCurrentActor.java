package org.fangpin.security.internal;

import java.util.Objects;
import java.util.Optional;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

@Component
class SecurityCurrentActor implements Actor.Current {

    @Override
    public Optional<Actor> get() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof FangpinUser user)) {
            return Optional.empty();
        }
        Role role = Objects.requireNonNull(JdbcPermissions.roleOf(auth), "a platform user has a role");
        return Optional.of(new Actor(user.getUsername(), role, user.regionCode(), user.department()));
    }
}
