package org.fangpin.casework.internal;

import java.util.Optional;
import org.fangpin.monitoring.AlertFollowUps;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The case a handed-over alert opened (its {@code alert_id}) or was added to (an {@code ALERT_LINKED} step), for the
 * alert's page. The alert was read within the caller's reach, and a case lives in the alert's village.
 */
@Component
class CaseOfAlert implements AlertFollowUps {

    private final JdbcClient jdbc;

    CaseOfAlert(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<FollowUp> of(long alertId, long householdId) {
        return jdbc.sql("select id, true from case_file where alert_id = :id union all select s.case_id, false from"
                        + " case_file c join case_step s on s.case_id = c.id where c.household_id = :household and"
                        + " s.action = 'ALERT_LINKED' and s.details ->> 'alertId' = :key order by 2 desc limit 1")
                .param("id", alertId)
                .param("household", householdId)
                .param("key", Long.toString(alertId))
                .query((rs, i) -> new FollowUp(rs.getLong(1), rs.getBoolean(2)))
                .optional();
    }
}
