package org.fangpin.common.events;

import java.util.Map;

/**
 * Published by a module when it changes data that the audit log must record: which entity, which action, and the
 * values before and after (sensitive values already masked). Listeners run in the publisher's transaction.
 */
public record AuditableChange(
        String entity, String entityId, String action, Map<String, ?> before, Map<String, ?> after, String regionCode) {

    /** A change that concerns no particular region (e.g. an import job, a token). */
    public AuditableChange(String entity, String entityId, String action, Map<String, ?> before, Map<String, ?> after) {
        this(entity, entityId, action, before, after, null);
    }
}
