package org.fangpin.security.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fangpin.common.Department;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.jdbc.Rows;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.fangpin.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 用户管理: the administrators' work on accounts — list, create with a one-time password, change role, region,
 * department and name, disable and enable, reset a password, unlock. An administrator bound to a region manages
 * the accounts of that region and below it only; one without a region manages all. Every change is audited with
 * its before and after, and raises the account's version, so signed-in sessions pick the change up at once.
 */
@Service
class UserDirectory {

    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{2,64}");

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final RegionDirectory regions;
    private final Messages messages;
    private final AccountFreshness freshness;

    UserDirectory(
            JdbcClient jdbc,
            PasswordEncoder encoder,
            AuditLog audit,
            RegionDirectory regions,
            Messages messages,
            AccountFreshness freshness) {
        this.freshness = freshness;
        this.messages = messages;
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
        this.regions = regions;
    }

    /** An account as administrators see it (never the password hash). */
    record Account(
            String username,
            String displayName,
            Role role,
            String regionCode,
            String regionName,
            String department,
            boolean enabled,
            boolean locked,
            boolean mustChangePassword,
            int version,
            Instant createdAt,
            Instant updatedAt,
            String updatedBy,
            Instant lastLoginAt) {

        Account withRegionName(String name) {
            return new Account(
                    username,
                    displayName,
                    role,
                    regionCode,
                    name,
                    department,
                    enabled,
                    locked,
                    mustChangePassword,
                    version,
                    createdAt,
                    updatedAt,
                    updatedBy,
                    lastLoginAt);
        }
    }

    /** What an administrator sets on an account. */
    record Changes(String displayName, Role role, String regionCode, String department, Boolean enabled) {}

    record Created(Account account, String password) {}

    record Filter(String text, Role role, String region, Boolean enabled, String after, int limit) {}

    private static final String SELECT = "select u.username, u.display_name, u.role, u.region_code,"
            + " u.department, u.enabled, coalesce(u.locked_until > now(), false) locked, u.must_change_password,"
            + " u.version, u.created_at, u.updated_at, u.updated_by, u.last_login_at"
            + " from app_user u";

    List<Account> list(Filter f) {
        Map<String, Object> params = new HashMap<>();
        List<String> where = new ArrayList<>();
        where.add(reach(params));
        if (f.text() != null && !f.text().isBlank()) {
            where.add("(u.username ilike :text or u.display_name ilike :text)");
            params.put("text", "%" + f.text().strip().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (f.role() != null) {
            where.add("u.role = :role");
            params.put("role", f.role().name());
        }
        if (f.region() != null && !f.region().isBlank()) {
            Region r = regions.find(f.region().strip())
                    .orElseThrow(() -> ApiException.invalid("region", messages.get("user.regionUnknown", f.region())));
            where.add("u.region_code between :flo and :fhi");
            params.put("flo", r.subtree().low());
            params.put("fhi", r.subtree().high());
        }
        if (f.enabled() != null) {
            where.add("u.enabled = :enabled");
            params.put("enabled", f.enabled());
        }
        if (f.after() != null && !f.after().isBlank()) {
            where.add("u.username > :after");
            params.put("after", f.after());
        }
        params.put("limit", Math.max(1, Math.min(f.limit(), 500)));
        return withRegionNames(
                jdbc.sql(SELECT + " where " + String.join(" and ", where) + " order by u.username limit :limit")
                        .params(params)
                        .query(UserDirectory::account)
                        .list());
    }

    /** The accounts with their regions' names, asked of the region module in one call. */
    private List<Account> withRegionNames(List<Account> accounts) {
        Map<String, String> names = regions.names(accounts.stream()
                .map(Account::regionCode)
                .filter(Objects::nonNull)
                .toList());
        return accounts.stream()
                .map(a -> a.withRegionName(names.get(a.regionCode())))
                .toList();
    }

    Optional<Account> find(String username) {
        Map<String, Object> params = new HashMap<>();
        String reach = reach(params);
        params.put("u", username);
        return jdbc.sql(SELECT + " where u.username = :u and " + reach)
                .params(params)
                .query(UserDirectory::account)
                .optional()
                .map(a -> withRegionNames(List.of(a)).get(0));
    }

    private Account require(String username) {
        return find(username).orElseThrow(() -> ApiException.notFound("user.notFound", username));
    }

    @Transactional
    Created create(String username, Changes c) {
        List<FieldProblem> problems = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            problems.add(FieldProblem.of("username", messages.get("user.usernameInvalid")));
        }
        check(c, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        String password = AdminBootstrap.randomPassword();
        int created = jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code,"
                        + " department, enabled, must_change_password, updated_at, updated_by)"
                        + " values (?, ?, ?, ?, ?, ?, ?, true, now(), ?) on conflict (username) do nothing")
                .params(
                        username,
                        encoder.encode(password),
                        c.displayName().strip(),
                        c.role().name(),
                        blankToNull(c.regionCode()),
                        blankToNull(c.department()),
                        c.enabled() == null || c.enabled(),
                        me())
                .update();
        if (created == 0) {
            throw ApiException.conflict("user.exists", username);
        }
        Account a = require(username);
        Map<String, Object> detail = new LinkedHashMap<>(describe(a));
        detail.put("oneTimePassword", true);
        audit.record("USER_CREATED", "user", username, detail, a.regionCode());
        return new Created(a, password);
    }

    @Transactional
    Account update(String username, int expectedVersion, Changes c) {
        Account before = lockAndCheck(username, expectedVersion);
        List<FieldProblem> problems = new ArrayList<>();
        check(c, problems);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        boolean enabled = c.enabled() == null ? before.enabled() : c.enabled();
        if (username.equals(me()) && (!enabled || c.role() != before.role())) {
            throw ApiException.conflict("user.self");
        }
        jdbc.sql("update app_user set display_name = ?, role = ?, region_code = ?, department = ?, enabled = ?,"
                        + " version = version + 1, updated_at = now(), updated_by = ? where username = ?")
                .params(
                        c.displayName().strip(),
                        c.role().name(),
                        blankToNull(c.regionCode()),
                        blankToNull(c.department()),
                        enabled,
                        me(),
                        username)
                .update();
        freshness.forget(username);
        Account after = require(username);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("before", describe(before));
        detail.put("after", describe(after));
        audit.record(
                before.enabled() && !after.enabled()
                        ? "USER_DISABLED"
                        : !before.enabled() && after.enabled() ? "USER_ENABLED" : "USER_CHANGED",
                "user",
                username,
                detail,
                after.regionCode());
        return after;
    }

    /** A new one-time password (to hand over once); the account is unlocked and must change it at next login. */
    @Transactional
    String resetPassword(String username) {
        Account a = lockAndCheck(username, -1);
        if (a.username().equals(me())) {
            throw ApiException.conflict("user.selfReset");
        }
        String password = AdminBootstrap.randomPassword();
        jdbc.sql("update app_user set password_hash = ?, must_change_password = true, failed_attempts = 0,"
                        + " locked_until = null, version = version + 1, updated_at = now(), updated_by = ?"
                        + " where username = ?")
                .params(encoder.encode(password), me(), username)
                .update();
        freshness.forget(username);
        audit.record("PASSWORD_RESET", "user", username, Map.of(), a.regionCode());
        return password;
    }

    @Transactional
    Account unlock(String username) {
        Account a = lockAndCheck(username, -1);
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null, updated_at = now(), updated_by = ?"
                        + " where username = ?")
                .params(me(), username)
                .update();
        audit.record("USER_UNLOCKED", "user", username, Map.of(), a.regionCode());
        return require(username);
    }

    private Account lockAndCheck(String username, int expectedVersion) {
        Account a = require(username);
        int version = jdbc.sql("select version from app_user where username = ? for update")
                .param(username)
                .query(Integer.class)
                .single();
        if (expectedVersion >= 0 && version != expectedVersion) {
            throw ApiException.preconditionFailed("user.stale", version);
        }
        return a;
    }

    private void check(Changes c, List<FieldProblem> problems) {
        if (c.displayName() == null
                || c.displayName().isBlank()
                || c.displayName().length() > 100) {
            problems.add(FieldProblem.of("displayName", messages.get("user.displayNameInvalid")));
        }
        if (c.role() == null) {
            problems.add(FieldProblem.of("role", messages.get("user.roleRequired")));
            return;
        }
        String region = blankToNull(c.regionCode());
        if (region == null) {
            if (c.role() != Role.ADMIN) {
                problems.add(FieldProblem.of("regionCode", messages.get("user.regionRequired")));
            } else if (myRegion().isPresent()) {
                problems.add(new FieldProblem("regionCode", messages.get("user.regionOutside", region), region));
            }
        } else if (regions.find(region).isEmpty()) {
            problems.add(new FieldProblem("regionCode", messages.get("user.regionUnknown", region), region));
        } else if (myRegion().map(r -> !r.subtree().contains(region)).orElse(false)) {
            problems.add(new FieldProblem("regionCode", messages.get("user.regionOutside", region), region));
        }
        String department = blankToNull(c.department());
        if (c.role() == Role.DEPARTMENT) {
            if (department == null
                    || Labelled.parse(Department.class, department)
                            .map(d -> !d.name().equals(department))
                            .orElse(true)) {
                problems.add(new FieldProblem(
                        "department", messages.get("user.departmentRequired", department), department));
            }
        } else if (department != null) {
            problems.add(new FieldProblem(
                    "department", messages.get("user.departmentOnlyForDepartments", department), department));
        }
    }

    /** The accounts the acting administrator may manage: all, or those in their region's subtree. */
    private String reach(Map<String, Object> params) {
        Optional<Region> mine = myRegion();
        if (mine.isEmpty()) {
            return "true";
        }
        RegionCode.CodeRange range = mine.get().subtree();
        params.put("mlo", range.low());
        params.put("mhi", range.high());
        return "u.region_code between :mlo and :mhi";
    }

    /** The caller's region; empty for the whole installation (an administrator without one, the system actor). */
    private Optional<Region> myRegion() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            // no user is nobody
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.detail", List.of());
        }
        if (auth.getPrincipal() instanceof FangpinUser u && u.regionCode() != null) {
            // an unknown region reaches nothing rather than everything
            return Optional.of(regions.find(u.regionCode())
                    .orElseThrow(() -> ApiException.notFound("user.notFound", u.regionCode())));
        }
        return Optional.empty();
    }

    private static Map<String, Object> describe(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("displayName", a.displayName());
        m.put("role", a.role().name());
        m.put("region", Objects.toString(a.regionCode(), ""));
        m.put("department", Objects.toString(a.department(), ""));
        m.put("enabled", a.enabled());
        return m;
    }

    private static String me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? Actor.SYSTEM : auth.getName();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Account account(ResultSet rs, int i) throws SQLException {
        return new Account(
                rs.getString("username"),
                rs.getString("display_name"),
                Role.valueOf(rs.getString("role")),
                rs.getString("region_code"),
                null,
                rs.getString("department"),
                rs.getBoolean("enabled"),
                rs.getBoolean("locked"),
                rs.getBoolean("must_change_password"),
                rs.getInt("version"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"),
                rs.getString("updated_by"),
                Rows.instant(rs, "last_login_at"));
    }
}
