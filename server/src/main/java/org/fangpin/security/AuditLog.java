package org.fangpin.security;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The append-only, hash-chained audit log: who did what, when, from where. */
public interface AuditLog {

    /** Records an action by the current user (or "system"), with optional detail; joins the caller's transaction. */
    void record(String action, String entity, String entityId, Map<String, ?> detail);

    /**
     * The same for an entry that concerns a region (e.g. an account bound to it), so that the region's inspectors
     * and administrators find it.
     */
    void record(String action, String entity, String entityId, Map<String, ?> detail, String regionCode);

    /** Recomputes the chain; empty when intact, else the first entry that does not fit. */
    Optional<Long> verify();

    /**
     * Writes the chain's head (seq and hash, signed) to the anchor file outside the database when it moved since
     * the last anchor; done every few minutes by itself. Returns the anchored entry, empty for an empty log.
     */
    Optional<Long> anchor();

    /**
     * Checks every anchor against the database: an anchored entry missing (the newest entries cut off) or with
     * another hash (the chain recomputed after a change), or an anchor line not signed with the key. Empty when
     * all hold.
     */
    List<AnchorProblem> checkAnchors();

    /** Where the anchors are written (keep a copy off this machine: log shipping, WORM storage). */
    Path anchorFile();

    enum AnchorFault {
        MISSING,
        ALTERED,
        BAD_SIGNATURE,
        OUT_OF_ORDER
    }

    /** An anchor that does not hold: its line in the anchor file, the entry it names, when it was written, why. */
    record AnchorProblem(int line, long seq, Instant anchoredAt, AnchorFault fault) {}

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

    /**
     * Audit search criteria (null or blank leaves one out) with keyset pagination on seq (newest first; {@code
     * before}: the last seq of the previous page); {@code region} narrows to entries concerning that region and below
     * (within the searcher's own reach).
     */
    record Query(
            String actor,
            String entity,
            String entityId,
            Instant from,
            Instant to,
            Long before,
            int limit,
            String region) {

        /** The entries about one entity, newest first. */
        public static Query about(String entity, String entityId, int limit) {
            return new Query(null, entity, entityId, null, null, null, limit, null);
        }
    }
}
