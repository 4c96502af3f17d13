package org.fangpin.security.internal;

import java.security.SecureRandom;
import org.fangpin.security.Role;
import org.fangpin.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On first start (no users yet) creates the administrator {@code admin}. Its password comes from
 * {@code FANGPIN_ADMIN_PASSWORD} (fangpin.security.admin-password) or is generated and printed once to the console;
 * a generated one must be changed at first login.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final String configured;

    AdminBootstrap(
            JdbcClient jdbc,
            PasswordEncoder encoder,
            @Value("${fangpin.security.admin-password:${FANGPIN_ADMIN_PASSWORD:}}") String configured) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.configured = configured;
    }

    @Override
    public void run(ApplicationArguments args) {
        SystemActor.run("bootstrap", this::bootstrap);
    }

    private void bootstrap() {
        long users = jdbc.sql("select count(*) from app_user").query(Long.class).single();
        if (users > 0) {
            return;
        }
        boolean generated = configured == null || configured.isBlank();
        String password = generated ? randomPassword() : configured;
        jdbc.sql("insert into app_user (username, password_hash, display_name, role, must_change_password)"
                        + " values ('admin', ?, '系统管理员', ?, ?)")
                .params(encoder.encode(password), Role.ADMIN.name(), generated)
                .update();
        if (generated) {
            // printed once, to the console only, so the operator can log in; never logged to files
            System.out.println();
            System.out.println("==========================================================");
            System.out.println(" Fangpin administrator created: admin / " + password);
            System.out.println(" (shown once; set FANGPIN_ADMIN_PASSWORD to choose it)");
            System.out.println("==========================================================");
            System.out.println();
        }
        log.info("Created the administrator account 'admin'");
    }

    static String randomPassword() {
        SecureRandom rnd = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
