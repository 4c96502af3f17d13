package org.fangpin.security.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.fangpin.common.Department;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.security.AuditLog;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' pages: 用户管理 (accounts) and 角色权限 (the role–permission matrix). */
@Controller
@ConditionalOnWebApplication
class AdminPageController {

    private final UserDirectory users;
    private final Permissions permissions;
    private final AuditLog audit;
    private final Messages messages;

    private final ZoneId zone;

    AdminPageController(UserDirectory users, Permissions permissions, AuditLog audit, Messages messages, Clock clock) {
        this.zone = clock.getZone();
        this.users = users;
        this.permissions = permissions;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/admin/users")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Role role,
            @RequestParam(required = false) Boolean enabled,
            @RequestParam(required = false) String after,
            Model model) {
        List<UserDirectory.Account> page = users.list(new UserDirectory.Filter(q, role, null, enabled, after, 51));
        model.addAttribute("accounts", page.size() > 50 ? page.subList(0, 50) : page);
        model.addAttribute("next", page.size() > 50 ? page.get(49).username() : null);
        model.addAttribute("q", q);
        model.addAttribute("role", role);
        model.addAttribute("enabled", enabled);
        formOptions(model);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new UserController.UserRequest(null, null, null, null, null, true));
        }
        return "admin-users";
    }

    @PostMapping("/admin/users")
    String create(
            UserController.UserRequest form, RedirectAttributes flash, Model model, HttpServletResponse response) {
        try {
            UserDirectory.Created c = users.create(form.username(), form.changes());
            flash.addFlashAttribute("password", c.password());
            return "redirect:/admin/users/" + c.account().username();
        } catch (ApiException e) {
            refusal(e, model, response);
            model.addAttribute("form", form);
            return list(null, null, null, null, model);
        }
    }

    @GetMapping("/admin/users/{username}")
    String user(@PathVariable String username, Model model) {
        UserDirectory.Account a =
                users.find(username).orElseThrow(() -> ApiException.notFound("user.notFound", username));
        model.addAttribute("a", a);
        model.addAttribute("history", audit.search(AuditLog.Query.about("user", username, 50)));
        formOptions(model);
        return "admin-user";
    }

    @PostMapping("/admin/users/{username}")
    String update(
            @PathVariable String username,
            @RequestParam int version,
            UserController.UserRequest form,
            RedirectAttributes flash,
            Model model,
            HttpServletResponse response) {
        try {
            users.update(username, version, form.changes());
            flash.addFlashAttribute("saved", true);
            return "redirect:/admin/users/" + username;
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            refusal(e, model, response);
            return user(username, model);
        }
    }

    @PostMapping("/admin/users/{username}/password-reset")
    String resetPassword(
            @PathVariable String username, RedirectAttributes flash, Model model, HttpServletResponse response) {
        try {
            flash.addFlashAttribute("password", users.resetPassword(username));
            return "redirect:/admin/users/" + username;
        } catch (ApiException e) {
            if (e.status().value() == 404) {
                throw e;
            }
            refusal(e, model, response);
            return user(username, model);
        }
    }

    @PostMapping("/admin/users/{username}/unlock")
    String unlock(@PathVariable String username, RedirectAttributes flash) {
        users.unlock(username);
        flash.addFlashAttribute("saved", true);
        return "redirect:/admin/users/" + username;
    }

    @GetMapping("/admin/roles")
    String roles(Model model) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute(
                "canEdit", auth != null && auth.getPrincipal() instanceof FangpinUser u && u.regionCode() == null);
        model.addAttribute("roles", Role.values());
        model.addAttribute("permissions", Permission.values());
        model.addAttribute("matrix", permissions.matrix());
        return "admin-roles";
    }

    /** The whole matrix in one form: a ticked box {@code ROLE:PERMISSION} grants it. */
    @PostMapping("/admin/roles")
    String setRoles(
            @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes flash,
            Model model,
            HttpServletResponse response) {
        Set<String> ticked = form.keySet();
        try {
            // the administrators' own row last, so a refused change there leaves the others done
            for (Role role : Arrays.stream(Role.values())
                    .sorted((a, b) -> Boolean.compare(a == Role.ADMIN, b == Role.ADMIN))
                    .toList()) {
                Set<Permission> granted = EnumSet.noneOf(Permission.class);
                for (Permission p : Permission.values()) {
                    if (ticked.contains(role.name() + ":" + p.name())) {
                        granted.add(p);
                    }
                }
                permissions.set(role, granted);
            }
        } catch (ApiException e) {
            refusal(e, model, response);
            return roles(model);
        }
        flash.addFlashAttribute("saved", true);
        return "redirect:/admin/roles";
    }

    private void formOptions(Model model) {
        model.addAttribute("zone", zone);
        model.addAttribute("allRoles", Role.values());
        model.addAttribute("departments", Department.values());
    }

    /** The page again with the reasons, answered with the refusal's status (422, 409, 403 …). */
    private void refusal(ApiException e, Model model, HttpServletResponse response) {
        response.setStatus(e.status().value());
        model.addAttribute("error", messages.get(e.messageKey(), e.args()));
        model.addAttribute(
                "fieldErrors",
                e.fieldProblems().stream()
                        .collect(Collectors.toMap(
                                FieldProblem::field, FieldProblem::reason, (x, y) -> x, LinkedHashMap::new)));
    }
}
