package org.fangpin.security.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;
import org.fangpin.security.Permission;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** The table decides by method and path; a handler it does not name is reported (and stops the application). */
class PermissionRulesTest {

    @Test
    void aHandlerWithoutARuleIsReported() {
        assertThat(PermissionRules.uncovered(List.of(
                        new PermissionRules.Handler(GET, "/api/v1/households/{id}"),
                        new PermissionRules.Handler(GET, "/api/v1/nowhere/{code}"),
                        new PermissionRules.Handler(DELETE, "/api/v1/alerts/{id}"),
                        new PermissionRules.Handler(POST, "/plans/{id}/{owner:visits|measures}/{ownerId}/attachments"),
                        new PermissionRules.Handler(null, "/error"),
                        new PermissionRules.Handler(null, "/cases/{id}"))))
                .containsExactly(
                        "GET /api/v1/nowhere/{code}",
                        "DELETE /api/v1/alerts/{id}",
                        "PUT /cases/{id}",
                        "DELETE /cases/{id}");
    }

    @Test
    void theFirstMatchingRuleDecides() {
        assertThat(PermissionRules.permissions(GET, "/api/v1/households/export"))
                .containsExactly(Permission.REGISTRY_EXPORT);
        // HEAD runs the GET handler and takes what the GET takes
        assertThat(PermissionRules.permissions(HttpMethod.HEAD, "/api/v1/households/export"))
                .containsExactly(Permission.REGISTRY_EXPORT);
        assertThat(PermissionRules.of(GET, "/api/v1/households/{id}")).contains(PermissionRules.Access.SIGNED_IN);
        assertThat(PermissionRules.permissions(GET, "/api/v1/persons/{id}/sensitive"))
                .containsExactly(Permission.VIEW_SENSITIVE);
        assertThat(PermissionRules.permissions(POST, "/api/v1/audit/verify")).containsExactly(Permission.AUDIT_VERIFY);
        assertThat(PermissionRules.of(GET, "/login")).contains(PermissionRules.Access.OPEN);
        // static files are open, the asset pages beside them are not
        assertThat(PermissionRules.of(GET, "/static/css/app.css")).contains(PermissionRules.Access.OPEN);
        assertThat(PermissionRules.permissions(GET, "/assets")).containsExactly(Permission.ASSETS);
        assertThat(PermissionRules.permissions(GET, "/assets/{id}")).containsExactly(Permission.ASSETS);
        assertThat(PermissionRules.permissions(GET, "/assets/new")).containsExactly(Permission.ASSET_EDIT);
        assertThat(PermissionRules.permissions(POST, "/assets/{id}/disposals/{disposal}/decision"))
                .containsExactly(Permission.ASSET_DISPOSE);
        assertThat(PermissionRules.permissions(POST, "/api/v1/assets/{id}/upkeep"))
                .containsExactly(Permission.ASSET_EDIT);
        assertThat(PermissionRules.of(POST, "/imports").orElseThrow().anyOf())
                .containsExactlyInAnyOrder(Permission.REGISTRY_EDIT, Permission.REGION_EDIT);
        // a page read: signed in; the same path written: the permission of the work
        assertThat(PermissionRules.of(GET, "/cases/{id}")).contains(PermissionRules.Access.SIGNED_IN);
        assertThat(PermissionRules.permissions(POST, "/cases/{id}/council")).containsExactly(Permission.CASE_WORK);
        // a draw is read by those who organise assessments and by field checkers, drawn by the former only, checked
        // by the latter only
        assertThat(PermissionRules.permissions(GET, "/api/v1/samples/{id}"))
                .containsExactly(Permission.ASSESSMENT_MANAGE, Permission.FIELD_CHECK);
        assertThat(PermissionRules.permissions(POST, "/api/v1/samples")).containsExactly(Permission.ASSESSMENT_MANAGE);
        assertThat(PermissionRules.permissions(PUT, "/api/v1/samples/{id}/households/{household}/check"))
                .containsExactly(Permission.FIELD_CHECK);
        // a finding: issued and signed off from above, rectified from below
        assertThat(PermissionRules.permissions(POST, "/api/v1/findings/{id}/sign-off"))
                .containsExactly(Permission.FINDING_ISSUE);
        assertThat(PermissionRules.permissions(POST, "/api/v1/findings/{id}/steps"))
                .containsExactly(Permission.RECTIFY);
        assertThat(PermissionRules.permissions(GET, "/api/v1/findings/{id}")).isEmpty();
    }
}
