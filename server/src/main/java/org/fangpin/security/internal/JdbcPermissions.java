package org.fangpin.security.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.fangpin.common.problem.ApiException;
import org.fangpin.security.AuditLog;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.fangpin.security.SystemActor;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The matrix, read from {@code role_permission} and kept for a few seconds (it is consulted on every request; with
 * several application instances a change reaches the others within that time).
 */
@Service("permissions")
class JdbcPermissions implements Permissions {

    private static final Duration FRESH = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;

    private record Snapshot(Map<Role, Set<Permission>> matrix, long loadedAt) {}

    private volatile Snapshot snapshot;
    private volatile boolean seeded;

    /** Its own transaction: the first check may come inside a caller's read-only one. */
    private final TransactionTemplate seeding;

    JdbcPermissions(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.seeding = new TransactionTemplate(tx.getTransactionManager());
        this.seeding.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public boolean has(Permission permission) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (SystemActor.is(auth)) {
            return true; // scheduled work, the drop folder, the demo, the command line
        }
        if (auth == null) {
            return false; // no user is nobody: work without one must run as the system actor
        }
        Role role = roleOf(auth);
        return role != null && has(role, permission);
    }

    /** The platform role of a signed-in user; null for anyone else (e.g. Spring's anonymous user). */
    static Role roleOf(Authentication auth) {
        for (var a : auth.getAuthorities()) {
            String name = a.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                for (Role r : Role.values()) {
                    if (r.name().equals(name.substring(5))) {
                        return r;
                    }
                }
            }
        }
        return null;
    }

    @Override
    public boolean has(Role role, Permission permission) {
        return current().get(role).contains(permission);
    }

    @Override
    public Map<Role, Set<Permission>> matrix() {
        return current();
    }

    @Override
    public void set(Role role, Set<Permission> permissions) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (!SystemActor.is(auth)
                && (!(auth != null && auth.getPrincipal() instanceof FangpinUser u) || u.regionCode() != null)) {
            // the matrix is the whole installation's: an administrator bound to a region manages accounts only
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "permission.installationOnly", List.of());
        }
        if (role == Role.ADMIN && !permissions.contains(Permission.USER_ADMIN)) {
            throw ApiException.conflict("permission.adminLockout");
        }
        tx.executeWithoutResult(s -> {
            Set<Permission> before = load().get(role);
            if (before.equals(permissions)) {
                return;
            }
            jdbc.sql("delete from role_permission where role = ?")
                    .param(role.name())
                    .update();
            for (Permission p : permissions) {
                jdbc.sql("insert into role_permission (role, permission, granted_by) values (?, ?, ?)")
                        .params(role.name(), p.name(), actor())
                        .update();
            }
            audit.record(
                    "PERMISSIONS_CHANGED",
                    "role",
                    role.name(),
                    Map.of("before", names(before), "after", names(permissions)));
        });
        snapshot = null;
    }

    private static String names(Set<Permission> permissions) {
        return permissions.stream()
                .map(Enum::name)
                .collect(Collectors.toCollection(TreeSet::new))
                .toString();
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "anonymous" : auth.getName();
    }

    private Map<Role, Set<Permission>> current() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s == null || now - s.loadedAt() > FRESH.toNanos()) {
            if (!seeded) {
                seeding.executeWithoutResult(status -> seedNewPermissions()); // once per instance
                seeded = true;
            }
            s = new Snapshot(tx.execute(status -> load()), now);
            snapshot = s;
        }
        return s.matrix();
    }

    /** Grants each permission never seen before to its default roles, once. */
    private void seedNewPermissions() {
        Set<String> seeded = Set.copyOf(jdbc.sql("select permission from permission_seeded")
                .query(String.class)
                .list());
        for (Permission p : Permission.values()) {
            if (seeded.contains(p.name())) {
                continue;
            }
            int claimed = jdbc.sql("insert into permission_seeded (permission) values (?) on conflict do nothing")
                    .param(p.name())
                    .update();
            if (claimed == 1) {
                for (Role r : p.defaults()) {
                    jdbc.sql("insert into role_permission (role, permission, granted_by) values (?, ?, 'system')"
                                    + " on conflict do nothing")
                            .params(r.name(), p.name())
                            .update();
                }
            }
        }
    }

    private Map<Role, Set<Permission>> load() {
        Map<Role, Set<Permission>> m = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            m.put(r, EnumSet.noneOf(Permission.class));
        }
        jdbc.sql("select role, permission from role_permission")
                .query((rs, i) -> {
                    try {
                        m.get(Role.valueOf(rs.getString(1))).add(Permission.valueOf(rs.getString(2)));
                    } catch (IllegalArgumentException retired) {
                        // a permission or role a later release removed: ignored
                    }
                    return null;
                })
                .list();
        m.replaceAll((r, set) -> Collections.unmodifiableSet(set));
        return Collections.unmodifiableMap(m);
    }
}
