package org.fangpin.assessment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.Labelled;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 考核评估 plans (004:595): a province or city assesses counties in its scope — 年度, 平时, 交叉 or 第三方 — over a period
 * up to a day. A county is assessed at most {@code county_assessments_per_year_max} times a year (2, 004:399: the
 * next is refused, 409), 平时考核 — what departments already hold, no visit — not counted; a 第三方评估 opened below the province waits for the province's approval on record (004:399).
 * Scoring computes every active indicator for each county as of the plan's day and keeps the figures with their
 * inputs ({@link Scorecards}); nothing changes them afterwards. The kept scorecards, the organiser's narrative and a
 * county's self-assessment are read and written through {@link PlanScorecards}.
 */
@Service
public class AssessmentPlans {

    /** A plan as asked for: counties of the caller's scope; period from (default 1 January) to the day (31 December). */
    public record PlanRequest(
            String name,
            PlanKind kind,
            Integer year,
            LocalDate periodFrom,
            LocalDate asOf,
            String assessor,
            List<String> counties) {}

    /** A county of a plan and its result once scored. */
    public record PlanCounty(String code, String name, ScorecardResult result) {}

    /** A plan, with the counties the caller may read. */
    public record AssessmentPlan(
            long id,
            String name,
            PlanKind kind,
            int year,
            LocalDate periodFrom,
            LocalDate asOf,
            String assessor,
            String organiserRegion,
            String organiserRegionName,
            String openedBy,
            Instant openedAt,
            PlanApproval approval,
            String approvedBy,
            Instant approvedAt,
            String approvalNote,
            String scoredBy,
            Instant scoredAt,
            List<PlanCounty> counties,
            int version) {}

    /** The province's decision on a 第三方评估 opened below it. */
    public record ApprovalDecision(Boolean approve, String note) {}

    /** What a scorecard comes to: every hard indicator met, one not met, or one without a figure. */
    public enum ScorecardResult implements Labelled {
        PASSED("达标", "Passed"),
        FAILED("未达标", "Failed"),
        INCOMPLETE("数据不全", "Incomplete");

        private final String zh;
        private final String en;

        ScorecardResult(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }

        @Override
        public String zh() {
            return zh;
        }

        @Override
        public String en() {
            return en;
        }

        /** Failed when a hard indicator is not met; incomplete when one has no figure; passed otherwise. */
        public static ScorecardResult of(List<Scorecards.IndicatorResult> results) {
            if (results.stream().anyMatch(r -> r.hard() && Boolean.FALSE.equals(r.met()))) {
                return FAILED;
            }
            return results.stream().anyMatch(r -> r.hard() && r.met() == null) ? INCOMPLETE : PASSED;
        }
    }

    private static final int MAX_COUNTIES = 500;

    private final JdbcClient jdbc;
    private final Scorecards scorecards;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final PolicyParameters parameters;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Messages messages;

    AssessmentPlans(
            JdbcClient jdbc,
            Scorecards scorecards,
            DataScope dataScope,
            RegionDirectory regions,
            PolicyParameters parameters,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Messages messages) {
        this.jdbc = jdbc;
        this.scorecards = scorecards;
        this.dataScope = dataScope;
        this.regions = regions;
        this.parameters = parameters;
        this.actor = actor;
        this.events = events;
        this.messages = messages;
    }

    /**
     * Opens a plan. 422 with each field's reason (a county not in the caller's scope or not a county, a period the
     * wrong way round or outside the year, a 第三方评估 without its assessor); 409 when a county would be assessed
     * more often in the year than the parameter allows.
     */
    @Transactional
    public AssessmentPlan open(PlanRequest r) {
        Actor me = organiser();
        List<FieldProblem> problems = new ArrayList<>();
        Required.text(messages, problems, "name", r.name(), 200);
        if (r.kind() == null) {
            problems.add(FieldProblem.of("kind", messages.get("assessment.finding.required")));
        }
        int year = r.year() != null ? r.year() : r.asOf() != null ? r.asOf().getYear() : 0;
        if (year < 2013 || year > 2100) {
            problems.add(FieldProblem.of("year", messages.get("assessment.plan.year")));
        }
        LocalDate from = r.periodFrom() != null || year == 0 ? r.periodFrom() : LocalDate.of(year, 1, 1);
        LocalDate asOf = r.asOf() != null || year == 0 ? r.asOf() : LocalDate.of(year, 12, 31);
        if (from == null || asOf == null || from.isAfter(asOf) || asOf.getYear() != year) {
            problems.add(FieldProblem.of("asOf", messages.get("assessment.plan.period")));
        }
        if (r.kind() == PlanKind.THIRD_PARTY
                && (r.assessor() == null || r.assessor().isBlank())) {
            problems.add(FieldProblem.of("assessor", messages.get("assessment.plan.assessor")));
        } else if (r.assessor() != null && r.assessor().strip().length() > 200) {
            problems.add(FieldProblem.of("assessor", messages.get("assessment.finding.too-long", Messages.count(200))));
        }
        Set<String> counties = new LinkedHashSet<>(r.counties() == null ? List.of() : r.counties());
        if (counties.isEmpty() || counties.size() > MAX_COUNTIES) {
            problems.add(FieldProblem.of(
                    "counties", messages.get("assessment.plan.counties", Messages.count(MAX_COUNTIES))));
        }
        for (String c : counties) {
            Region region = c == null ? null : regions.find(c).orElse(null);
            // a county never assesses itself officially: its own figures are a self-assessment
            if (region == null
                    || region.level() != RegionLevel.COUNTY
                    || region.validTo() != null
                    || region.code().equals(me.regionCode())
                    || !dataScope.current().covers(region.code())) {
                problems.add(FieldProblem.of("counties", messages.get("assessment.plan.county", c)));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        // plans are opened one at a time, so that two cannot both take a county's last place in the year
        jdbc.sql("lock table assessment_plan_county in share row exclusive mode")
                .update();
        List<String> full = new ArrayList<>();
        // 平时考核 reads what departments already hold and visits nobody: it does not count
        for (String c : r.kind() == PlanKind.REGULAR ? Set.<String>of() : counties) {
            int most = parameters
                    .resolve(RegionCode.province(c), asOf)
                    .get("county_assessments_per_year_max")
                    .value()
                    .intValue();
            int held = jdbc.sql("""
                            select count(*) from assessment_plan_county pc join assessment_plan p on p.id = pc.plan_id
                            where pc.county_code = ? and p.year = ? and p.approval <> 'REFUSED'
                              and p.kind <> 'REGULAR'""").params(c, year).query(Integer.class).single();
            if (held >= most) {
                full.add(regions.find(c).map(Region::name).orElse(c));
            }
        }
        if (!full.isEmpty()) {
            throw ApiException.conflict("assessment.plan.too-many", String.join("、", full), Messages.count(year));
        }
        boolean belowProvince = !RegionCode.province(me.regionCode()).equals(me.regionCode());
        PlanApproval approval =
                r.kind() == PlanKind.THIRD_PARTY && belowProvince ? PlanApproval.PENDING : PlanApproval.NOT_NEEDED;
        long id = jdbc.sql("""
                        insert into assessment_plan (name, kind, year, period_from, as_of, assessor, organiser_region,
                            opened_by, approval)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        r.name().strip(),
                        r.kind().name(),
                        year,
                        from,
                        asOf,
                        r.assessor() == null || r.assessor().isBlank()
                                ? null
                                : r.assessor().strip(),
                        me.regionCode(),
                        me.username(),
                        approval.name())
                .query(Long.class)
                .single();
        for (String c : counties) {
            jdbc.sql("insert into assessment_plan_county (plan_id, county_code) values (?, ?)")
                    .params(id, c)
                    .update();
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", r.name().strip());
        after.put("kind", r.kind().name());
        after.put("year", year);
        after.put("periodFrom", from.toString());
        after.put("asOf", asOf.toString());
        after.put("counties", List.copyOf(counties));
        after.put("approval", approval.name());
        events.publishEvent(new AuditableChange(
                "assessment_plan", Long.toString(id), "ASSESSMENT_PLAN_OPENED", null, after, me.regionCode()));
        return get(id);
    }

    /**
     * The province decides on a 第三方评估 opened below it (403 for anyone but a user of that province; 409 when no
     * approval is awaited; a refusal needs its reason).
     */
    @Transactional
    public AssessmentPlan decide(long id, int expectedVersion, ApprovalDecision d) {
        Actor me = organiser();
        AssessmentPlan p = find(id, true);
        String province = RegionCode.province(p.organiserRegion());
        if (!me.regionCode().equals(province)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "assessment.plan.not-province", List.of(), id);
        }
        if (p.version() != expectedVersion) {
            throw ApiException.preconditionFailed("assessment.plan.stale", id);
        }
        if (p.approval() != PlanApproval.PENDING) {
            throw ApiException.conflict("assessment.plan.no-approval", id);
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (d.approve() == null) {
            problems.add(FieldProblem.of("approve", messages.get("assessment.finding.required")));
        }
        if (Boolean.FALSE.equals(d.approve())) {
            Required.text(messages, problems, "note", d.note(), 2000);
        } else if (d.note() != null && d.note().strip().length() > 2000) {
            problems.add(FieldProblem.of("note", messages.get("assessment.finding.too-long", Messages.count(2000))));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        PlanApproval to = d.approve() ? PlanApproval.APPROVED : PlanApproval.REFUSED;
        String note = d.note() == null || d.note().isBlank() ? null : d.note().strip();
        jdbc.sql("""
                        update assessment_plan set approval = ?, approved_by = ?, approved_at = now(),
                            approval_note = ?, version = version + 1 where id = ?""").params(to.name(), me.username(), note, id).update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("approval", to.name());
        after.put("note", note);
        events.publishEvent(new AuditableChange(
                "assessment_plan",
                Long.toString(id),
                d.approve() ? "ASSESSMENT_PLAN_APPROVED" : "ASSESSMENT_PLAN_REFUSED",
                Map.of("approval", p.approval().name()),
                after,
                p.organiserRegion()));
        return get(id);
    }

    /**
     * Scores the plan: each county's indicators as of the plan's day, kept with their inputs. 403 below the
     * organising level; 409 when it waits for or was refused approval, was scored already, or its day is still to
     * come.
     */
    @Transactional
    public AssessmentPlan score(long id, int expectedVersion) {
        organiser();
        AssessmentPlan p = find(id, true);
        if (!dataScope.current().covers(p.organiserRegion())) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "assessment.plan.not-organiser", List.of(), id);
        }
        if (p.version() != expectedVersion) {
            throw ApiException.preconditionFailed("assessment.plan.stale", id);
        }
        if (p.approval() == PlanApproval.PENDING || p.approval() == PlanApproval.REFUSED) {
            throw ApiException.conflict("assessment.plan.not-approved", id);
        }
        if (p.scoredAt() != null) {
            throw ApiException.conflict("assessment.plan.scored", id);
        }
        if (p.asOf().isAfter(scorecards.today())) {
            throw ApiException.conflict(
                    "assessment.plan.too-early", id, p.asOf().toString());
        }
        Map<String, String> results = new LinkedHashMap<>();
        for (String county : counties(id).keySet()) {
            ScorecardResult result = ScorecardResult.of(scorecards.freeze(id, county, p.periodFrom(), p.asOf()));
            jdbc.sql("update assessment_plan_county set result = ? where plan_id = ? and county_code = ?")
                    .params(result.name(), id, county)
                    .update();
            results.put(county, result.name());
        }
        String user = actor.username();
        jdbc.sql("update assessment_plan set scored_by = ?, scored_at = now(), version = version + 1 where id = ?")
                .params(user, id)
                .update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("results", results);
        events.publishEvent(new AuditableChange(
                "assessment_plan", Long.toString(id), "ASSESSMENT_PLAN_SCORED", null, after, p.organiserRegion()));
        return get(id);
    }

    /** A plan the caller may read: organised in their scope or above it with a county of theirs (404 otherwise). */
    @Transactional(readOnly = true)
    public AssessmentPlan get(long id) {
        return find(id, false);
    }

    /** Plans the caller may read, the newest first. */
    @Transactional(readOnly = true)
    public List<AssessmentPlan> list(Integer year, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("limit", Math.max(1, Math.min(limit, 500)));
        String where = visible(params);
        if (year != null) {
            where += " and p.year = :year";
            params.put("year", year);
        }
        List<AssessmentPlan> plans = jdbc.sql("select p.* from assessment_plan p where " + where
                        + " order by p.year desc, p.id desc limit :limit")
                .params(params)
                .query(this::plan)
                .list();
        return plans.stream().map(this::withCounties).toList();
    }

    /** The plan locked for a change of one of its counties (404 when the caller may not read it). */
    AssessmentPlan lock(long id) {
        return find(id, true);
    }

    private Actor organiser() {
        return actor.get()
                .filter(a -> a.regionCode() != null)
                .orElseThrow(() ->
                        new ApiException(HttpStatus.FORBIDDEN, "forbidden", "assessment.finding.no-region", List.of()));
    }

    /** Readable: the caller's scope covers the organiser, or one of the plan's counties. */
    private String visible(Map<String, Object> params) {
        String organiser = dataScope.current().condition("p.organiser_region", params);
        String county = dataScope.current().condition("pc.county_code", params);
        return "(" + organiser + " or exists (select 1 from assessment_plan_county pc where pc.plan_id = p.id and "
                + county + "))";
    }

    private AssessmentPlan find(long id, boolean lock) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        return jdbc.sql("select p.* from assessment_plan p where p.id = :id and " + visible(params)
                        + (lock ? " for update of p" : ""))
                .params(params)
                .query(this::plan)
                .optional()
                .map(this::withCounties)
                .orElseThrow(() -> ApiException.notFound("assessment.plan.not-found", id));
    }

    /** A plan's counties, each with its result once scored (null before). */
    private Map<String, ScorecardResult> counties(long id) {
        Map<String, ScorecardResult> out = new LinkedHashMap<>();
        jdbc.sql("select county_code, result from assessment_plan_county where plan_id = ? order by county_code")
                .param(id)
                .query((ResultSet rs) -> {
                    String result = rs.getString(2);
                    out.put(rs.getString(1), result == null ? null : ScorecardResult.valueOf(result));
                });
        return out;
    }

    /** The plan with the counties the caller may read: all when they cover the organiser, else their own. */
    private AssessmentPlan withCounties(AssessmentPlan p) {
        boolean organiser = dataScope.current().covers(p.organiserRegion());
        Map<String, ScorecardResult> all = counties(p.id());
        List<String> codes = all.keySet().stream()
                .filter(c -> organiser || dataScope.current().covers(c))
                .toList();
        Set<String> named = new LinkedHashSet<>(codes);
        named.add(p.organiserRegion());
        Map<String, String> names = regions.names(named);
        List<PlanCounty> counties = new ArrayList<>();
        for (String c : codes) {
            counties.add(new PlanCounty(c, names.getOrDefault(c, c), all.get(c)));
        }
        return new AssessmentPlan(
                p.id(),
                p.name(),
                p.kind(),
                p.year(),
                p.periodFrom(),
                p.asOf(),
                p.assessor(),
                p.organiserRegion(),
                names.getOrDefault(p.organiserRegion(), p.organiserRegion()),
                p.openedBy(),
                p.openedAt(),
                p.approval(),
                p.approvedBy(),
                p.approvedAt(),
                p.approvalNote(),
                p.scoredBy(),
                p.scoredAt(),
                counties,
                p.version());
    }

    private AssessmentPlan plan(ResultSet rs, int i) throws SQLException {
        return new AssessmentPlan(
                rs.getLong("id"),
                rs.getString("name"),
                PlanKind.valueOf(rs.getString("kind")),
                rs.getInt("year"),
                rs.getObject("period_from", LocalDate.class),
                rs.getObject("as_of", LocalDate.class),
                rs.getString("assessor"),
                rs.getString("organiser_region"),
                null,
                rs.getString("opened_by"),
                instant(rs, "opened_at"),
                PlanApproval.valueOf(rs.getString("approval")),
                rs.getString("approved_by"),
                instant(rs, "approved_at"),
                rs.getString("approval_note"),
                rs.getString("scored_by"),
                instant(rs, "scored_at"),
                List.of(),
                rs.getInt("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
