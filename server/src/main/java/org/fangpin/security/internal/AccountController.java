package org.fangpin.security.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.fangpin.security.AuditLog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** 修改密码: the user's own password change, required at first login with a generated password. */
@Controller
@ConditionalOnWebApplication
class AccountController {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    private final JdbcUserDetailsService users;

    private final TransactionTemplate tx;
    private final AuditLog audit;

    AccountController(
            JdbcClient jdbc,
            PasswordEncoder encoder,
            JdbcUserDetailsService users,
            TransactionTemplate tx,
            AuditLog audit) {
        this.users = users;
        this.tx = tx;
        this.audit = audit;
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    @GetMapping(PasswordChangeRequiredFilter.CHANGE_PAGE)
    String form(Authentication auth, Model model) {
        model.addAttribute("required", auth.getPrincipal() instanceof FangpinUser u && u.mustChangePassword());
        return "account-password";
    }

    @PostMapping(PasswordChangeRequiredFilter.CHANGE_PAGE)
    String change(
            @RequestParam String current,
            @RequestParam String password,
            @RequestParam String confirm,
            Authentication auth,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        String username = auth.getName();
        String hash = jdbc.sql("select password_hash from app_user where username = ?")
                .param(username)
                .query(String.class)
                .single();
        Optional<String> problem = !encoder.matches(current, hash)
                ? Optional.of("password.currentWrong")
                : !password.equals(confirm)
                        ? Optional.of("password.mismatch")
                        : current.equals(password)
                                ? Optional.of("password.same")
                                : PasswordPolicy.breach(username, password);
        if (problem.isPresent()) {
            model.addAttribute("problem", problem.get());
            return form(auth, model);
        }
        String newHash = encoder.encode(password);
        tx.executeWithoutResult(status -> {
            String region = jdbc.sql("update app_user set password_hash = ?, must_change_password = false,"
                            + " password_changed_at = now() where username = ? returning region_code")
                    .params(newHash, username)
                    .query((rs, i) -> rs.getString(1)) // (null for an account without a region)
                    .list()
                    .get(0);
            audit.record("PASSWORD_CHANGED", "user", username, Map.of("by", "self"), region);
        });
        // the session's principal no longer needs a change
        var updated = users.loadUserByUsername(username);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(updated, null, updated.getAuthorities()));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:/?passwordChanged";
    }
}
