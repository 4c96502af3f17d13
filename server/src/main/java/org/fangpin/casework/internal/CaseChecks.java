package org.fangpin.casework.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.casework.CaseChannel;
import org.fangpin.casework.CaseKind;
import org.fangpin.casework.Cases.CaseFile;
import org.fangpin.casework.Cases.Council;
import org.fangpin.casework.Cases.Decision;
import org.fangpin.casework.Cases.Findings;
import org.fangpin.casework.Cases.Opening;
import org.fangpin.casework.Cases.Review;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.springframework.stereotype.Component;

/**
 * What each case command must carry before it is taken: every problem of a request is reported at once (400 with one
 * entry per field, in the user's language). Dates are checked against the case (a visit not before discovery, a
 * council not in the future …) in the platform's zone.
 */
@Component
public class CaseChecks {

    private final Messages messages;
    private final Clock clock;

    CaseChecks(Messages messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    public void opening(Opening o, LocalDate discovered) {
        Problems problems = new Problems();
        if (o.householdId() == null) {
            problems.add("householdId", "casework.required");
        }
        boolean elimination = o.kind() == CaseKind.ELIMINATION;
        if (o.channel() == null
                || o.channel() == CaseChannel.ALERT
                || (o.channel() == CaseChannel.PROPOSAL && !elimination)) {
            problems.add("channel", "casework.channel");
        }
        if (statementMissing(o.statement())) {
            problems.add("statement", "casework.statement");
        }
        if (discovered.isAfter(today())) {
            problems.add("discoveredOn", "casework.future-date");
        }
        problems.raise();
    }

    public void findings(CaseFile c, Findings f) {
        Problems problems = new Problems();
        if (f.visitedOn() == null
                || f.visitedOn().isAfter(today())
                || f.visitedOn().isBefore(c.discoveredOn())) {
            problems.add("visitedOn", "casework.visited-on", c.discoveredOn());
        }
        if (f.riskConfirmed() == null) {
            problems.add("riskConfirmed", "casework.required");
        }
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        amounts.put("perCapitaIncome", f.perCapitaIncome());
        amounts.put("medicalExpense", f.medicalExpense());
        amounts.put("educationExpense", f.educationExpense());
        amounts.forEach((field, v) -> {
            if (v != null && v.signum() < 0) {
                problems.add(field, "casework.negative");
            }
        });
        problems.requireNote(f.note());
        problems.raise();
    }

    /** {@code notBefore}: the day of the latest 入户核实 (the discovery when none is recorded). */
    public void council(CaseFile c, Council m, LocalDate publicityFrom, LocalDate notBefore) {
        Problems problems = new Problems();
        if (m.heldOn() == null || m.heldOn().isAfter(today()) || m.heldOn().isBefore(notBefore)) {
            problems.add("heldOn", "casework.held-on", notBefore);
        }
        if (m.attendees() == null || m.attendees() < 1) {
            problems.add("attendees", "casework.attendees");
        }
        int yes = m.votesFor() == null ? 0 : m.votesFor();
        int no = m.votesAgainst() == null ? 0 : m.votesAgainst();
        if (yes < 0 || no < 0 || (m.attendees() != null && yes + no > m.attendees())) {
            problems.add("votesFor", "casework.votes");
        }
        if (m.approved() == null) {
            problems.add("approved", "casework.required");
        }
        if (Boolean.TRUE.equals(m.approved())
                && (publicityFrom.isAfter(today()) || (m.heldOn() != null && publicityFrom.isBefore(m.heldOn())))) {
            problems.add("publicityFrom", "casework.publicity-from");
        }
        if (Boolean.FALSE.equals(m.approved())) {
            problems.requireNote(m.note());
        }
        problems.raise();
    }

    public void review(Review r) {
        Problems problems = new Problems();
        if (r.approved() == null) {
            problems.add("approved", "casework.required");
        }
        if (Boolean.FALSE.equals(r.approved())) {
            problems.requireNote(r.note());
        }
        problems.raise();
    }

    /** 县审定 of an identification: include with a category and causes, or not with a reason. */
    public void inclusion(Decision d) {
        Problems problems = new Problems();
        if (d.include() == null) {
            problems.add("include", "casework.required");
        } else if (d.include()) {
            if (d.category() == null) {
                problems.add("category", "casework.category");
            }
            if (d.causes() == null || d.causes().isEmpty()) {
                problems.add("causes", "casework.causes");
            }
        } else if (blank(d.reason())) {
            problems.add("reason", "casework.reason-required");
        }
        problems.raise();
    }

    /** 县审定 of an elimination: eliminate, or not with a reason. */
    public void elimination(Decision d) {
        if (d.eliminate() == null) {
            throw ApiException.invalid("eliminate", messages.get("casework.required"));
        }
        if (!d.eliminate() && blank(d.reason())) {
            throw ApiException.invalid("reason", messages.get("casework.reason-required"));
        }
    }

    private static boolean statementMissing(String s) {
        return blank(s) || s.length() > 2000;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The problems of one request, raised together. */
    private final class Problems {
        private final List<FieldProblem> list = new ArrayList<>();

        void add(String field, String key, Object... args) {
            list.add(FieldProblem.of(field, messages.get(key, args)));
        }

        void requireNote(String note) {
            if (blank(note)) {
                add("note", "casework.note-required");
            }
        }

        void raise() {
            if (!list.isEmpty()) {
                throw ApiException.invalid(list);
            }
        }
    }
}
