package org.fangpin.project;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.Department;
import org.fangpin.common.publicity.Publicities;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.project.Projects.Budget;
import org.fangpin.project.Projects.Project;
import org.fangpin.project.Projects.Step;
import org.fangpin.project.Projects.Target;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads projects and their timelines from the database: the {@link #SELECT} of a project with its open objections,
 * the mapping of its row, and the completion of the rows read with their region names, budgets by source and the
 * 以工代赈 labour share beside the province's minimum; the timeline's steps, oldest first. It checks no reach: the
 * callers' queries do.
 */
@Component
class ProjectRows {

    private final JdbcClient jdbc;
    private final RegionDirectory regions;
    private final PolicyParameters parameters;
    private final JsonMapper json;
    private final Clock clock;

    ProjectRows(JdbcClient jdbc, RegionDirectory regions, PolicyParameters parameters, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.regions = regions;
        this.parameters = parameters;
        this.json = json;
        this.clock = clock;
    }

    /** The project's timeline, oldest first. */
    List<Step> steps(long id) {
        return jdbc.sql("select * from project_step where project_id = ? order by id")
                .param(id)
                .query((rs, n) -> new Step(
                        rs.getString("from_stage") == null ? null : ProjectStage.valueOf(rs.getString("from_stage")),
                        ProjectStage.valueOf(rs.getString("to_stage")),
                        ProjectAction.valueOf(rs.getString("action")),
                        rs.getObject("done_on", LocalDate.class),
                        rs.getString("note"),
                        json.readValue(rs.getString("details"), new TypeReference<Map<String, Object>>() {}),
                        rs.getString("actor"),
                        Role.valueOf(rs.getString("actor_role")),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    /** Projects with their open objections; {@link #row} reads its rows, {@link #complete} finishes them. */
    static final String SELECT = "select p.*, "
            + Publicities.openObjectionCount(Projects.LISTING, "p.id") + " + "
            + Publicities.openObjectionCount(Projects.RESULTS, "p.id") + " as open_objections from project p";

    /** A project as stored, without region name, budget or labour share ({@link #complete} adds them). */
    Project row(ResultSet rs, int n) throws SQLException {
        Array links = rs.getArray("benefit_links");
        List<BenefitLink> benefitLinks = new ArrayList<>();
        for (Object o : (Object[]) links.getArray()) {
            benefitLinks.add(BenefitLink.valueOf((String) o));
        }
        return new Project(
                rs.getLong("id"),
                rs.getString("project_no"),
                rs.getString("region_code"),
                null,
                rs.getString("county_code"),
                rs.getInt("year"),
                rs.getString("name"),
                ProjectType.valueOf(rs.getString("type")),
                rs.getString("subtype"),
                Department.valueOf(rs.getString("department")),
                rs.getString("place"),
                rs.getString("content"),
                rs.getString("implementer"),
                rs.getString("responsible"),
                rs.getBoolean("household_level"),
                benefitLinks,
                rs.getInt("planned_households"),
                rs.getInt("planned_persons"),
                rs.getInt("planned_poor_households"),
                rs.getBigDecimal("planned_labour_pay"),
                null,
                null,
                List.of(),
                null,
                json.readValue(rs.getString("targets"), new TypeReference<List<Target>>() {}),
                ProjectStage.valueOf(rs.getString("stage")),
                rs.getString("decision_no"),
                rs.getObject("decided_on", LocalDate.class),
                rs.getObject("publicity_from", LocalDate.class),
                rs.getObject("publicity_to", LocalDate.class),
                rs.getString("publicity_place"),
                rs.getString("approval_no"),
                rs.getObject("approved_on", LocalDate.class),
                rs.getObject("planned_start", LocalDate.class),
                rs.getObject("planned_end", LocalDate.class),
                rs.getInt("progress"),
                rs.getString("stop_reason"),
                rs.getObject("completed_on", LocalDate.class),
                rs.getBigDecimal("final_cost"),
                rs.getObject("accepted_on", LocalDate.class),
                rs.getString("acceptance_team"),
                rs.getString("acceptance_result"),
                rs.getObject("result_publicity_from", LocalDate.class),
                rs.getObject("result_publicity_to", LocalDate.class),
                rs.getObject("closed_on", LocalDate.class),
                rs.getString("applied_by"),
                rs.getInt("open_objections"),
                rs.getInt("version"));
    }

    /** Region names, budgets and the 以工代赈 labour share of the projects read. */
    List<Project> complete(List<Project> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, String> names =
                regions.names(rows.stream().map(Project::region).distinct().toList());
        Map<Long, List<Budget>> budgets = new HashMap<>();
        jdbc.sql("select project_id, source, amount from project_budget where project_id = any(?) order by source")
                .param(rows.stream().map(Project::id).toArray(Long[]::new))
                .query((ResultSet rs) -> {
                    budgets.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Budget(FundSource.valueOf(rs.getString(2)), rs.getBigDecimal(3)));
                });
        Map<String, BigDecimal> minimum = new HashMap<>();
        return rows.stream()
                .map(p -> {
                    List<Budget> budget = budgets.getOrDefault(p.id(), List.of());
                    BigDecimal total = budget.stream().map(Budget::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                    BigDecimal workRelief = budget.stream()
                            .filter(b -> b.source() == FundSource.WORK_RELIEF)
                            .map(Budget::amount)
                            .findFirst()
                            .orElse(null);
                    BigDecimal share = workRelief == null || p.plannedLabourPay() == null
                            ? null
                            : FundYears.percent(p.plannedLabourPay(), workRelief);
                    BigDecimal min = workRelief == null
                            ? null
                            : minimum.computeIfAbsent(
                                    p.county(),
                                    c -> parameters
                                            .resolve(RegionCode.province(c), LocalDate.now(clock))
                                            .get("work_relief_labour_share_min")
                                            .value()
                                            .multiply(BigDecimal.valueOf(100))
                                            .setScale(1, RoundingMode.HALF_UP));
                    return new Project(
                            p.id(),
                            p.projectNo(),
                            p.region(),
                            names.getOrDefault(p.region(), p.region()),
                            p.county(),
                            p.year(),
                            p.name(),
                            p.type(),
                            p.subtype(),
                            p.department(),
                            p.place(),
                            p.content(),
                            p.implementer(),
                            p.responsible(),
                            p.householdLevel(),
                            p.benefitLinks(),
                            p.plannedHouseholds(),
                            p.plannedPersons(),
                            p.plannedPoorHouseholds(),
                            p.plannedLabourPay(),
                            share,
                            min,
                            budget,
                            total,
                            p.targets(),
                            p.stage(),
                            p.decisionNo(),
                            p.decidedOn(),
                            p.publicityFrom(),
                            p.publicityTo(),
                            p.publicityPlace(),
                            p.approvalNo(),
                            p.approvedOn(),
                            p.plannedStart(),
                            p.plannedEnd(),
                            p.progress(),
                            p.stopReason(),
                            p.completedOn(),
                            p.finalCost(),
                            p.acceptedOn(),
                            p.acceptanceTeam(),
                            p.acceptanceResult(),
                            p.resultPublicityFrom(),
                            p.resultPublicityTo(),
                            p.closedOn(),
                            p.appliedBy(),
                            p.openObjections(),
                            p.version());
                })
                .toList();
    }
}
