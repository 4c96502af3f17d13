package org.fangpin.security.internal;

import static org.fangpin.security.Permission.ASSESSMENT_MANAGE;
import static org.fangpin.security.Permission.ASSETS;
import static org.fangpin.security.Permission.ASSET_DISPOSE;
import static org.fangpin.security.Permission.ASSET_EDIT;
import static org.fangpin.security.Permission.ATTENDANCE_LOG;
import static org.fangpin.security.Permission.AUDIT_READ;
import static org.fangpin.security.Permission.AUDIT_VERIFY;
import static org.fangpin.security.Permission.CASE_WORK;
import static org.fangpin.security.Permission.DUTY_LISTS;
import static org.fangpin.security.Permission.FEED_SUBMIT;
import static org.fangpin.security.Permission.FIELD_CHECK;
import static org.fangpin.security.Permission.FINDING_ISSUE;
import static org.fangpin.security.Permission.FUNDS_EDIT;
import static org.fangpin.security.Permission.HELPERS;
import static org.fangpin.security.Permission.HELPER_ASSIGN;
import static org.fangpin.security.Permission.IP_ASSISTANCE;
import static org.fangpin.security.Permission.IP_MANAGE;
import static org.fangpin.security.Permission.LEADER_VISIT;
import static org.fangpin.security.Permission.LEADER_VISITS;
import static org.fangpin.security.Permission.MONITORING_CONFIGURE;
import static org.fangpin.security.Permission.PARTNERSHIPS;
import static org.fangpin.security.Permission.PARTNERSHIP_EDIT;
import static org.fangpin.security.Permission.PROJECTS;
import static org.fangpin.security.Permission.PROJECT_APPLY;
import static org.fangpin.security.Permission.PROJECT_DECIDE;
import static org.fangpin.security.Permission.PROJECT_REVIEW;
import static org.fangpin.security.Permission.QUALITY_REVIEW;
import static org.fangpin.security.Permission.RECTIFY;
import static org.fangpin.security.Permission.REGION_EDIT;
import static org.fangpin.security.Permission.REGISTRY_EDIT;
import static org.fangpin.security.Permission.REGISTRY_EXPORT;
import static org.fangpin.security.Permission.REPORT_GENERATE;
import static org.fangpin.security.Permission.STATISTICS;
import static org.fangpin.security.Permission.TEAMS;
import static org.fangpin.security.Permission.TEAM_LEAVE_APPROVE;
import static org.fangpin.security.Permission.TEAM_MANAGE;
import static org.fangpin.security.Permission.TOKEN_ADMIN;
import static org.fangpin.security.Permission.USER_ADMIN;
import static org.fangpin.security.Permission.VIEW_SENSITIVE;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fangpin.security.Permission;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may send a request, by method and path: the one table from which the request filter is configured, the API
 * description says per operation what it takes ({@code x-fangpin-permission}), and {@link EndpointRulesCheck} refuses
 * to start an application with a handler the table does not name — so a new endpoint cannot forget its rule. The
 * first rule that matches decides.
 *
 * <p>Three kinds of access: open (the login page, health, static files), signed in (reads; every query is filtered by
 * the user's region scope in its module), and a permission (any one of those listed; which roles hold it is data,
 * 角色权限). Two more checks stay with the work itself, because they are policy rather than configuration: the level
 * that does a case step (村提出、乡审核、县审定) and the region scope of each record.
 */
final class PermissionRules {

    /** What a request needs: nothing ({@code open}), a login, or a login whose role holds one of the permissions. */
    record Access(boolean open, Set<Permission> anyOf) {
        static final Access OPEN = new Access(true, Set.of());
        static final Access SIGNED_IN = new Access(false, Set.of());

        static Access permission(Permission... anyOf) {
            return new Access(false, Set.of(anyOf));
        }
    }

    /** A rule; {@code method} null for every method. */
    record Rule(HttpMethod method, List<String> patterns, Access access) {}

    static final List<Rule> RULES = List.of(
            // open to everyone
            rule(GET, Access.OPEN, "/login", "/actuator/health", "/actuator/health/**"),
            rule(GET, Access.OPEN, "/webjars/**", "/static/**", "/favicon.ico"),
            rule(null, Access.OPEN, "/error"),
            // a permission
            rule(null, Access.permission(AUDIT_VERIFY), "/api/v1/audit/verify", "/audit/verify"),
            rule(null, Access.permission(AUDIT_READ), "/api/v1/audit/**", "/audit/**"),
            rule(null, Access.permission(TOKEN_ADMIN), "/api/v1/tokens/**"),
            rule(null, Access.permission(USER_ADMIN), "/api/v1/users/**", "/api/v1/roles/**", "/admin/**"),
            rule(POST, Access.permission(REGION_EDIT), "/api/v1/regions/**"),
            rule(GET, Access.permission(REGISTRY_EXPORT), "/api/v1/households/export"),
            rule(
                    GET,
                    Access.permission(DUTY_LISTS),
                    "/api/v1/duty-lists",
                    "/api/v1/duty-lists/**",
                    "/duty-lists",
                    "/duty-lists/**"),
            rule(GET, Access.permission(VIEW_SENSITIVE), "/api/v1/persons/{id}/sensitive"),
            // who work may be given to: names of users, for those who give work
            rule(GET, Access.permission(CASE_WORK), "/api/v1/alerts/assignees"),
            rule(
                    GET,
                    Access.permission(STATISTICS),
                    "/api/v1/statistics/**",
                    "/statistics",
                    "/statistics/**",
                    "/api/v1/ledgers",
                    "/api/v1/ledgers/**",
                    "/api/v1/export-jobs",
                    "/api/v1/export-jobs/**",
                    "/ledgers",
                    "/ledgers/**",
                    "/api/v1/reports",
                    "/api/v1/reports/**",
                    "/reports",
                    "/reports/**"),
            rule(POST, Access.permission(REPORT_GENERATE), "/api/v1/reports/runs", "/reports/runs"),
            // 考核评估: indicators are monitoring configuration; plans are opened, approved and scored by those who
            // organise assessments; read by the levels concerned (a county its own scorecard), filtered in the module
            rule(PUT, Access.permission(MONITORING_CONFIGURE), "/api/v1/indicators/{code}"),
            rule(
                    PUT,
                    Access.permission(ASSESSMENT_MANAGE),
                    "/api/v1/rural-population/{county}/{year}",
                    "/api/v1/assessments/{id}/scorecards/{county}/narrative"),
            rule(
                    POST,
                    Access.permission(ASSESSMENT_MANAGE),
                    "/api/v1/assessments",
                    "/api/v1/assessments/{id}/approval",
                    "/api/v1/assessments/{id}/scorecards",
                    "/assessment/plans",
                    "/assessment/plans/{id}/counties/{county}/narrative",
                    "/assessment/plans/rural-population",
                    "/assessment/plans/{id}/approval",
                    "/assessment/plans/{id}/score"),
            rule(
                    GET,
                    Access.SIGNED_IN,
                    "/api/v1/assessments",
                    "/api/v1/assessments/{id}",
                    "/api/v1/assessments/{id}/scorecards",
                    "/api/v1/assessments/{id}/scorecards/export",
                    "/api/v1/assessments/{id}/scorecards/{county}/indicators/{code}/households",
                    "/api/v1/assessments/self-assessment",
                    "/api/v1/indicators",
                    "/api/v1/rural-population",
                    "/assessment/plans",
                    "/assessment/plans/{id}",
                    "/assessment/plans/{id}/counties/{county}/indicators/{code}",
                    "/assessment/self"),
            // 数据质量: checks configured and run by those who configure monitoring, answered by the villages
            rule(PUT, Access.permission(MONITORING_CONFIGURE), "/api/v1/quality/checks/{code}"),
            rule(POST, Access.permission(MONITORING_CONFIGURE), "/api/v1/quality/runs", "/quality/runs"),
            rule(POST, Access.permission(QUALITY_REVIEW), "/api/v1/quality/issues/{id}/review", "/quality/issues/{id}"),
            rule(
                    GET,
                    Access.SIGNED_IN,
                    "/api/v1/quality/checks",
                    "/api/v1/quality/runs",
                    "/api/v1/quality/issues",
                    "/api/v1/quality/issues/export",
                    "/api/v1/quality/issues/{id}",
                    "/api/v1/quality/villages",
                    "/api/v1/quality/reconciliation",
                    "/quality/reconciliation",
                    "/quality"),
            // 抽查: drawn by those who organise assessments, checked in the field by inspectors
            rule(PUT, Access.permission(FIELD_CHECK), "/api/v1/samples/{id}/households/{household}/check"),
            rule(
                    POST,
                    Access.permission(FIELD_CHECK),
                    "/assessment/samples/{id}/households/{household}",
                    "/api/v1/samples/{id}/households/{household}/photos",
                    "/assessment/samples/{id}/households/{household}/photos",
                    "/api/v1/samples/{id}/checks",
                    "/assessment/samples/{id}/checks"),
            rule(POST, Access.permission(ASSESSMENT_MANAGE), "/api/v1/samples", "/assessment/samples"),
            rule(
                    GET,
                    Access.permission(ASSESSMENT_MANAGE, FIELD_CHECK),
                    "/api/v1/samples",
                    "/api/v1/samples/**",
                    "/assessment",
                    "/assessment/**"),
            // 项目库 and 衔接资金: applied for below, reviewed by the sector, decided, funded and accepted by the county
            rule(POST, Access.permission(FUNDS_EDIT), "/api/v1/funds/allocations", "/projects/funds"),
            rule(
                    POST,
                    Access.permission(FUNDS_EDIT),
                    "/api/v1/projects/{id}/lines",
                    "/api/v1/projects/{id}/payments",
                    "/api/v1/projects/{id}/payments/{payment}/reversal",
                    "/projects/{id}/lines",
                    "/projects/{id}/payments",
                    "/projects/{id}/payments/{payment}/reversal"),
            rule(
                    POST,
                    Access.permission(PROJECT_DECIDE),
                    "/api/v1/projects/{id}/decision",
                    "/api/v1/projects/{id}/publicity-end",
                    "/api/v1/projects/{id}/approval",
                    "/api/v1/projects/{id}/acceptance",
                    "/api/v1/projects/{id}/result-publicity-end",
                    "/projects/{id}/decision",
                    "/projects/{id}/publicity-end",
                    "/projects/{id}/approval",
                    "/projects/{id}/acceptance",
                    "/projects/{id}/result-publicity-end"),
            rule(
                    POST,
                    Access.permission(PROJECT_REVIEW, PROJECT_DECIDE),
                    "/api/v1/projects/{id}/department-review",
                    "/projects/{id}/department-review"),
            rule(POST, Access.permission(PROJECT_APPLY), "/api/v1/projects", "/projects"),
            rule(PUT, Access.permission(PROJECT_APPLY), "/api/v1/projects/{id}"),
            rule(PUT, Access.permission(PROJECT_APPLY, PROJECT_DECIDE), "/api/v1/projects/{id}/beneficiaries"),
            rule(POST, Access.permission(PROJECT_APPLY, PROJECT_DECIDE), "/projects/{id}/beneficiaries"),
            rule(GET, Access.permission(PROJECT_APPLY), "/projects/new", "/projects/{id}/edit"),
            rule(
                    POST,
                    Access.permission(PROJECT_APPLY),
                    "/api/v1/projects/{id}/township-review",
                    "/projects/{id}/township-review",
                    "/projects/{id}/amend"),
            rule(
                    POST,
                    Access.permission(PROJECT_APPLY, PROJECT_DECIDE),
                    "/api/v1/projects/{id}/files",
                    "/projects/{id}/files",
                    "/api/v1/projects/{id}/beneficiaries/import",
                    "/projects/{id}/beneficiaries/import",
                    "/api/v1/projects/{id}/objections",
                    "/api/v1/projects/{id}/objections/{objection}/resolution",
                    "/api/v1/projects/{id}/progress",
                    "/api/v1/projects/{id}/suspension",
                    "/api/v1/projects/{id}/resumption",
                    "/api/v1/projects/{id}/completion",
                    "/projects/{id}/objections",
                    "/projects/{id}/objections/{objection}/resolution",
                    "/projects/{id}/progress",
                    "/projects/{id}/suspension",
                    "/projects/{id}/resumption",
                    "/projects/{id}/completion"),
            rule(
                    GET,
                    Access.permission(PROJECTS),
                    "/api/v1/projects",
                    "/api/v1/projects/{id}",
                    "/api/v1/projects/{id}/files/{file}",
                    "/api/v1/projects/{id}/beneficiaries",
                    "/api/v1/projects/{id}/beneficiaries/sheet",
                    "/projects/{id}/files/{file}",
                    "/api/v1/funds/allocations",
                    "/api/v1/funds/allocations/{id}",
                    "/api/v1/funds/summary",
                    "/projects",
                    "/projects/{id}"),
            // 扶贫项目资产: kept by the village, township or county that holds them; disposals approved by the county
            rule(
                    POST,
                    Access.permission(ASSET_DISPOSE),
                    "/api/v1/assets/{id}/disposals/{disposal}/decision",
                    "/assets/{id}/disposals/{disposal}/decision"),
            rule(
                    POST,
                    Access.permission(ASSET_EDIT),
                    "/api/v1/assets",
                    "/api/v1/assets/{id}/**",
                    "/assets",
                    "/assets/{id}/**"),
            rule(PUT, Access.permission(ASSET_EDIT), "/api/v1/assets/{id}", "/api/v1/assets/{id}/shares"),
            rule(GET, Access.permission(ASSET_EDIT), "/assets/new"),
            rule(
                    GET,
                    Access.permission(ASSETS),
                    "/api/v1/assets",
                    "/api/v1/assets/{id}",
                    "/api/v1/assets/{id}/files/{file}",
                    "/assets",
                    "/assets/{id}",
                    "/assets/{id}/files/{file}"),
            // 驻村工作队: sent and managed by the county, attendance logged by the village, leave approved by the township,
            // seen by every level in scope
            rule(PUT, Access.permission(ATTENDANCE_LOG), "/api/v1/teams/{id}/members/{member}/attendance/{month}"),
            rule(
                    POST,
                    Access.permission(ATTENDANCE_LOG),
                    "/api/v1/teams/{id}/members/{member}/leaves",
                    "/teams/{id}/members/{member}/attendance",
                    "/teams/{id}/leaves"),
            rule(
                    POST,
                    Access.permission(TEAM_LEAVE_APPROVE),
                    "/api/v1/teams/{id}/leaves/{leave}/decision",
                    "/teams/{id}/leaves/{leave}/decision"),
            rule(
                    POST,
                    Access.permission(TEAM_MANAGE),
                    "/api/v1/teams",
                    "/api/v1/teams/{id}/members",
                    "/api/v1/teams/{id}/members/{member}/leave",
                    "/api/v1/teams/{id}/end",
                    "/api/v1/teams/trainings",
                    "/api/v1/teams/roster",
                    "/teams",
                    "/teams/roster",
                    "/teams/trainings",
                    "/teams/{id}/members",
                    "/teams/{id}/members/{member}/leave",
                    "/teams/{id}/end"),
            // 高校知识产权: universities and their accounts by administrators; the rest by the university's own office
            rule(
                    null,
                    Access.permission(USER_ADMIN),
                    "/api/v1/ip/universities",
                    "/api/v1/ip/universities/{id}/users",
                    "/api/v1/ip/universities/{id}/users/{username}/clearance"),
            rule(
                    POST,
                    Access.permission(IP_MANAGE),
                    "/api/v1/ip/disclosures",
                    "/api/v1/ip/disclosures/{id}/evaluations",
                    "/api/v1/ip/patents",
                    "/api/v1/ip/patents/{id}/grant",
                    "/ip/patents/{id}/grant",
                    "/api/v1/ip/patents/{id}/fees",
                    "/api/v1/ip/patents/{id}/maintenance",
                    "/api/v1/ip/patents/{id}/transactions",
                    "/api/v1/ip/patents/{id}/transactions/{transaction}/receipts",
                    "/ip/disclosures",
                    "/ip/disclosures/{id}/evaluations",
                    "/ip/patents",
                    "/ip/patents/{id}/fees",
                    "/ip/patents/{id}/maintenance",
                    "/ip/patents/{id}/transactions",
                    "/ip/patents/{id}/transactions/{transaction}/receipts",
                    "/api/v1/ip/filing/{year}",
                    "/api/v1/ip/patents/import",
                    "/ip/patents/import",
                    "/api/v1/ip/patents/{id}/transactions/{transaction}/contract",
                    "/ip/patents/{id}/transactions/{transaction}/contract",
                    "/api/v1/ip/irregular",
                    "/api/v1/ip/patents/{id}/open-licence",
                    "/api/v1/ip/patents/{id}/unused-reason",
                    "/api/v1/ip/reviews",
                    "/api/v1/ip/reviews/{id}/conclusion",
                    "/ip/filing/{year}",
                    "/ip/irregular",
                    "/ip/patents/{id}/open-licence",
                    "/ip/patents/{id}/unused-reason",
                    "/ip/reviews",
                    "/ip/reviews/{id}/conclusion"),
            rule(
                    GET,
                    Access.permission(IP_MANAGE),
                    "/api/v1/ip/disclosures",
                    "/api/v1/ip/disclosures/{id}",
                    "/api/v1/ip/patents",
                    "/api/v1/ip/patents/{id}",
                    "/api/v1/ip/decisions-due",
                    "/api/v1/ip/years",
                    "/api/v1/ip/filing",
                    "/api/v1/ip/filing/{year}/deals",
                    "/api/v1/ip/irregular",
                    "/api/v1/ip/unused",
                    "/api/v1/ip/projects",
                    "/api/v1/ip/projects/list",
                    "/api/v1/ip/reviews",
                    "/api/v1/ip/reviews/{id}",
                    "/ip",
                    "/ip/disclosures/{id}",
                    "/ip/patents/{id}",
                    "/ip/projects",
                    "/ip/reviews",
                    "/ip/reviews/{id}"),
            rule(GET, Access.permission(IP_ASSISTANCE), "/api/v1/ip/assistance", "/ip/assistance"),
            // 帮扶单位: recorded by whoever sends teams or keeps partnerships
            rule(
                    POST,
                    Access.permission(TEAM_MANAGE, PARTNERSHIP_EDIT),
                    "/api/v1/units",
                    "/units",
                    "/units/{id}/university"),
            rule(PUT, Access.permission(TEAM_MANAGE, PARTNERSHIP_EDIT), "/api/v1/units/{id}/university"),
            // 书记遍访: each level records its own secretaries and their visits; every level in scope reads them
            rule(
                    POST,
                    Access.permission(LEADER_VISIT),
                    "/api/v1/leader-visits/leaders",
                    "/api/v1/leader-visits/leaders/{id}/end",
                    "/api/v1/leader-visits/leaders/{id}/visits",
                    "/leader-visits/leaders",
                    "/leader-visits/leaders/{id}/end",
                    "/leader-visits/leaders/{id}/visits"),
            rule(
                    GET,
                    Access.permission(LEADER_VISITS),
                    "/api/v1/leader-visits",
                    "/api/v1/leader-visits/leaders/{id}",
                    "/leader-visits",
                    "/leader-visits/leaders/{id}"),
            // 协作帮扶: kept by the county (the province for province and city pairs), seen by every level in and under
            rule(PUT, Access.permission(PARTNERSHIP_EDIT), "/api/v1/partnerships/{id}/commitments/{year}"),
            rule(
                    POST,
                    Access.permission(PARTNERSHIP_EDIT),
                    "/api/v1/partnerships",
                    "/api/v1/partnerships/{id}/end",
                    "/api/v1/partnerships/{id}/deliveries",
                    "/api/v1/partnerships/{id}/deliveries/{delivery}/withdrawal",
                    "/api/v1/partnerships/{id}/reconciliations",
                    "/partnerships",
                    "/partnerships/{id}/end",
                    "/partnerships/{id}/commitments",
                    "/partnerships/{id}/deliveries",
                    "/partnerships/{id}/deliveries/{delivery}/withdrawal",
                    "/partnerships/{id}/reconciliations"),
            rule(
                    GET,
                    Access.permission(PARTNERSHIPS),
                    "/api/v1/partnerships",
                    "/api/v1/partnerships/summary",
                    "/api/v1/partnerships/{id}",
                    "/api/v1/partnerships/{id}/reconciliations/{year}/statement",
                    "/partnerships",
                    "/partnerships/{id}",
                    "/partnerships/{id}/reconciliations/{year}/statement"),
            // 帮扶责任人: recorded and paired by the township or county (a plan names its helper the same way), seen
            // by every level in scope
            rule(PUT, Access.permission(HELPER_ASSIGN), "/api/v1/plans/{id}/responsible", "/api/v1/helpers/{id}"),
            rule(
                    POST,
                    Access.permission(HELPER_ASSIGN),
                    "/plans/{id}/responsible",
                    "/api/v1/helpers",
                    "/api/v1/helpers/{id}/departure",
                    "/api/v1/helpers/{id}/households",
                    "/api/v1/helpers/{id}/households/{household}/end",
                    "/helpers",
                    "/helpers/unpaired",
                    "/helpers/{id}",
                    "/helpers/{id}/departure",
                    "/helpers/{id}/households/{household}/end"),
            rule(
                    GET,
                    Access.permission(HELPERS),
                    "/api/v1/helpers",
                    "/api/v1/helpers/coverage",
                    "/api/v1/helpers/unpaired",
                    "/api/v1/helpers/{id}",
                    "/helpers",
                    "/helpers/unpaired",
                    "/helpers/{id}"),
            rule(GET, Access.permission(TEAMS, PARTNERSHIPS), "/api/v1/units"),
            rule(GET, Access.permission(TEAMS, HELPERS), "/api/v1/pairing/checks", "/pairing/checks"),
            rule(GET, Access.permission(TEAMS), "/api/v1/teams/roster.xlsx"),
            rule(
                    GET,
                    Access.permission(TEAMS),
                    "/api/v1/teams",
                    "/api/v1/teams/attendance",
                    "/api/v1/teams/trainings",
                    "/api/v1/teams/{id}",
                    "/api/v1/teams/{id}/leaves",
                    "/teams",
                    "/teams/attendance",
                    "/teams/{id}"),
            // 整改: issued and signed off by the level above, rectified by the region it is issued to
            rule(POST, Access.permission(FINDING_ISSUE), "/api/v1/findings", "/findings"),
            rule(GET, Access.permission(FINDING_ISSUE), "/findings/new"),
            // 约谈: by the level above, as findings are issued
            rule(
                    POST,
                    Access.permission(FINDING_ISSUE),
                    "/api/v1/interviews",
                    "/api/v1/interviews/{id}/follow-up",
                    "/interviews",
                    "/interviews/{id}/follow-up"),
            rule(
                    POST,
                    Access.permission(FINDING_ISSUE),
                    "/api/v1/findings/{id}/sign-off",
                    "/api/v1/findings/{id}/reopen",
                    "/findings/{id}/sign-off",
                    "/findings/{id}/reopen"),
            rule(
                    POST,
                    Access.permission(RECTIFY),
                    "/api/v1/findings/{id}/steps",
                    "/api/v1/findings/{id}/close-request",
                    "/findings/{id}/steps",
                    "/findings/{id}/close-request"),
            rule(
                    GET,
                    Access.SIGNED_IN,
                    "/api/v1/findings",
                    "/api/v1/findings/export",
                    "/api/v1/findings/bulletin.pdf",
                    "/api/v1/findings/{id}",
                    "/findings",
                    "/findings/{id}",
                    "/api/v1/interviews",
                    "/api/v1/interviews/{id}",
                    "/interviews",
                    "/interviews/{id}"),
            // a background export: the ledger's own check also asks for the permission to export the registry
            rule(
                    POST,
                    Access.permission(STATISTICS),
                    "/api/v1/ledgers/{code}/export-jobs",
                    "/ledgers/{code}/export-jobs"),
            rule(POST, Access.permission(REGISTRY_EDIT), "/api/v1/households/**", "/api/v1/persons/**"),
            rule(PUT, Access.permission(REGISTRY_EDIT), "/api/v1/households/**", "/api/v1/persons/**"),
            rule(DELETE, Access.permission(REGISTRY_EDIT), "/api/v1/households/**", "/api/v1/persons/**"),
            // one form for both imports; the page then asks for the permission of the kind chosen
            rule(POST, Access.permission(REGISTRY_EDIT, REGION_EDIT), "/imports"),
            rule(POST, Access.permission(FEED_SUBMIT), "/api/v1/feeds/**", "/feeds/**"),
            rule(POST, Access.permission(MONITORING_CONFIGURE), "/api/v1/monitoring/**", "/monitoring/**"),
            rule(PUT, Access.permission(MONITORING_CONFIGURE), "/api/v1/monitoring/**"),
            rule(DELETE, Access.permission(MONITORING_CONFIGURE), "/api/v1/monitoring/**"),
            rule(
                    POST,
                    Access.permission(CASE_WORK),
                    "/api/v1/alerts/**",
                    "/api/v1/cases/**",
                    "/api/v1/plans/**",
                    "/api/v1/grievances/**",
                    "/alerts/**",
                    "/cases/**",
                    "/plans/**",
                    "/grievances/**"),
            rule(PUT, Access.permission(CASE_WORK), "/api/v1/plans/**"),
            // signed in: the user's own account, and reads (each filtered by the user's region scope)
            rule(null, Access.SIGNED_IN, PasswordChangeRequiredFilter.CHANGE_PAGE),
            rule(
                    GET,
                    Access.SIGNED_IN,
                    "/",
                    "/households",
                    "/households/{id}",
                    "/alerts",
                    "/alerts/{id}",
                    "/cases",
                    "/cases/new",
                    "/cases/proposals",
                    "/cases/{id}",
                    "/grievances",
                    "/grievances/new",
                    "/grievances/{id}",
                    "/inbox",
                    "/plans",
                    "/plans/{id}",
                    "/monitoring",
                    "/monitoring/parameters",
                    "/monitoring/rule-sets",
                    "/monitoring/rule-sets/{id}",
                    "/monitoring/runs/{id}",
                    "/feeds",
                    "/feeds/{id}",
                    "/imports"),
            rule(
                    GET,
                    Access.SIGNED_IN,
                    "/api/v1/regions",
                    "/api/v1/regions/{code}",
                    "/api/v1/regions/{code}/children",
                    "/api/v1/regions/{code}/ancestors",
                    "/api/v1/regions/{code}/designations",
                    "/api/v1/households",
                    "/api/v1/households/template",
                    "/api/v1/households/{id}",
                    "/api/v1/households/{id}/history",
                    "/api/v1/households/{id}/file.pdf",
                    "/api/v1/persons",
                    "/api/v1/persons/{id}",
                    "/api/v1/imports/{id}/errors.csv",
                    "/api/v1/feeds/types",
                    "/api/v1/feeds/types/{type}/template",
                    "/api/v1/feeds/batches",
                    "/api/v1/feeds/batches/{id}",
                    "/api/v1/feeds/batches/{id}/feedback.csv",
                    "/api/v1/monitoring/indicators",
                    "/api/v1/monitoring/parameters",
                    "/api/v1/monitoring/parameters/{key}",
                    "/api/v1/monitoring/policy-periods",
                    "/api/v1/monitoring/rule-sets",
                    "/api/v1/monitoring/rule-sets/{id}",
                    "/api/v1/monitoring/runs",
                    "/api/v1/monitoring/runs/{id}",
                    "/api/v1/alerts",
                    "/api/v1/alerts/counts",
                    "/api/v1/alerts/{id}",
                    "/api/v1/alerts/{id}/events",
                    "/api/v1/cases",
                    "/api/v1/cases/counts",
                    "/api/v1/cases/elimination-proposals",
                    "/api/v1/plans/{id}/elimination-criteria",
                    "/api/v1/cases/{id}",
                    "/api/v1/grievances",
                    "/api/v1/grievances/counts",
                    "/api/v1/grievances/{id}",
                    "/api/v1/inbox",
                    "/api/v1/plans",
                    "/api/v1/plans/counts",
                    "/api/v1/plans/{id}",
                    "/api/v1/plans/{id}/attachments",
                    "/api/v1/attachments/{attachment}",
                    "/api/v1/measure-types"),
            // the API description, for integrators with an account
            rule(GET, Access.SIGNED_IN, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml"),
            rule(GET, Access.SIGNED_IN, "/swagger-ui.html", "/swagger-ui/**"));

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    private PermissionRules() {}

    private static Rule rule(HttpMethod method, Access access, String... patterns) {
        return new Rule(method, List.of(patterns), access);
    }

    /** The rule for a request of this method to this path (or path template, e.g. {@code /cases/{id}}), if any. */
    static Optional<Access> of(HttpMethod method, String path) {
        PathContainer p = PathContainer.parsePath(path);
        // a HEAD request runs the GET handler: it takes what the GET takes
        HttpMethod m = HttpMethod.HEAD.equals(method) ? GET : method;
        for (Rule r : RULES) {
            if (r.method() != null && !r.method().equals(m)) {
                continue;
            }
            for (String pattern : r.patterns()) {
                PathPattern compiled = PARSER.parse(pattern);
                if (compiled.matches(p)) {
                    return Optional.of(r.access());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The permissions of which an operation needs one (the API description names them), in their order; empty when a
     * login is enough.
     */
    static List<Permission> permissions(HttpMethod method, String path) {
        return of(method, path).map(a -> a.anyOf().stream().sorted().toList()).orElse(List.of());
    }

    /**
     * Of these handler paths (method null: every method), those without a rule — a path variable's pattern such as
     * {@code {owner:visits|measures}} counts as the variable.
     */
    static List<String> uncovered(List<Handler> handlers) {
        List<String> out = new ArrayList<>();
        for (Handler h : handlers) {
            String template = h.path().replaceAll("\\{([A-Za-z0-9_]+):[^}]*}", "{$1}");
            List<HttpMethod> methods = h.method() != null ? List.of(h.method()) : List.of(GET, POST, PUT, DELETE);
            for (HttpMethod m : methods) {
                if (of(m, template).isEmpty()) {
                    out.add(m + " " + h.path());
                }
            }
        }
        return out;
    }

    /** A handler's method (null: every one) and path pattern. */
    record Handler(HttpMethod method, String path) {}
}
