package org.fangpin.casework.internal;

import org.fangpin.project.ProjectLinks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The measures naming a project, summed for the project's page: households, measures not cancelled, amount. */
@Component
class ProjectMeasureTotals implements ProjectLinks.Measures {

    private final JdbcClient jdbc;

    ProjectMeasureTotals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public ProjectLinks.MeasureTotals ofProject(long projectId) {
        return jdbc.sql("select count(distinct household_id), count(*), coalesce(sum(amount), 0)"
                        + " from assistance_measure where project_id = ? and status <> 'CANCELLED'")
                .param(projectId)
                .query((rs, n) -> new ProjectLinks.MeasureTotals(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3)))
                .single();
    }
}
