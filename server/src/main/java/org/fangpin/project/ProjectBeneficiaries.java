package org.fangpin.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RegistryLedgers;
import org.fangpin.security.Actor;
import org.fangpin.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 利益联结 (004:125, 004:261, 004:479): the households a project reaches and how — by one of the ways the project
 * names that reach households one by one (务工, 入股分红, 到户补助 …; 普惠受益 and 村集体增收 list none) — with what each
 * was to get and got. Households are the registry's, in the project's region and the caller's scope; the list is
 * replaced as a whole (the project's version, 412 when stale), a step on the timeline and audited. A department
 * reads the counts, not the households.
 */
@Service
public class ProjectBeneficiaries {

    /** Ways that reach no household one by one: a project of these lists none. */
    static final Set<BenefitLink> WIDE = EnumSet.of(BenefitLink.VILLAGE_WIDE, BenefitLink.COLLECTIVE_INCOME);

    /** A household a project reaches, as sent. */
    @Schema(name = "NewBeneficiary")
    public record NewBeneficiary(
            Long householdId, BenefitLink way, BigDecimal planned, BigDecimal actual, String note) {}

    /** A household a project reaches, with its number, head and whether it is monitored now. */
    @Schema(name = "ProjectBeneficiary")
    public record Beneficiary(
            long householdId,
            String householdNo,
            String headName,
            boolean monitored,
            BenefitLink way,
            BigDecimal planned,
            BigDecimal actual,
            String note) {}

    /** A project's beneficiaries and their totals (a department gets only the totals). */
    @Schema(name = "ProjectBeneficiaries")
    public record Beneficiaries(
            List<Beneficiary> items, long households, long monitored, BigDecimal planned, BigDecimal actual) {}

    private final JdbcClient jdbc;
    private final ProjectMoves moves;
    private final Registry registry;
    private final RegionDirectory regions;
    private final Funds funds;
    private final Actor.Current actor;
    private final Messages messages;

    ProjectBeneficiaries(
            JdbcClient jdbc,
            ProjectMoves moves,
            Registry registry,
            RegionDirectory regions,
            Funds funds,
            Actor.Current actor,
            Messages messages) {
        this.jdbc = jdbc;
        this.moves = moves;
        this.registry = registry;
        this.regions = regions;
        this.funds = funds;
        this.actor = actor;
        this.messages = messages;
    }

    /** The households a project of the caller's reach reaches (a department: the totals only). */
    @Transactional(readOnly = true)
    public Beneficiaries of(long projectId) {
        moves.get(projectId);
        boolean department = actor.get().map(a -> a.role() == Role.DEPARTMENT).orElse(false);
        List<Beneficiary> items = jdbc.sql("select b.*, m.household_no, m.head_name, m.monitoring_state"
                        + " from project_beneficiary b left join (" + RegistryLedgers.MARKS
                        + ") m on m.household_id = b.household_id where b.project_id = ? order by b.id")
                .param(projectId)
                .query((rs, n) -> new Beneficiary(
                        rs.getLong("household_id"),
                        rs.getString("household_no"),
                        rs.getString("head_name"),
                        MonitoringState.MONITORED.name().equals(rs.getString("monitoring_state")),
                        BenefitLink.valueOf(rs.getString("way")),
                        rs.getBigDecimal("planned"),
                        rs.getBigDecimal("actual"),
                        rs.getString("note")))
                .list();
        long households =
                items.stream().map(Beneficiary::householdId).distinct().count();
        long monitored = items.stream()
                .filter(Beneficiary::monitored)
                .map(Beneficiary::householdId)
                .distinct()
                .count();
        BigDecimal planned = sum(items.stream().map(Beneficiary::planned).toList());
        BigDecimal actual = sum(items.stream().map(Beneficiary::actual).toList());
        return new Beneficiaries(department ? List.of() : items, households, monitored, planned, actual);
    }

    private static BigDecimal sum(List<BigDecimal> values) {
        return values.stream().filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * Replaces a project's list by a village, township or county user: each household of the registry in the
     * project's region and the caller's scope, by a way the project names that reaches households one by one, once
     * per way; amounts 0 or more with at most two decimals. 422 with each row's reason, nothing changed.
     */
    @Transactional
    public Beneficiaries replace(long projectId, int version, List<NewBeneficiary> list) {
        Actor me = moves.requireRole(Role.VILLAGE, Role.TOWNSHIP, Role.COUNTY);
        // a refused project reaches nobody; a listed one may be planned ahead, a closed one's list corrected
        Projects.Project p = moves.at(
                projectId,
                version,
                EnumSet.complementOf(EnumSet.of(ProjectStage.REJECTED)).toArray(ProjectStage[]::new));
        List<NewBeneficiary> rows = list == null ? List.of() : list;
        List<FieldProblem> problems = new ArrayList<>();
        if (rows.size() > 5000) {
            problems.add(FieldProblem.of("beneficiaries", messages.get("project.too-many", 5000)));
        }
        Set<Long> ids = new HashSet<>();
        rows.forEach(r -> {
            if (r != null && r.householdId() != null) {
                ids.add(r.householdId());
            }
        });
        Map<Long, Registry.Standing> found = registry.standings(ids);
        var region = regions.find(p.region()).orElseThrow();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size() && problems.size() < 200; i++) {
            NewBeneficiary r = rows.get(i);
            String f = "beneficiaries[" + i + "]";
            if (r == null) {
                problems.add(FieldProblem.of(f, messages.get("project.required")));
                continue;
            }
            Registry.Standing st = r.householdId() == null ? null : found.get(r.householdId());
            if (st == null || !region.subtree().contains(st.villageCode())) {
                problems.add(FieldProblem.of(f + ".householdId", messages.get("project.beneficiary.household")));
            }
            if (r.way() == null || WIDE.contains(r.way()) || !p.benefitLinks().contains(r.way())) {
                problems.add(FieldProblem.of(f + ".way", messages.get("project.beneficiary.way")));
            } else if (!seen.add(r.householdId() + ":" + r.way())) {
                problems.add(FieldProblem.of(f + ".way", messages.get("project.beneficiary.twice")));
            }
            amount(problems, f + ".planned", r.planned());
            amount(problems, f + ".actual", r.actual());
            funds.optionalText(problems, f + ".note", r.note(), 500);
        }
        ProjectMoves.raise(problems);
        List<String> before = jdbc.sql("select household_id || ':' || way || ':' || coalesce(planned::text, '')"
                        + " || ':' || coalesce(actual::text, '') from project_beneficiary where project_id = ?"
                        + " order by id")
                .param(projectId)
                .query(String.class)
                .list();
        jdbc.sql("delete from project_beneficiary where project_id = ?")
                .param(projectId)
                .update();
        for (NewBeneficiary r : rows) {
            jdbc.sql("""
                            insert into project_beneficiary (project_id, household_id, way, planned, actual, note,
                                recorded_by) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            projectId,
                            r.householdId(),
                            r.way().name(),
                            r.planned(),
                            r.actual(),
                            AssetRows.strip(r.note()),
                            me.username())
                    .update();
        }
        // the lists before and after (household:way:planned:actual), so that who was dropped or changed stays known
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("households", ids.size());
        d.put("rows", rows.size());
        d.put("before", before);
        d.put(
                "after",
                rows.stream()
                        .map(r -> r.householdId() + ":" + r.way().name() + ":"
                                + (r.planned() == null ? "" : r.planned().toPlainString()) + ":"
                                + (r.actual() == null ? "" : r.actual().toPlainString()))
                        .toList());
        moves.touch(p, ProjectAction.BENEFICIARIES, moves.today(), d, me);
        return of(projectId);
    }

    private void amount(List<FieldProblem> problems, String field, BigDecimal v) {
        if (v != null && (v.signum() < 0 || (v.signum() > 0 && !Funds.validMoney(v)))) {
            problems.add(FieldProblem.of(field, messages.get("asset.valuation")));
        }
    }
}
