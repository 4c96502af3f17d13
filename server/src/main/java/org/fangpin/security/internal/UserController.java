package org.fangpin.security.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 用户与权限管理: accounts and the role–permission matrix, for holders of {@link Permission#USER_ADMIN}. */
@RestController
@Tag(name = "users", description = "用户与角色权限（管理员） · Users, roles and permissions (administrators)")
class UserController {

    private final UserDirectory users;
    private final Permissions permissions;

    private final Messages messages;

    UserController(UserDirectory users, Permissions permissions, Messages messages) {
        this.messages = messages;
        this.users = users;
        this.permissions = permissions;
    }

    record UserRequest(
            String username, String displayName, Role role, String regionCode, String department, Boolean enabled) {
        UserDirectory.Changes changes() {
            return new UserDirectory.Changes(displayName, role, regionCode, department, enabled);
        }
    }

    record OneTimePassword(UserDirectory.Account user, String password) {}

    @GetMapping("/api/v1/users")
    @Operation(
            operationId = "listUsers",
            summary = "用户列表 · Accounts the administrator manages (their region and below), by user name, keyset-paged")
    List<UserDirectory.Account> list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Role role,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) Boolean enabled,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "100") int limit) {
        return users.list(new UserDirectory.Filter(q, role, region, enabled, after, limit));
    }

    @GetMapping("/api/v1/users/{username}")
    @Operation(operationId = "getUser", summary = "用户详情 · An account; ETag = its version")
    ResponseEntity<UserDirectory.Account> get(@PathVariable String username) {
        UserDirectory.Account a =
                users.find(username).orElseThrow(() -> ApiException.notFound("user.notFound", username));
        return ResponseEntity.ok().eTag(RequestSupport.etag(a.version())).body(a);
    }

    @PostMapping("/api/v1/users")
    @Operation(
            operationId = "createUser",
            summary = "新建用户 · Create an account; its one-time password is in this response only")
    @Refusals(409)
    ResponseEntity<OneTimePassword> create(@RequestBody UserRequest body) {
        UserDirectory.Created c = users.create(body.username(), body.changes());
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(RequestSupport.etag(c.account().version()))
                .body(new OneTimePassword(c.account(), c.password()));
    }

    @PutMapping("/api/v1/users/{username}")
    @Operation(
            operationId = "updateUser",
            summary = "修改用户 · Change name, role, region, department or enabled (If-Match: the version read)")
    ResponseEntity<UserDirectory.Account> update(
            @PathVariable String username,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody UserRequest body) {
        UserDirectory.Account a = users.update(username, RequestSupport.ifMatchVersion(ifMatch), body.changes());
        return ResponseEntity.ok().eTag(RequestSupport.etag(a.version())).body(a);
    }

    @PostMapping("/api/v1/users/{username}/password-reset")
    @Operation(
            operationId = "resetPassword",
            summary = "重置密码 · A new one-time password (in this response only); must be changed at next login")
    OneTimePassword resetPassword(@PathVariable String username) {
        String password = users.resetPassword(username);
        return new OneTimePassword(users.find(username).orElseThrow(), password);
    }

    @PostMapping("/api/v1/users/{username}/unlock")
    @Operation(operationId = "unlockUser", summary = "解锁用户 · Unlock an account locked after failed logins")
    UserDirectory.Account unlock(@PathVariable String username) {
        return users.unlock(username);
    }

    record RolePermissions(Role role, String label, Set<Permission> permissions) {}

    record PermissionInfo(Permission code, String label, String description, Set<Role> defaults) {}

    record Matrix(List<PermissionInfo> permissions, List<RolePermissions> roles) {}

    @GetMapping("/api/v1/roles")
    @Operation(operationId = "listRoles", summary = "角色权限 · Every permission, and what each role holds")
    Matrix roles(Locale locale) {
        var matrix = permissions.matrix();
        return new Matrix(
                Arrays.stream(Permission.values())
                        .map(p -> new PermissionInfo(p, p.label(locale), p.description(locale), p.defaults()))
                        .toList(),
                Arrays.stream(Role.values())
                        .map(r -> new RolePermissions(r, r.label(locale), matrix.get(r)))
                        .toList());
    }

    record PermissionsRequest(Set<Permission> permissions) {}

    @PutMapping("/api/v1/roles/{role}")
    @Operation(
            operationId = "setRolePermissions",
            summary = "设置角色权限 · Set what a role may do; takes effect for signed-in users within seconds")
    RolePermissions setRole(@PathVariable Role role, @RequestBody PermissionsRequest body, Locale locale) {
        Set<Permission> wanted =
                body.permissions() == null || body.permissions().isEmpty()
                        ? EnumSet.noneOf(Permission.class)
                        : EnumSet.copyOf(body.permissions());
        permissions.set(role, wanted);
        return new RolePermissions(
                role, role.label(locale), permissions.matrix().get(role));
    }
}
