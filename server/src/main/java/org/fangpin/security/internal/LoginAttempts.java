package org.fangpin.security.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fangpin.security.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Throttles password guessing: after {@code max-failures} wrong passwords in a row an account is locked for
 * {@code lock-duration} (login and API alike); a successful login resets the count.
 */
@Component
class LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

    private final JdbcClient jdbc;
    private final int maxFailures;
    private final Duration lock;

    private final AuditLog audit;

    private record Locked(int failures, OffsetDateTime until, String regionCode) {}

    LoginAttempts(
            JdbcClient jdbc,
            AuditLog audit,
            @Value("${fangpin.security.max-failures:5}") int maxFailures,
            @Value("${fangpin.security.lock-duration:15m}") Duration lock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.maxFailures = maxFailures;
        this.lock = lock;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String username = String.valueOf(event.getAuthentication().getName());
        // the row as it was is read under the update's lock, so that only the failure that locks it is audited
        Optional<Locked> locked = jdbc
                .sql(
                        "update app_user u set failed_attempts = u.failed_attempts + 1,"
                                + " locked_until = case when u.failed_attempts + 1 >= :max"
                                + " then now() + make_interval(secs => :secs) else u.locked_until end"
                                + " from (select username, locked_until from app_user where username = :u for update) before"
                                + " where u.username = before.username"
                                + " returning u.locked_until > now() and (before.locked_until is null"
                                + " or before.locked_until <= now()) as newly, u.failed_attempts, u.locked_until, u.region_code")
                .param("max", maxFailures)
                .param("secs", lock.toSeconds())
                .param("u", username)
                .query((rs, i) -> rs.getBoolean("newly")
                        ? new Locked(
                                rs.getInt("failed_attempts"),
                                rs.getObject("locked_until", OffsetDateTime.class),
                                rs.getString("region_code"))
                        : null)
                .list()
                .stream()
                .filter(Objects::nonNull)
                .findFirst();
        locked.ifPresent(l -> {
            log.warn("Account {} locked until {} after {} failed logins", username, l.until(), l.failures());
            audit.record(
                    "ACCOUNT_LOCKED",
                    "user",
                    username,
                    Map.of(
                            "failedAttempts",
                            l.failures(),
                            "lockedUntil",
                            l.until().toInstant().toString()),
                    l.regionCode());
        });
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        // (the last sign-in is kept to the minute, so API clients do not write a row on every request)
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null, last_login_at = now()"
                        + " where username = ? and (failed_attempts > 0 or locked_until is not null"
                        + " or last_login_at is null or last_login_at < now() - interval '1 minute')")
                .param(event.getAuthentication().getName())
                .update();
    }
}
