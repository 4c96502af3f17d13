package org.fangpin.security;

import java.util.Optional;

/**
 * Who is acting: the signed-in user (or API client) with role, region and — for 行业部门 users — department.
 *
 * @param regionCode the region the user's data scope starts at; null for users without one
 * @param department the department code of a department user; null for everyone else
 */
public record Actor(String username, Role role, String regionCode, String department) {

    /** The name recorded for work the system does itself (command line, scheduled work). */
    public static final String SYSTEM = "system";

    /** The acting user; empty for the system itself (command line, scheduled work). */
    public interface Current {
        Optional<Actor> get();

        /** The acting user's name, or {@link #SYSTEM}: who is recorded as having done something. */
        default String username() {
            return get().map(Actor::username).orElse(SYSTEM);
        }
    }
}
