package org.fangpin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.fangpin.IntegrationTest;
import org.fangpin.region.DataScope;
import org.fangpin.registry.HouseholdQuery;
import org.fangpin.registry.Registry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** No user is nobody; work without one holds everything only as the named system actor, and is audited so. */
@IntegrationTest
class SystemActorIT {

    @Autowired
    Permissions permissions;

    @Autowired
    DataScope scope;

    @Autowired
    AuditLog audit;

    @Autowired
    Registry registry;

    @Autowired
    SensitiveAccess sensitive;

    @Autowired
    JdbcClient jdbc;

    /** On a thread of its own, as a scheduler's or a worker pool's: nobody signed in. */
    private static <T> T elsewhere(Supplier<T> work) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            return CompletableFuture.supplyAsync(work, pool).get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void workWithoutAUserHoldsNothing() throws Exception {
        assertThat(elsewhere(() -> List.of(
                        permissions.has(Permission.REGISTRY_EDIT),
                        permissions.has(Permission.USER_ADMIN),
                        sensitive.mayViewInFull())))
                .containsOnly(false);
        assertThat(elsewhere(() -> scope.current())).isInstanceOf(DataScope.Scope.Nothing.class);
        assertThat(elsewhere(
                        () -> registry.search(new HouseholdQuery(null, null, null, null, null, null, null, null, 10))
                                .items()))
                .isEmpty();
        assertThatThrownBy(() -> elsewhere(() -> {
                    permissions.set(Role.VILLAGE, Set.of());
                    return null;
                }))
                .hasMessageContaining("permission.installationOnly");
    }

    @Test
    void theSystemActorHoldsEverythingAndIsAuditedByName() throws Exception {
        assertThat(elsewhere(() -> SystemActor.call(
                        "probe",
                        () -> List.of(
                                permissions.has(Permission.REGISTRY_EDIT),
                                permissions.has(Permission.USER_ADMIN),
                                sensitive.mayViewInFull()))))
                .containsOnly(true);
        assertThat(elsewhere(() -> SystemActor.call("probe", () -> scope.current())))
                .isInstanceOf(DataScope.Scope.System.class);
        elsewhere(() -> {
            SystemActor.run("probe", () -> audit.record("PROBE", "test", "system-actor", Map.of()));
            return null;
        });
        assertThat(jdbc.sql("select actor from audit_log where action = 'PROBE' and entity_id = 'system-actor'")
                        .query(String.class)
                        .single())
                .isEqualTo("system:probe");
        // and the identity ends with the work
        assertThat(elsewhere(
                        () -> SystemActor.call("probe", () -> 1) + (permissions.has(Permission.REGISTRY_EDIT) ? 1 : 0)))
                .isEqualTo(1);
    }
}
