package org.fangpin.security;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.fangpin.region.RegionCode;

/** User accounts as other modules need them: creating them (the demo), finding who work may be given to. */
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

    /** A user as a picker shows them: login name, display name, role and region. */
    @Schema(name = "UserSummary")
    record Person(String username, String displayName, Role role, String regionCode) {}

    /**
     * Enabled users of the roles whose region lies in {@code range} or is one of {@code ancestors} (e.g. a village's
     * township), by region and name; at most {@code limit}.
     */
    List<Person> people(RegionCode.CodeRange range, Collection<String> ancestors, Collection<Role> roles, int limit);

    /** Display names of the users among the login names (e.g. the assignees on a page), by login name. */
    Map<String, String> displayNames(Collection<String> usernames);
}
