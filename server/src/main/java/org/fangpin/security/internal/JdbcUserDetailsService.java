package org.fangpin.security.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class JdbcUserDetailsService implements UserDetailsService {

    private final JdbcClient jdbc;

    JdbcUserDetailsService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("select username, password_hash, role, enabled, must_change_password, region_code,"
                        + " department, version,"
                        + " coalesce(locked_until > now(), false) locked from app_user where username = ?")
                .param(username)
                .query((rs, i) -> (UserDetails) new FangpinUser(
                        rs.getString("username"),
                        rs.getString("password_hash"),
                        rs.getBoolean("enabled"),
                        !rs.getBoolean("locked"),
                        List.of(new SimpleGrantedAuthority("ROLE_" + rs.getString("role"))),
                        rs.getBoolean("must_change_password"),
                        rs.getString("region_code"),
                        rs.getString("department"),
                        rs.getInt("version")))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
