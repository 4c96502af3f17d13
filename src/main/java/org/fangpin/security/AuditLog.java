package org.fangpin.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The append-only, hash-chained audit log: who did what, when, from where. */
public interface AuditLog {

    /** Records an action by the current user (or "system"), with optional detail; joins the caller's transaction. */
    void record(String action, String entity, String entityId, Map<String, ?> detail);

    /** Recomputes the chain; empty when intact, else the first entry that does not fit. */
    Optional<Long> verify();

    List<Entry> search(Query query);

    /** One entry as inspectors see it. */
    record Entry(
            long seq,
            Instant at,
            String actor,
            String clientIp,
            String action,
            String entity,
            String entityId,
            String detail) {}

    /** Audit search criteria (all optional) with keyset pagination on seq (newest first). */
    record Query(
            Optional<String> actor,
            Optional<String> entity,
            Optional<String> entityId,
            Optional<Instant> from,
            Optional<Instant> to,
            Optional<Long> before,
            int limit) {}
}
