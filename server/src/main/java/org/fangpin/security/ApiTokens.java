package org.fangpin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fangpin.common.jdbc.Rows;
import org.fangpin.common.problem.ApiException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues, resolves and revokes API tokens. The token itself is shown once, at creation. */
@Service
public class ApiTokens {

    static final String PREFIX = "fp_";
    static final Set<String> SCOPES = Set.of("read", "write");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A token as listed (never the secret). */
    public record TokenInfo(
            String name,
            String username,
            List<String> scopes,
            Instant createdAt,
            String createdBy,
            Instant expiresAt,
            Instant revokedAt,
            Instant lastUsedAt,
            Integer ratePerMinute) {}

    /** The secret, returned once, with what it allows. */
    public record Issued(String name, String token, List<String> scopes, Instant expiresAt, Integer ratePerMinute) {}

    /**
     * Who a presented token acts as.
     *
     * @param ratePerMinute the token's own request limit; null for the installation's default
     */
    public record Resolved(String name, String username, List<String> scopes, Integer ratePerMinute) {}

    /**
     * A new token for the user.
     *
     * @param expiresAt when it stops working; null for never
     * @param ratePerMinute its own request limit; null for the installation's default
     */
    @Transactional
    public Issued issue(
            String name, String username, List<String> scopes, Instant expiresAt, Integer ratePerMinute, String by) {
        if (scopes.isEmpty() || !SCOPES.containsAll(scopes)) {
            throw ApiException.invalid("scopes", "read | write");
        }
        if (ratePerMinute != null && ratePerMinute < 1) {
            throw ApiException.invalid("ratePerMinute", "≥ 1");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try {
            jdbc.sql("insert into api_token (name, token_hash, username, scopes, created_by, expires_at,"
                            + " rate_per_minute) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            name,
                            sha256(token),
                            username,
                            scopes.toArray(String[]::new),
                            by,
                            expiresAt == null ? null : Timestamp.from(expiresAt),
                            ratePerMinute)
                    .update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("token.name-taken", name);
        } catch (DataIntegrityViolationException e) {
            throw ApiException.invalid("username", username);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("user", username);
        detail.put("scopes", scopes);
        if (ratePerMinute != null) {
            detail.put("ratePerMinute", ratePerMinute);
        }
        audit.record("TOKEN_ISSUED", "api_token", name, detail);
        return new Issued(name, token, scopes, expiresAt, ratePerMinute);
    }

    @Transactional
    public boolean revoke(String name) {
        boolean done = jdbc.sql("update api_token set revoked_at = now() where name = ? and revoked_at is null")
                        .param(name)
                        .update()
                == 1;
        if (done) {
            audit.record("TOKEN_REVOKED", "api_token", name, null);
        }
        return done;
    }

    public List<TokenInfo> list() {
        return jdbc.sql("select name, username, scopes, created_at, created_by, expires_at, revoked_at, last_used_at,"
                        + " rate_per_minute from api_token order by name")
                .query((rs, i) -> new TokenInfo(
                        rs.getString("name"),
                        rs.getString("username"),
                        List.of((String[]) rs.getArray("scopes").getArray()),
                        Rows.instant(rs, "created_at"),
                        rs.getString("created_by"),
                        Rows.instant(rs, "expires_at"),
                        Rows.instant(rs, "revoked_at"),
                        Rows.instant(rs, "last_used_at"),
                        (Integer) rs.getObject("rate_per_minute")))
                .list();
    }

    /**
     * A valid (known, not revoked, not expired) token; records its use at most once a minute, so a department system
     * sending many requests at once neither writes a row per request nor queues on the token's row lock.
     */
    public Optional<Resolved> resolve(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        with t as (select token_hash, name, username, scopes, last_used_at, rate_per_minute
                                   from api_token
                                   where token_hash = ? and revoked_at is null
                                     and (expires_at is null or expires_at > now())),
                             used as (update api_token a set last_used_at = now() from t
                                      where a.token_hash = t.token_hash
                                        and (t.last_used_at is null or t.last_used_at < now() - interval '1 minute')
                                      returning a.token_hash)
                        select name, username, scopes, rate_per_minute from t""")
                .param(sha256(token))
                .query((rs, i) -> new Resolved(
                        rs.getString("name"),
                        rs.getString("username"),
                        List.of((String[]) rs.getArray("scopes").getArray()),
                        (Integer) rs.getObject("rate_per_minute")))
                .optional();
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
