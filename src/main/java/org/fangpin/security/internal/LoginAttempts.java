package org.fangpin.security.internal;

import java.time.Duration;
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

    LoginAttempts(
            JdbcClient jdbc,
            @Value("${fangpin.security.max-failures:5}") int maxFailures,
            @Value("${fangpin.security.lock-duration:15m}") Duration lock) {
        this.jdbc = jdbc;
        this.maxFailures = maxFailures;
        this.lock = lock;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        String username = String.valueOf(event.getAuthentication().getName());
        boolean locked = jdbc.sql("update app_user set failed_attempts = failed_attempts + 1,"
                        + " locked_until = case when failed_attempts + 1 >= :max"
                        + " then now() + make_interval(secs => :secs) else locked_until end"
                        + " where username = :u returning coalesce(locked_until > now(), false)")
                .param("max", maxFailures)
                .param("secs", lock.toSeconds())
                .param("u", username)
                .query(Boolean.class)
                .optional()
                .orElse(false);
        if (locked) {
            log.warn("Account {} locked until {} from now after repeated failed logins", username, lock);
        }
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
