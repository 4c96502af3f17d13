package org.fangpin.security.internal;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * Tells integrators, per operation of the API description, the permission it takes ({@code x-fangpin-permission}),
 * from the same table the request filter is configured from ({@link PermissionRules}). An operation without it
 * needs a login only; which roles hold a permission is data (角色权限, {@code GET /api/v1/roles}).
 */
@Component
class PermissionDocumentation implements OpenApiCustomizer {

    static final String EXTENSION = "x-fangpin-permission";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openApi.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op :
                    path.getValue().readOperationsMap().entrySet()) {
                PermissionRules.permission(HttpMethod.valueOf(op.getKey().name()), path.getKey())
                        .ifPresent(p -> op.getValue().addExtension(EXTENSION, p.name()));
            }
        }
    }
}
