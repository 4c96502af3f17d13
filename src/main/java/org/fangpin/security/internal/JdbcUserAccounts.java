package org.fangpin.security.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.fangpin.security.Role;
import org.fangpin.security.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcUserAccounts implements UserAccounts {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final JdbcUserDetailsService users;

    JdbcUserAccounts(JdbcClient jdbc, PasswordEncoder encoder, AuditLog audit, JdbcUserDetailsService users) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
        this.users = users;
    }

    @Override
    public <T> T runAs(String username, Supplier<T> work) {
        var user = users.loadUserByUsername(username);
        if (!user.isEnabled()) {
            throw new IllegalStateException("user " + username + " is disabled");
        }
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    @Override
    @Transactional
    public Optional<String> createWithGeneratedPassword(
            String username, String displayName, Role role, String regionCode, String department) {
        String password = AdminBootstrap.randomPassword();
        int created = jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code,"
                        + " department, must_change_password) values (?, ?, ?, ?, ?, ?, true) on conflict (username)"
                        + " do nothing")
                .params(username, encoder.encode(password), displayName, role.name(), regionCode, department)
                .update();
        if (created == 0) {
            return Optional.empty();
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("role", role.name());
        detail.put("region", regionCode);
        detail.put("oneTimePassword", true);
        audit.record("USER_CREATED", "user", username, detail, regionCode);
        return Optional.of(password);
    }

    @Override
    public Optional<Actor> find(String username) {
        return jdbc.sql("select username, role, region_code, department from app_user where username = ? and enabled")
                .param(username)
                .query((rs, i) ->
                        new Actor(rs.getString(1), Role.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)))
                .optional();
    }
}
