package org.fangpin.project;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.project.Projects.Application;
import org.fangpin.project.Projects.Budget;
import org.fangpin.project.Projects.Target;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A village's or township's application for a project, as {@link Projects#apply} and {@link Projects#amend} take it:
 * each field checked (a region of the caller's reach, the year and day, the texts' lengths, planned counts, the
 * budget by source — each source once, each amount valid — and 绩效目标 in pairs), the county the region belongs to,
 * the targets stripped and the budget written.
 */
@Component
class ProjectApplications {

    private final JdbcClient jdbc;
    private final ProjectReach reach;
    private final RegionDirectory regions;
    private final Funds funds;
    private final Messages messages;
    private final Clock clock;
    private final JsonMapper json;

    ProjectApplications(
            JdbcClient jdbc,
            ProjectReach reach,
            RegionDirectory regions,
            Funds funds,
            Messages messages,
            Clock clock,
            JsonMapper json) {
        this.json = json;
        this.jdbc = jdbc;
        this.reach = reach;
        this.regions = regions;
        this.funds = funds;
        this.messages = messages;
        this.clock = clock;
    }

    /**
     * Checks an application (422 with each field's reason) and returns its region: a village or township of the
     * caller's reach, still valid.
     */
    Region checkApplication(Application a) {
        List<FieldProblem> problems = new ArrayList<>();
        Region region = a.region() == null ? null : regions.find(a.region()).orElse(null);
        if (region == null
                || (region.level() != RegionLevel.VILLAGE && region.level() != RegionLevel.TOWNSHIP)
                || region.validTo() != null
                || !reach.covers(region.code())) {
            problems.add(FieldProblem.of("region", messages.get("project.region-choice")));
        }
        LocalDate today = LocalDate.now(clock);
        if (a.year() == null || a.year() < 2021 || a.year() > today.getYear() + 1) {
            problems.add(FieldProblem.of("year", messages.get("project.year", today.getYear() + 1)));
        }
        if (a.appliedOn() != null
                && (a.appliedOn().isAfter(today) || a.appliedOn().getYear() < 2021)) {
            problems.add(FieldProblem.of("appliedOn", messages.get("project.not-future")));
        }
        funds.text(problems, "name", a.name(), 200);
        if (a.type() == null) {
            problems.add(FieldProblem.of("type", messages.get("project.required")));
        }
        funds.optionalText(problems, "subtype", a.subtype(), 100);
        if (a.department() == null) {
            problems.add(FieldProblem.of("department", messages.get("project.required")));
        }
        funds.text(problems, "place", a.place(), 200);
        funds.text(problems, "content", a.content(), 4000);
        funds.optionalText(problems, "implementer", a.implementer(), 200);
        funds.optionalText(problems, "responsible", a.responsible(), 100);
        if (a.benefitLinks() == null
                || a.benefitLinks().isEmpty()
                || a.benefitLinks().stream().anyMatch(java.util.Objects::isNull)) {
            problems.add(FieldProblem.of("benefitLinks", messages.get("project.benefit-links")));
        }
        int households = orZero(a.plannedHouseholds());
        if (households < 0 || households > 1_000_000) {
            problems.add(FieldProblem.of("plannedHouseholds", messages.get("project.count")));
        }
        if (orZero(a.plannedPersons()) < 0 || orZero(a.plannedPersons()) > 5_000_000) {
            problems.add(FieldProblem.of("plannedPersons", messages.get("project.count")));
        }
        if (orZero(a.plannedPoorHouseholds()) < 0 || orZero(a.plannedPoorHouseholds()) > households) {
            problems.add(FieldProblem.of("plannedPoorHouseholds", messages.get("project.poor-households")));
        }
        if (a.plannedLabourPay() != null) {
            funds.money(problems, "plannedLabourPay", a.plannedLabourPay());
        }
        if (a.budget() == null || a.budget().isEmpty()) {
            problems.add(FieldProblem.of("budget", messages.get("project.budget")));
        } else {
            Set<FundSource> seen = new HashSet<>();
            for (Budget b : a.budget()) {
                if (b == null || b.source() == null || !seen.add(b.source())) {
                    problems.add(FieldProblem.of("budget", messages.get("project.budget-source")));
                } else if (!Funds.validMoney(b.amount())) {
                    problems.add(FieldProblem.of(
                            "budget",
                            messages.get("project.budget-amount", b.source().label(LocaleContextHolder.getLocale()))));
                }
            }
        }
        if (a.targets() == null || a.targets().isEmpty()) {
            problems.add(FieldProblem.of("targets", messages.get("project.targets")));
        } else if (a.targets().size() > 30) {
            problems.add(FieldProblem.of("targets", messages.get("project.too-many", 30)));
        } else {
            for (Target t : a.targets()) {
                if (t == null || blank(t.indicator()) || blank(t.value())) {
                    problems.add(FieldProblem.of("targets", messages.get("project.target-pair")));
                } else if (t.indicator().strip().length() > 200
                        || t.value().strip().length() > 200) {
                    problems.add(FieldProblem.of("targets", messages.get("project.too-long", Messages.count(200))));
                }
            }
        }
        ProjectMoves.raise(problems);
        return region;
    }

    /** The application's 绩效目标, stripped. */
    static List<Target> targets(Application a) {
        return a.targets().stream()
                .map(t -> new Target(t.indicator().strip(), t.value().strip()))
                .toList();
    }

    /** Writes a project's budget by source. */
    void writeBudget(long id, List<Budget> budget) {
        for (Budget b : budget) {
            jdbc.sql("insert into project_budget (project_id, source, amount) values (?, ?, ?)")
                    .params(id, b.source().name(), b.amount())
                    .update();
        }
    }

    /** The county of a region (422 when it has none). */
    String county(Region region) {
        return regions.ancestors(region.code()).stream()
                .filter(r -> r.level() == RegionLevel.COUNTY)
                .map(Region::code)
                .findFirst()
                .orElseThrow(() -> ApiException.invalid("region", messages.get("project.region-choice")));
    }

    /** A project filed: its id and number. */
    record Filed(long id, String projectNo) {}

    /**
     * Files a checked application at a stage: numbered in its county and year (one number at a time, under the
     * county's lock), written with its budget.
     */
    Filed file(Application a, Region region, ProjectStage stage, Actor me) {
        String county = county(region);
        jdbc.sql("select pg_advisory_xact_lock(hashtext('project_no:' || ?))")
                .param(county)
                .query()
                .listOfRows();
        String prefix = county.substring(0, 6) + "-" + a.year() + "-";
        long seq = jdbc.sql(
                        "select coalesce(max(substr(project_no, ?)::int), 0) + 1 from project where project_no like ?")
                .params(prefix.length() + 1, prefix + "%")
                .query(Long.class)
                .single();
        String no = prefix + String.format("%04d", seq);
        long id = jdbc.sql("""
                        insert into project (project_no, region_code, county_code, year, name, type, subtype, department,
                            place, content, implementer, responsible, household_level, benefit_links,
                            planned_households, planned_persons, planned_poor_households, planned_labour_pay, targets,
                            stage, applied_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?::jsonb, ?, ?)
                        returning id""")
                .params(
                        no,
                        region.code(),
                        county,
                        a.year(),
                        a.name().strip(),
                        a.type().name(),
                        AssetRows.strip(a.subtype()),
                        a.department().name(),
                        a.place().strip(),
                        a.content().strip(),
                        AssetRows.strip(a.implementer()),
                        AssetRows.strip(a.responsible()),
                        Boolean.TRUE.equals(a.householdLevel()),
                        a.benefitLinks().stream().distinct().map(Enum::name).toArray(String[]::new),
                        orZero(a.plannedHouseholds()),
                        orZero(a.plannedPersons()),
                        orZero(a.plannedPoorHouseholds()),
                        a.plannedLabourPay(),
                        json.writeValueAsString(targets(a)),
                        stage.name(),
                        me.username())
                .query(Long.class)
                .single();
        writeBudget(id, a.budget());
        return new Filed(id, no);
    }

    /** The day applied on (none: today). */
    LocalDate appliedOn(Application a) {
        return a.appliedOn() == null ? LocalDate.now(clock) : a.appliedOn();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static int orZero(Integer i) {
        return i == null ? 0 : i;
    }
}
