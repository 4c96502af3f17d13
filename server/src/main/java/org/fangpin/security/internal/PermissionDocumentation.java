package org.fangpin.security.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.fangpin.security.Permission;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Tells integrators how to authenticate and, per operation of the API description, what it takes: the security
 * schemes (API tokens as Bearer, HTTP Basic), the token scope ({@code x-fangpin-token-scope}: read for GET, write
 * otherwise) and the permission ({@code x-fangpin-permission}, or {@code x-fangpin-permission-any-of} where any of
 * several will do), from the same table the request filter is configured
 * from ({@link PermissionRules}). An operation without a permission needs a login only; which roles hold a permission
 * is data (角色权限, {@code GET /api/v1/roles}).
 */
@Component
class PermissionDocumentation implements OpenApiCustomizer {

    static final String EXTENSION = "x-fangpin-permission";

    /** Where an operation takes any one of several permissions, their names (instead of {@link #EXTENSION}). */
    static final String ANY_OF_EXTENSION = "x-fangpin-permission-any-of";

    static final String SCOPE_EXTENSION = "x-fangpin-token-scope";

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(
                "token",
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("接口令牌：管理员用 POST /api/v1/tokens 或 `token create` 签发，绑定一个账号和范围"
                                + " read（GET）/write（其余）；每个令牌有每分钟请求上限（超出 429）。 · An API token,"
                                + " issued by an administrator (POST /api/v1/tokens or `token create`) for one account"
                                + " with scopes read (GET) and/or write (everything else); each token has a per-minute"
                                + " request limit (429 beyond it)."));
        components.addSecuritySchemes(
                "basic",
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("账号和密码，每次请求都带。 · An account's user name and password on every request."));
        if (openApi.getPaths() == null) {
            return;
        }
        List<SecurityRequirement> signedIn =
                List.of(new SecurityRequirement().addList("token"), new SecurityRequirement().addList("basic"));
        for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op :
                    path.getValue().readOperationsMap().entrySet()) {
                HttpMethod method = HttpMethod.valueOf(op.getKey().name());
                boolean open = PermissionRules.of(method, path.getKey())
                        .map(PermissionRules.Access::open)
                        .orElse(false);
                if (open) {
                    op.getValue().setSecurity(List.of());
                    continue;
                }
                op.getValue().setSecurity(signedIn);
                String scope = method == HttpMethod.GET || method == HttpMethod.HEAD ? "read" : "write";
                op.getValue().addExtension(SCOPE_EXTENSION, scope);
                List<Permission> permissions = PermissionRules.permissions(method, path.getKey());
                if (permissions.size() == 1) {
                    op.getValue().addExtension(EXTENSION, permissions.get(0).name());
                } else if (permissions.size() > 1) {
                    op.getValue()
                            .addExtension(
                                    ANY_OF_EXTENSION,
                                    permissions.stream().map(Enum::name).toList());
                }
                // the same, for people reading the description
                String needs = permissions.isEmpty()
                        ? "登录即可，记录按区域范围过滤 · Any signed-in account; records filtered by its region"
                        : (permissions.size() == 1 ? "权限 · Permission: " : "权限（任一） · Any of the permissions: ")
                                + String.join(
                                        "；",
                                        permissions.stream()
                                                .map(p -> p.zh() + " · " + p.en() + " (`" + p.name() + "`)")
                                                .toList());
                String line = needs + "；令牌范围 · token scope: `" + scope + "`";
                String before = op.getValue().getDescription();
                if (before == null || before.isBlank()) {
                    op.getValue().setDescription(line);
                } else if (!before.contains(line)) { // a description computed again keeps one line
                    op.getValue().setDescription(before + "\n\n" + line);
                }
            }
        }
    }
}
