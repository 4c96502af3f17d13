package org.fangpin.security.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.fangpin.region.RegionCode;
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

    @Override
    public List<Person> people(
            RegionCode.CodeRange range, Collection<String> ancestors, Collection<Role> roles, int limit) {
        return jdbc.sql("select username, display_name, role, region_code from app_user where enabled and role ="
                        + " any(:roles) and (region_code between :lo and :hi or region_code = any(:ancestors)) order by"
                        + " region_code, display_name, username limit :limit")
                .param("roles", roles.stream().map(Role::name).toArray(String[]::new))
                .param("lo", range.low())
                .param("hi", range.high())
                .param("ancestors", ancestors.toArray(String[]::new))
                .param("limit", limit)
                .query((rs, i) ->
                        new Person(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4)))
                .list();
    }

    @Override
    public Map<String, String> displayNames(Collection<String> usernames) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!usernames.isEmpty()) {
            jdbc.sql("select username, display_name from app_user where username = any(?)")
                    .param(usernames.stream().distinct().toArray(String[]::new))
                    .query((rs, i) -> out.put(rs.getString(1), rs.getString(2)))
                    .list();
        }
        return out;
    }
}
