package org.fangpin.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Every role against every operation of the API description: the permission an operation takes is what the
 * description says ({@code x-fangpin-permission}), which roles hold it is the permission data; a role without it is
 * refused with exactly 403 {@code permission-denied} naming the permission, a role with it is never refused for
 * want of it. Changing the data changes the answer at once.
 */
@IntegrationTest
class PermissionMatrixIT {

    static final String PASSWORD = "Matrix-pass-123";

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regions;

    @Autowired
    Permissions permissions;

    @Autowired
    ApiTokens tokens;

    @TempDir
    Path dir;

    record Operation(HttpMethod method, String path, Set<Permission> anyOf) {}

    private MockMvc mvc;
    private final Map<Role, String> tokenOf = new EnumMap<>(Role.class);

    private MvcResult call(Role role, HttpMethod method, String path) throws Exception {
        var request =
                MockMvcRequestBuilders.request(method, path).header("Authorization", "Bearer " + tokenOf.get(role));
        if (method != HttpMethod.GET && method != HttpMethod.DELETE) {
            request.contentType(MediaType.APPLICATION_JSON).content("{}");
        }
        MvcResult r = mvc.perform(request.header("If-Match", "\"0\"")).andReturn();
        if (r.getRequest().isAsyncStarted()) {
            r.getAsyncResult(30_000); // a streamed download (an export) finishes before the next call
        }
        return r;
    }

    private static String type(MvcResult r) throws Exception {
        String body = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        return body.startsWith("{") && body.contains("\"type\"") ? JsonPath.read(body, "$.type") : "";
    }

    @Test
    void everyRoleAgainstEveryOperationFollowsThePermissionData() throws Exception {
        TestData.reset(jdbc);
        jdbc.sql("delete from api_token").update();
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        Map<Role, String> regionOf = new EnumMap<>(Role.class);
        regionOf.put(Role.VILLAGE, TestData.VILLAGE);
        regionOf.put(Role.TOWNSHIP, TestData.TOWNSHIP);
        regionOf.put(Role.COUNTY, TestData.COUNTY);
        regionOf.put(Role.CITY, TestData.CITY);
        regionOf.put(Role.PROVINCE, TestData.PROVINCE);
        regionOf.put(Role.DEPARTMENT, TestData.COUNTY);
        regionOf.put(Role.INSPECTOR, TestData.COUNTY);
        regionOf.put(Role.ADMIN, null);
        for (Role role : Role.values()) {
            String user = "matrix-" + role.name().toLowerCase(Locale.ROOT);
            TestData.user(jdbc, encoder, user, role.name(), regionOf.get(role), PASSWORD, false);
            if (role == Role.DEPARTMENT) {
                jdbc.sql("update app_user set department = 'MEDICAL_SECURITY' where username = ?")
                        .param(user)
                        .update();
            }
            tokenOf.put(
                    role,
                    tokens.issue(
                                    "matrix-" + role.name().toLowerCase(Locale.ROOT),
                                    user,
                                    List.of("read", "write"),
                                    null,
                                    100_000,
                                    "test")
                            .token());
        }
        mvc = AsSystemInTests.mockMvc(context);

        // the description, as an integrator reads it
        String doc = call(Role.ADMIN, HttpMethod.GET, "/v3/api-docs")
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        Map<String, Map<String, Map<String, Object>>> paths = JsonPath.read(doc, "$.paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, ops) -> ops.forEach((method, op) -> {
            if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                Set<Permission> anyOf = EnumSet.noneOf(Permission.class);
                Optional.ofNullable((String) op.get("x-fangpin-permission"))
                        .map(Permission::valueOf)
                        .ifPresent(anyOf::add);
                @SuppressWarnings("unchecked")
                List<String> several = (List<String>) op.getOrDefault("x-fangpin-permission-any-of", List.of());
                several.forEach(n -> anyOf.add(Permission.valueOf(n)));
                operations.add(new Operation(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), path, anyOf));
            }
        }));
        assertThat(operations).hasSizeGreaterThan(60);
        assertThat(operations.stream().flatMap(o -> o.anyOf().stream()))
                .as("the description names the permissions")
                .contains(
                        Permission.REGISTRY_EDIT, Permission.CASE_WORK, Permission.USER_ADMIN, Permission.FEED_SUBMIT);

        Map<Role, Set<Permission>> matrix = permissions.matrix();
        List<String> wrong = new ArrayList<>();
        int refused = 0;
        for (Operation op : operations) {
            String path = op.path().replaceAll("\\{[^}]+}", "0");
            for (Role role : Role.values()) {
                MvcResult r = call(role, op.method(), path);
                boolean deniedForPermission =
                        r.getResponse().getStatus() == 403 && type(r).equals("urn:fangpin:problem:permission-denied");
                boolean shouldBe = !op.anyOf().isEmpty()
                        && op.anyOf().stream().noneMatch(p -> matrix.get(role).contains(p));
                if (deniedForPermission != shouldBe) {
                    wrong.add(op.method() + " " + op.path() + " as " + role + " -> "
                            + r.getResponse().getStatus()
                            + " " + type(r) + " (matrix: "
                            + (op.anyOf().isEmpty()
                                    ? "no permission needed"
                                    : (shouldBe ? "lacks " : "has one of ") + op.anyOf())
                            + ")");
                }
                if (shouldBe) {
                    refused++;
                    // the refusal names the permission (the first, where any of several would do)
                    assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8))
                            .contains(op.anyOf().stream()
                                    .sorted()
                                    .findFirst()
                                    .orElseThrow()
                                    .zh());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(refused).as("the matrix refuses something").isGreaterThan(100);

        // the answer follows the data: take a permission from a role, then give it back
        Set<Permission> county = EnumSet.copyOf(matrix.get(Role.COUNTY));
        assertThat(county).contains(Permission.REGISTRY_EXPORT);
        String export = "/api/v1/households/export?region=" + TestData.COUNTY;
        assertThat(call(Role.COUNTY, HttpMethod.GET, export).getResponse().getStatus())
                .isEqualTo(200);
        Set<Permission> less = EnumSet.copyOf(county);
        less.remove(Permission.REGISTRY_EXPORT);
        permissions.set(Role.COUNTY, less);
        try {
            MvcResult r = call(Role.COUNTY, HttpMethod.GET, export);
            assertThat(r.getResponse().getStatus()).isEqualTo(403);
            assertThat(type(r)).isEqualTo("urn:fangpin:problem:permission-denied");
        } finally {
            permissions.set(Role.COUNTY, county);
        }
        assertThat(call(Role.COUNTY, HttpMethod.GET, export).getResponse().getStatus())
                .isEqualTo(200);
    }
}
