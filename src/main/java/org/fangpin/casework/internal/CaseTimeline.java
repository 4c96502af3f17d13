package org.fangpin.casework.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.fangpin.casework.CaseStage;
import org.fangpin.common.i18n.Messages;
import org.fangpin.registry.TimelineEntry;
import org.fangpin.registry.TimelineSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every step of a household's cases on its timeline: what was done, by whom, the stage it moved to, and why. */
@Component
class CaseTimeline implements TimelineSource {

    private final JdbcClient jdbc;
    private final Messages messages;
    private final Clock clock;

    CaseTimeline(JdbcClient jdbc, Messages messages, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public List<TimelineEntry> entries(long householdId) {
        return jdbc.sql("""
                select s.case_id, s.action, s.from_stage, s.to_stage, s.note, s.actor, s.actor_role, s.at,
                       row_number() over (partition by s.case_id order by s.id) as n
                from case_step s join case_file c on c.id = s.case_id
                where c.household_id = ? order by s.id""")
                .param(householdId)
                .query((rs, i) -> {
                    List<TimelineEntry.Change> changes = new ArrayList<>();
                    String from = rs.getString("from_stage");
                    String to = rs.getString("to_stage");
                    if (!to.equals(from)) {
                        changes.add(new TimelineEntry.Change("caseStage", label(from), label(to)));
                    }
                    var at = rs.getTimestamp("at").toInstant();
                    return new TimelineEntry(
                            "case",
                            rs.getLong("case_id"),
                            messages.get(
                                    "casework.timeline.label",
                                    rs.getLong("case_id"),
                                    messages.get("casework.action." + rs.getString("action"))),
                            rs.getInt("n"),
                            at.atZone(clock.getZone()).toLocalDate(),
                            at,
                            rs.getString("actor") + " (" + rs.getString("actor_role") + ")",
                            rs.getString("note"),
                            "CASE",
                            changes);
                })
                .list();
    }

    private String label(String stage) {
        return stage == null ? null : CaseStage.valueOf(stage).label(messages.locale());
    }
}
