package org.fangpin.security.internal;

import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A signed-in user; carries whether the password must be changed before anything else is allowed. */
class FangpinUser extends User {

    private final boolean mustChangePassword;
    private final String regionCode;
    private final String department;
    private final int version;

    FangpinUser(
            String username,
            String password,
            boolean enabled,
            boolean accountNonLocked,
            Collection<? extends GrantedAuthority> authorities,
            boolean mustChangePassword,
            String regionCode,
            String department,
            int version) {
        super(username, password, enabled, true, true, accountNonLocked, authorities);
        this.version = version;
        this.mustChangePassword = mustChangePassword;
        this.regionCode = regionCode;
        this.department = department;
    }

    /** The department (行业部门) of a department user; null for everyone else. */
    String department() {
        return department;
    }

    /** The region this user's data scope starts at; null for users without household data. */
    String regionCode() {
        return regionCode;
    }

    /** The account's version when this user was loaded; a higher one in the database means it was changed. */
    int version() {
        return version;
    }

    boolean mustChangePassword() {
        return mustChangePassword;
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o); // identity is the user name, as in User
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
