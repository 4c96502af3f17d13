package org.fangpin.security;

import java.util.Optional;
import java.util.function.Supplier;

/** Creating user accounts from other modules (the demo, later the administration pages). */
public interface UserAccounts {

    /**
     * Creates a user bound to a region with a generated password that must be changed at first login. Returns the
     * password (to hand over once), or empty when the user already exists.
     */
    default Optional<String> createWithGeneratedPassword(
            String username, String displayName, Role role, String regionCode) {
        return createWithGeneratedPassword(username, displayName, role, regionCode, null);
    }

    /** The same for a 行业部门 user, with its department's code (e.g. {@code MEDICAL_SECURITY}). */
    Optional<String> createWithGeneratedPassword(
            String username, String displayName, Role role, String regionCode, String department);

    /**
     * Runs work on behalf of an enabled user, with their role and data scope, e.g. the demo entering what the
     * demo county's offices would have; the caller's own identity is restored afterwards.
     */
    <T> T runAs(String username, Supplier<T> work);

    /** An enabled user's role, region and department, e.g. to check who an alert or task may be given to. */
    Optional<Actor> find(String username);
}
