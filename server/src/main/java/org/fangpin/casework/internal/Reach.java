package org.fangpin.casework.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.DataScope;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Who is acting and where they may: the role check and the region condition every case-work query uses. */
@Component
public class Reach {

    private final DataScope dataScope;
    private final Actor.Current actor;

    Reach(DataScope dataScope, Actor.Current actor) {
        this.dataScope = dataScope;
        this.actor = actor;
    }

    /** The acting user, if their role is one of these; else 403. */
    public Actor require(Role... roles) {
        Actor me = actor.get()
                .orElseThrow(() ->
                        new ApiException(HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.detail", List.of()));
        if (!Arrays.asList(roles).contains(me.role())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "casework.role", List.of());
        }
        return me;
    }

    /** The acting user, or null for the system itself. */
    public Actor current() {
        return actor.get().orElse(null);
    }

    /** The caller's reach over the region tree. */
    public DataScope.Scope scope() {
        return dataScope.current();
    }

    /** The SQL condition on a table's {@code village_code} for the caller's reach; binds {@code :slo}/{@code :shi}. */
    public String condition(String villageColumn, Map<String, Object> params) {
        return dataScope.current().condition(villageColumn, params);
    }
}
