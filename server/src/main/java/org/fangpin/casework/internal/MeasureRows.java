package org.fangpin.casework.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.casework.MeasureProjects;
import org.fangpin.casework.MeasureStatus;
import org.fangpin.common.Department;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A plan's measures and visits as rows, the projects measures name, and the measures naming a project summed. */
@Component
public class MeasureRows {

    private final JdbcClient jdbc;
    private final ObjectProvider<MeasureProjects> projects;

    MeasureRows(JdbcClient jdbc, ObjectProvider<MeasureProjects> projects) {
        this.jdbc = jdbc;
        this.projects = projects;
    }

    /** The module that keeps projects, when there is one. */
    public Optional<MeasureProjects> projects() {
        return Optional.ofNullable(projects.getIfAvailable());
    }

    /** A plan as {@link AssistancePlans}' select reads it. */
    public AssistancePlans.Plan plan(ResultSet rs, int i) throws SQLException {
        return new AssistancePlans.Plan(
                rs.getLong("household_id"),
                rs.getString("household_no"),
                rs.getString("village_code"),
                (Long) rs.getObject("case_id"),
                rs.getObject("started_on", LocalDate.class),
                (Long) rs.getObject("helper_id"),
                rs.getString("responsible_name"),
                rs.getString("responsible_user"),
                rs.getInt("visit_interval_days"),
                rs.getObject("last_visit", LocalDate.class),
                rs.getObject("next_due", LocalDate.class),
                rs.getBoolean("overdue"),
                rs.getInt("open_measures"),
                rs.getInt("version"));
    }

    /** The measures naming a project, summed. */
    public AssistancePlans.ProjectMeasures ofProject(long projectId) {
        return jdbc.sql("select count(distinct household_id), count(*), coalesce(sum(amount), 0)"
                        + " from assistance_measure where project_id = ? and status <> 'CANCELLED'")
                .param(projectId)
                .query((rs, n) ->
                        new AssistancePlans.ProjectMeasures(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3)))
                .single();
    }

    /** A household's measures, in the order they were added, each with the project it names. */
    public List<AssistancePlans.Measure> measures(long householdId) {
        List<Long> named = jdbc.sql("select distinct project_id from assistance_measure where household_id = ?"
                        + " and project_id is not null")
                .param(householdId)
                .query(Long.class)
                .list();
        Map<Long, MeasureProjects.Named> names =
                projects().map(x -> x.names(named)).orElseGet(HashMap::new);
        return jdbc.sql("select * from assistance_measure where household_id = ? order by id")
                .param(householdId)
                .query((rs, i) -> new AssistancePlans.Measure(
                        rs.getLong("id"),
                        rs.getString("measure_type"),
                        rs.getString("cause"),
                        Department.valueOf(rs.getString("department")),
                        rs.getString("description"),
                        rs.getObject("planned_start", LocalDate.class),
                        rs.getObject("planned_end", LocalDate.class),
                        rs.getObject("actual_start", LocalDate.class),
                        rs.getObject("actual_end", LocalDate.class),
                        rs.getBigDecimal("amount"),
                        MeasureStatus.valueOf(rs.getString("status")),
                        rs.getString("evidence"),
                        rs.getString("created_by"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("updated_by"),
                        rs.getTimestamp("updated_at").toInstant(),
                        rs.getInt("version"),
                        rs.getObject("project_id", Long.class) == null ? null : names.get(rs.getLong("project_id"))))
                .list();
    }

    /** A household's visits, newest first. */
    public List<AssistancePlans.Visit> visits(long householdId) {
        return jdbc.sql("select * from followup_visit where household_id = ? order by visited_on desc, id desc")
                .param(householdId)
                .query((rs, i) -> new AssistancePlans.Visit(
                        rs.getLong("id"),
                        rs.getObject("visited_on", LocalDate.class),
                        rs.getString("visitor"),
                        rs.getString("notes"),
                        (Boolean) rs.getObject("income_stable"),
                        (Boolean) rs.getObject("needs_secured"),
                        rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }
}
