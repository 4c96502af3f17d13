package org.fangpin.registry.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.registry.Health;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.WorkStatus;

/**
 * Cross-field rules of a household and a member that the API and the bulk import both apply. Each problem names
 * the field and a message key {@code registry.error.*}.
 */
public final class HouseholdRules {

    private HouseholdRules() {}

    /** A problem as (field, message key, message arguments). */
    public record Violation(String field, String messageKey, Object... args) {}

    public static List<Violation> check(HouseholdFields f, LocalDate today) {
        int currentYear = today.getYear();
        List<Violation> out = new ArrayList<>();
        if (f.identity() == null && f.status() == null) {
            out.add(new Violation("identity", "registry.error.identity-required"));
        }
        MonitoringState state = f.monitoringState();
        if (state == MonitoringState.MONITORED && f.monitoringCategory() == null) {
            out.add(new Violation("monitoringCategory", "registry.error.category-required"));
        }
        if (state == MonitoringState.NONE && f.monitoringCategory() != null) {
            out.add(new Violation("monitoringCategory", "registry.error.category-only-monitored"));
        }
        if (state == MonitoringState.MONITORED && f.riskCauses().isEmpty()) {
            out.add(new Violation("riskCauses", "registry.error.causes-required"));
        }
        if (state == MonitoringState.NONE && f.monitoringSince() != null) {
            out.add(new Violation("monitoringSince", "registry.error.since-only-monitored"));
        }
        if (f.monitoringSince() != null && f.monitoringSince().isAfter(today)) {
            out.add(new Violation("monitoringSince", "registry.error.date-future"));
        }
        if (state != MonitoringState.ELIMINATED && (f.eliminatedOn() != null || f.eliminationKind() != null)) {
            out.add(new Violation(
                    f.eliminatedOn() != null ? "eliminatedOn" : "eliminationKind",
                    "registry.error.elimination-only-eliminated"));
        }
        if (f.eliminatedOn() != null
                && f.monitoringSince() != null
                && f.eliminatedOn().isBefore(f.monitoringSince())) {
            out.add(new Violation("eliminatedOn", "registry.error.eliminated-before-since"));
        }
        if (f.eliminatedOn() != null && f.eliminatedOn().isAfter(today)) {
            out.add(new Violation("eliminatedOn", "registry.error.date-future"));
        }
        if (f.exitYear() != null && f.exitYear() > currentYear) {
            out.add(new Violation("exitYear", "registry.error.exit-year-future"));
        }
        if (f.identity() == HouseholdIdentity.EXITED && f.exitYear() == null) {
            out.add(new Violation("exitYear", "registry.error.exit-year-required"));
        }
        if (f.identity() == HouseholdIdentity.ORDINARY && f.exitYear() != null) {
            out.add(new Violation("exitYear", "registry.error.exit-year-only-exited"));
        }
        if (f.income().year() != null && f.income().year() > currentYear) {
            out.add(new Violation("income.year", "registry.error.income-year-future"));
        }
        if (!f.income().isEmpty() && f.income().year() == null) {
            out.add(new Violation("income.year", "registry.error.income-year-required"));
        }
        return out;
    }

    public static List<Violation> check(PersonFields f, LocalDate today) {
        List<Violation> out = new ArrayList<>();
        IdNumber.problem(f.idNumber(), today)
                .ifPresent(p ->
                        out.add(new Violation("idNumber", "idnumber." + p.name().toLowerCase())));
        if (f.health() == Health.DISABLED && f.disabilityGrade() == null) {
            out.add(new Violation("disabilityGrade", "registry.error.grade-required"));
        }
        if (f.health() != Health.DISABLED && f.disabilityGrade() != null) {
            out.add(new Violation("disabilityGrade", "registry.error.grade-only-disabled"));
        }
        if (f.workStatus() == WorkStatus.NONE && f.workMonths() != null && f.workMonths() > 0) {
            out.add(new Violation("workMonths", "registry.error.months-without-work"));
        }
        return out;
    }

    /** Converts violations to problem-document entries in the caller's language. */
    public static List<FieldProblem> toProblems(List<Violation> violations, BiFunction<String, Object[], String> text) {
        return violations.stream()
                .map(v -> FieldProblem.of(v.field(), text.apply(v.messageKey(), v.args())))
                .toList();
    }
}
