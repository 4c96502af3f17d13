package org.fangpin.quality;

import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fangpin.assessment.FieldChecks;
import org.fangpin.casework.CaseworkLedgers;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 县级对账: per county of the caller's reach, whether its records agree with each other (账账相符: the registry beside
 * the assistance plans and the identification and elimination cases) and with what is found outside them (账实相符:
 * the registry beside the departments' data — the households the lake's data-quality checks still find — and beside
 * the field checks of the draws the caller may read). Today's registry; each figure a count of households.
 */
@Service
public class Reconciliations {

    /**
     * A county's reconciliation.
     *
     * @param name the county's name; for a user of a township or village, the name of that part of it, whose figures
     *     the row holds
     * @param monitoredWithoutPlan 监测对象 with no assistance plan (records disagree)
     * @param monitoredWithCase 监测对象 whose inclusion an identification case decided (those without were mostly
     *     included before the platform: shown, not judged)
     * @param eliminatedWithCase 风险已消除 households whose elimination a case decided (likewise)
     * @param decidedButMonitored households a case decided eliminated since their monitoring began that the registry
     *     still shows monitored (records disagree)
     * @param feedFindings households the active checks against the departments' data still find (open or said fixed)
     * @param checked households checked in the field in the draws the caller may read, each by its latest check; null
     *     when there are none, or the caller may not read draws
     * @param checkedWrong of them, found wrongly exited or missed (错退, 漏评)
     */
    public record CountyReconciliation(
            String county,
            String name,
            long monitored,
            long monitoredWithoutPlan,
            long monitoredWithCase,
            long eliminated,
            long eliminatedWithCase,
            long decidedButMonitored,
            long feedFindings,
            Long checked,
            Long checkedWrong) {

        /** 账账相符: every monitored household has a plan, no decided elimination is missing from the registry. */
        public boolean recordsAgree() {
            return monitoredWithoutPlan == 0 && decidedButMonitored == 0;
        }

        /** 账实相符: the departments' data find nothing open, the field found no household wrongly judged. */
        public boolean factsAgree() {
            return feedFindings == 0 && (checkedWrong == null || checkedWrong == 0);
        }
    }

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final QualityChecks checks;
    private final FieldChecks fieldChecks;
    private final Permissions permissions;
    private final Clock clock;

    Reconciliations(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            QualityChecks checks,
            FieldChecks fieldChecks,
            Permissions permissions,
            Clock clock) {
        this.permissions = permissions;
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.checks = checks;
        this.fieldChecks = fieldChecks;
        this.clock = clock;
    }

    /** The counties of the caller's reach, or of a region in it (404 for one that does not exist), by code. */
    @Transactional(readOnly = true)
    public List<CountyReconciliation> counties(String region) {
        Map<String, Object> p = new HashMap<>();
        StringBuilder where = new StringBuilder(dataScope.current().condition("h.village_code", p));
        if (region != null && !region.isBlank()) {
            Region r = regions.find(region).orElseThrow(() -> ApiException.notFound("region.not-found", region));
            where.append(" and h.village_code between :rlo and :rhi");
            p.put("rlo", r.subtree().low());
            p.put("rhi", r.subtree().high());
        }
        Map<String, long[]> rows = new TreeMap<>();
        jdbc.sql("""
                        select substr(h.village_code, 1, 6) || '000000' as county,
                               count(*) filter (where h.monitoring_state = 'MONITORED'),
                               count(*) filter (where h.monitoring_state = 'MONITORED' and not exists (
                                   select 1 from (%1$s) pl where pl.household_id = h.household_id)),
                               count(*) filter (where h.monitoring_state = 'MONITORED' and exists (
                                   select 1 from (%2$s) c where c.household_id = h.household_id
                                     and c.kind = 'IDENTIFICATION' and c.stage = 'INCLUDED')),
                               count(*) filter (where h.monitoring_state = 'ELIMINATED'),
                               count(*) filter (where h.monitoring_state = 'ELIMINATED' and exists (
                                   select 1 from (%2$s) c where c.household_id = h.household_id
                                     and c.kind = 'ELIMINATION' and c.stage = 'ELIMINATED')),
                               count(*) filter (where h.monitoring_state = 'MONITORED' and exists (
                                   select 1 from (%2$s) c where c.household_id = h.household_id
                                     and c.kind = 'ELIMINATION' and c.stage = 'ELIMINATED'
                                     and c.closed_on >= h.monitoring_since))
                        from household h
                        where h.valid_to is null and not h.deleted and %3$s
                        group by 1""".formatted(CaseworkLedgers.PLANS, CaseworkLedgers.cases(clock.getZone()), where))
                .params(p)
                .query((ResultSet rs) -> {
                    long[] v = new long[7];
                    for (int i = 0; i < 6; i++) {
                        v[i] = rs.getLong(i + 2);
                    }
                    rows.put(rs.getString(1), v);
                });
        List<String> lakeChecks = checks.list().stream()
                .filter(c -> c.active() && c.source() == QualitySource.LAKE)
                .map(QualityChecks.QualityCheck::code)
                .toList();
        Map<String, Object> q = new HashMap<>(p);
        q.put("checks", lakeChecks.toArray(String[]::new));
        jdbc.sql(("select substr(h.village_code, 1, 6) || '000000', count(distinct h.household_id)"
                                + " from quality_issue h where h.state in ('OPEN', 'FIXED')"
                                + " and h.check_code = any(:checks) and ")
                        + where
                        + " group by 1")
                .params(q)
                .query((ResultSet rs) -> {
                    long[] v = rows.get(rs.getString(1));
                    if (v != null) {
                        v[6] = rs.getLong(2);
                    }
                });
        // what the field found only for those who may read draws (考核评估与抽查, 实地核查)
        Map<String, FieldChecks.CountyChecks> field =
                permissions.has(Permission.ASSESSMENT_MANAGE) || permissions.has(Permission.FIELD_CHECK)
                        ? fieldChecks.byCounty()
                        : Map.of();
        Map<String, String> names = regions.names(rows.keySet());
        // a township's or village's user reads its own part of the county: the row is named after that part
        Optional<String> part = dataScope
                .current()
                .home()
                .filter(h -> h.level().number() > RegionLevel.COUNTY.number())
                .map(Region::name);
        List<CountyReconciliation> out = new ArrayList<>();
        rows.forEach((code, v) -> {
            FieldChecks.CountyChecks f = field.get(code);
            out.add(new CountyReconciliation(
                    code,
                    part.orElse(names.getOrDefault(code, code)),
                    v[0],
                    v[1],
                    v[2],
                    v[3],
                    v[4],
                    v[5],
                    v[6],
                    f == null ? null : f.checked(),
                    f == null ? null : f.wrong()));
        });
        return out;
    }
}
