package org.fangpin.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.AuditLog;
import org.fangpin.security.SystemActor;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The audit log in PostgreSQL; chaining and append-only protection are done by the database (V5 migration). */
@Service
class JdbcAuditLog implements AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    private final TransactionTemplate separate;
    private final RegionDirectory regions;
    private final AuditAnchors anchors;

    JdbcAuditLog(
            JdbcClient jdbc,
            JsonMapper json,
            PlatformTransactionManager tm,
            RegionDirectory regions,
            AuditAnchors anchors) {
        this.anchors = anchors;
        this.regions = regions;
        this.jdbc = jdbc;
        this.json = json;
        this.separate = new TransactionTemplate(tm);
        this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public void record(String action, String entity, String entityId, Map<String, ?> detail) {
        record(actor(), action, entity, entityId, detail, null);
    }

    @Override
    public void record(String action, String entity, String entityId, Map<String, ?> detail, String regionCode) {
        record(actor(), action, entity, entityId, detail, regionCode);
    }

    /**
     * Joins the caller's transaction, so a change and its audit entry commit or roll back together; a read-only
     * caller (e.g. an export: a read of sensitive data) gets its entry written in a transaction of its own.
     */
    private void record(
            String actor, String action, String entity, String entityId, Map<String, ?> detail, String region) {
        if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            separate.executeWithoutResult(status -> insert(actor, action, entity, entityId, detail, region));
        } else {
            insert(actor, action, entity, entityId, detail, region);
        }
    }

    private void insert(
            String actor, String action, String entity, String entityId, Map<String, ?> detail, String region) {
        jdbc.sql("insert into audit_log (actor, client_ip, action, entity, entity_id, detail, region_code)"
                        + " values (?, ?, ?, ?, ?, cast(? as jsonb), ?)")
                .params(
                        actor,
                        clientIp(),
                        action,
                        entity,
                        entityId,
                        detail == null ? null : json.writeValueAsString(detail),
                        region)
                .update();
    }

    /** Registry (and later modules') changes, in the same transaction as the change. */
    @EventListener
    void on(AuditableChange change) {
        Map<String, Object> detail = new HashMap<>();
        if (change.before() != null) {
            detail.put("before", change.before());
        }
        if (change.after() != null) {
            detail.put("after", change.after());
        }
        record(
                actor(),
                change.action(),
                change.entity(),
                change.entityId(),
                detail.isEmpty() ? null : detail,
                change.regionCode());
    }

    @EventListener
    void on(InteractiveAuthenticationSuccessEvent event) {
        record(
                event.getAuthentication().getName(),
                "LOGIN",
                "user",
                event.getAuthentication().getName(),
                null,
                null);
    }

    @EventListener
    void on(AuthenticationFailureBadCredentialsEvent event) {
        String name = String.valueOf(event.getAuthentication().getName());
        record(name, "LOGIN_FAILED", "user", name, null, null);
    }

    @Override
    public Optional<Long> verify() {
        return jdbc.sql("""
                select seq from (
                  select seq, hash, prev_hash, lag(hash) over (order by seq) expected_prev,
                         sha256(prev_hash || audit_content(a)) recomputed
                  from audit_log a) x
                where recomputed <> hash or prev_hash <> coalesce(expected_prev, '\\x00'::bytea)
                order by seq limit 1""").query(Long.class).optional();
    }

    @Override
    public Optional<Long> anchor() {
        return anchors.anchor();
    }

    @Override
    public List<AnchorProblem> checkAnchors() {
        return anchors.check();
    }

    @Override
    public Path anchorFile() {
        return anchors.file();
    }

    private static void condition(StringBuilder sql, Map<String, Object> p, String condition, String name, Object v) {
        if (v != null) {
            sql.append(" and ").append(condition);
            p.put(name, v);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public List<Entry> search(Query q) {
        StringBuilder sql = new StringBuilder(
                "select seq, at, actor, client_ip, action, entity, entity_id, detail::text detail from audit_log"
                        + " where true");
        Map<String, Object> p = new HashMap<>();
        condition(sql, p, "actor = :actor", "actor", blankToNull(q.actor()));
        condition(sql, p, "entity = :entity", "entity", blankToNull(q.entity()));
        condition(sql, p, "entity_id = :entityId", "entityId", blankToNull(q.entityId()));
        condition(sql, p, "at >= :from", "from", q.from() == null ? null : Timestamp.from(q.from()));
        condition(sql, p, "at < :to", "to", q.to() == null ? null : Timestamp.from(q.to()));
        condition(sql, p, "seq < :before", "before", q.before());
        if (blankToNull(q.region()) != null) {
            var asked = regions.find(q.region().strip());
            if (asked.isEmpty()) {
                return List.of();
            }
            sql.append(" and region_code between :rlo and :rhi");
            p.put("rlo", asked.get().subtree().low());
            p.put("rhi", asked.get().subtree().high());
        }
        // a user bound to a region (an inspector, or an administrator of that region) sees the entries of that
        // region and below; an administrator without a region sees every entry; the system actor too; nobody nothing
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return List.of();
        }
        if (!SystemActor.is(auth)) {
            String region = auth.getPrincipal() instanceof FangpinUser u ? u.regionCode() : null;
            boolean admin = auth.getAuthorities().stream()
                    .anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
            if (region != null) {
                var home = regions.find(region);
                if (home.isEmpty()) {
                    return List.of();
                }
                sql.append(" and region_code between :lo and :hi");
                p.put("lo", home.get().subtree().low());
                p.put("hi", home.get().subtree().high());
            } else if (!admin) {
                return List.of();
            }
        }
        sql.append(" order by seq desc limit :limit");
        p.put("limit", Math.max(1, Math.min(q.limit(), 500)));
        return jdbc.sql(sql.toString())
                .params(p)
                .query((rs, i) -> new Entry(
                        rs.getLong("seq"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("client_ip"),
                        rs.getString("action"),
                        rs.getString("entity"),
                        rs.getString("entity_id"),
                        rs.getString("detail")))
                .list();
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() ? auth.getName() : "anonymous";
    }

    private static String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
