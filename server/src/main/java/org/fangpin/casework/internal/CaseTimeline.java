package org.fangpin.casework.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fangpin.casework.CaseStage;
import org.fangpin.casework.Grievances;
import org.fangpin.casework.MeasureStatus;
import org.fangpin.common.i18n.Messages;
import org.fangpin.registry.TimelineEntry;
import org.fangpin.registry.TimelineSource;
import org.fangpin.security.Role;
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
        List<TimelineEntry> out = new ArrayList<>(caseSteps(householdId));
        out.addAll(measures(householdId));
        out.addAll(visits(householdId));
        out.addAll(grievances(householdId));
        return out;
    }

    /** A grievance when it was received, and its decision when it was made. */
    private List<TimelineEntry> grievances(long householdId) {
        List<TimelineEntry> out = new ArrayList<>();
        jdbc.sql("select * from grievance where household_id = ? order by id")
                .param(householdId)
                .query((rs, i) -> {
                    long id = rs.getLong("id");
                    String kind = Grievances.Kind.valueOf(rs.getString("kind")).label(messages.locale());
                    out.add(new TimelineEntry(
                            "grievance",
                            id,
                            messages.get("casework.timeline.grievance", id, kind),
                            1,
                            rs.getObject("received_on", LocalDate.class),
                            rs.getTimestamp("recorded_at").toInstant(),
                            rs.getString("recorded_by"),
                            rs.getString("content"),
                            "CASE",
                            List.of()));
                    if (rs.getString("decided_by") != null) {
                        LocalDate on = rs.getObject("decided_on", LocalDate.class);
                        out.add(new TimelineEntry(
                                "grievance",
                                id,
                                messages.get(
                                        "casework.timeline.grievance-decided",
                                        id,
                                        messages.get("casework.grievance.status." + rs.getString("status"))),
                                2,
                                on,
                                on.atStartOfDay(clock.getZone()).toInstant(),
                                rs.getString("decided_by"),
                                rs.getString("decision"),
                                "CASE",
                                List.of()));
                    }
                    return id;
                })
                .list();
        return out;
    }

    /** Each measure of the plan once, dated its planned start, with its current status. */
    private List<TimelineEntry> measures(long householdId) {
        boolean en = "en".equals(messages.locale().getLanguage());
        return jdbc.sql("""
                select m.id, t.name_zh, t.name_en, m.status, m.description, m.planned_start, m.created_by,
                       m.created_at, m.version
                from assistance_measure m join measure_type t on t.code = m.measure_type
                where m.household_id = ? order by m.id""")
                .param(householdId)
                .query((rs, i) -> new TimelineEntry(
                        "measure",
                        rs.getLong("id"),
                        messages.get("casework.timeline.measure", rs.getString(en ? "name_en" : "name_zh")),
                        rs.getInt("version"),
                        rs.getObject("planned_start", LocalDate.class),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getString("created_by"),
                        rs.getString("description"),
                        "PLAN",
                        List.of(new TimelineEntry.Change(
                                "measureStatus",
                                null,
                                MeasureStatus.valueOf(rs.getString("status")).label(messages.locale())))))
                .list();
    }

    private List<TimelineEntry> visits(long householdId) {
        return jdbc.sql("select id, visited_on, visitor, notes, recorded_at from followup_visit where household_id = ?"
                        + " order by id")
                .param(householdId)
                .query((rs, i) -> new TimelineEntry(
                        "visit",
                        rs.getLong("id"),
                        messages.get("casework.timeline.visit"),
                        1,
                        rs.getObject("visited_on", LocalDate.class),
                        rs.getTimestamp("recorded_at").toInstant(),
                        rs.getString("visitor"),
                        rs.getString("notes"),
                        "PLAN",
                        List.of()))
                .list();
    }

    private List<TimelineEntry> caseSteps(long householdId) {
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
                            actor(rs.getString("actor"), rs.getString("actor_role")),
                            rs.getString("note"),
                            "CASE",
                            changes);
                })
                .list();
    }

    /** Who acted, with the role they acted in (county · 县乡村振兴局). */
    private String actor(String actor, String role) {
        return role == null ? actor : actor + " · " + Role.valueOf(role).label(messages.locale());
    }

    private String label(String stage) {
        return stage == null ? null : CaseStage.valueOf(stage).label(messages.locale());
    }
}
