package org.fangpin.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.Registry;
import org.fangpin.security.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The checks of an asset's place, title and sources shared by its registration and its amendments. */
@Component
class AssetChecks {

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Registry registry;
    private final Funds funds;
    private final Messages messages;

    AssetChecks(
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Registry registry,
            Funds funds,
            Messages messages) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.registry = registry;
        this.funds = funds;
        this.messages = messages;
    }

    /** The asset's place: a region of the caller's reach at county level or below, current. */
    Region region(String code, List<FieldProblem> problems) {
        Region r = code == null ? null : regions.find(code).orElse(null);
        if (r == null
                || r.validTo() != null
                || (r.level() != RegionLevel.COUNTY
                        && r.level() != RegionLevel.TOWNSHIP
                        && r.level() != RegionLevel.VILLAGE)
                || !dataScope.current().covers(r.code())) {
            problems.add(FieldProblem.of("region", messages.get("asset.region")));
            return null;
        }
        return r;
    }

    String county(Region region) {
        if (region.level() == RegionLevel.COUNTY) {
            return region.code();
        }
        return regions.ancestors(region.code()).stream()
                .filter(r -> r.level() == RegionLevel.COUNTY)
                .map(Region::code)
                .findFirst()
                .orElseThrow(() -> ApiException.invalid("region", messages.get("asset.region")));
    }

    /** The title and the arrangements its class needs, checked. */
    record Title(
            TitleLevel level,
            String holder,
            Long household,
            String operator,
            String mode,
            String plan,
            String custodian,
            String person,
            String rule) {}

    Title title(AssetClass cls, Region region, Assets.Change c, Actor me, List<FieldProblem> problems) {
        TitleLevel level = c.titleLevel();
        if (level == null) {
            problems.add(FieldProblem.of("titleLevel", messages.get("project.required")));
        } else if (cls == AssetClass.HOUSEHOLD && level != TitleLevel.HOUSEHOLD
                || cls != null && cls != AssetClass.HOUSEHOLD && level == TitleLevel.HOUSEHOLD) {
            problems.add(FieldProblem.of("titleLevel", messages.get("asset.household-class")));
        } else if (region != null && !fits(level, region.level())) {
            problems.add(FieldProblem.of("titleLevel", messages.get("asset.title-region")));
        } else if (!AssetRows.mayEdit(me, level)) {
            problems.add(FieldProblem.of("titleLevel", messages.get("asset.level", level.label(AssetRows.locale()))));
        }
        funds.text(problems, "holder", c.holder(), 200);
        Long household = null;
        if (level == TitleLevel.HOUSEHOLD) {
            Registry.Standing st = c.holderHouseholdId() == null
                    ? null
                    : registry.standings(List.of(c.holderHouseholdId())).get(c.holderHouseholdId());
            if (st == null || region == null || !st.villageCode().equals(region.code())) {
                problems.add(FieldProblem.of("holderHouseholdId", messages.get("asset.holder-household")));
            } else {
                household = st.id();
            }
        }
        boolean operating = cls == AssetClass.OPERATING;
        boolean welfare = cls == AssetClass.PUBLIC_WELFARE;
        if (operating) {
            funds.text(problems, "operator", c.operator(), 200);
            funds.text(problems, "distributionPlan", c.distributionPlan(), 2000);
        } else {
            funds.optionalText(problems, "operator", c.operator(), 200);
            funds.optionalText(problems, "distributionPlan", c.distributionPlan(), 2000);
        }
        funds.optionalText(problems, "operatingMode", c.operatingMode(), 200);
        if (welfare) {
            funds.text(problems, "custodian", c.custodian(), 200);
            funds.text(problems, "custodianPerson", c.custodianPerson(), 100);
        } else {
            funds.optionalText(problems, "custodian", c.custodian(), 200);
            funds.optionalText(problems, "custodianPerson", c.custodianPerson(), 100);
        }
        funds.optionalText(problems, "custodyRule", c.custodyRule(), 2000);
        return new Title(
                level,
                AssetRows.strip(c.holder()),
                household,
                AssetRows.strip(c.operator()),
                AssetRows.strip(c.operatingMode()),
                AssetRows.strip(c.distributionPlan()),
                AssetRows.strip(c.custodian()),
                AssetRows.strip(c.custodianPerson()),
                AssetRows.strip(c.custodyRule()));
    }

    /** Whether an asset placed at a region's level may be titled at a level (a village's assets at the village). */
    private static boolean fits(TitleLevel title, RegionLevel place) {
        return switch (title) {
            case VILLAGE, HOUSEHOLD -> place == RegionLevel.VILLAGE;
            case TOWNSHIP -> place == RegionLevel.VILLAGE || place == RegionLevel.TOWNSHIP;
            case COUNTY, OPERATOR -> true;
        };
    }

    /** A project named by a source: accepted, of the asset's county, in the caller's reach. */
    record ProjectRef(long id, String projectNo, BigDecimal cost) {}

    Map<Long, ProjectRef> sources(
            List<Assets.Source> sources, String county, LocalDate formedOn, List<FieldProblem> problems) {
        Set<String> pairs = new HashSet<>();
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
        for (int i = 0; i < sources.size(); i++) {
            Assets.Source s = sources.get(i);
            String f = "sources[" + i + "]";
            if (s == null) {
                problems.add(FieldProblem.of(f, messages.get("project.required")));
                continue;
            }
            if (s.source() == null) {
                problems.add(FieldProblem.of(f + ".source", messages.get("project.required")));
            }
            funds.money(problems, f + ".amount", s.amount());
            if (!pairs.add(s.projectId() + ":" + s.source())) {
                problems.add(FieldProblem.of(f + ".source", messages.get("project.budget-source")));
            }
            if (s.projectId() != null) {
                ids.add(s.projectId());
            }
        }
        // the projects of the caller's reach locked in the order of their ids: two registrations naming the same
        // projects wait for each other instead of deadlocking
        Map<Long, Map<String, Object>> rows = new HashMap<>();
        if (!ids.isEmpty()) {
            Map<String, Object> p = new HashMap<>();
            p.put("ids", ids.toArray(Long[]::new));
            String where = dataScope.current().condition("p.region_code", p);
            jdbc.sql("select p.id, p.project_no, p.stage, p.county_code, p.final_cost, p.accepted_on from project p"
                            + " where p.id = any(:ids) and " + where + " order by p.id for update of p")
                    .params(p)
                    .query()
                    .listOfRows()
                    .forEach(r -> rows.put(((Number) r.get("id")).longValue(), r));
        }
        Map<Long, ProjectRef> projects = new java.util.TreeMap<>();
        for (int i = 0; i < sources.size(); i++) {
            Assets.Source s = sources.get(i);
            if (s == null || s.projectId() == null || projects.containsKey(s.projectId())) {
                continue;
            }
            Map<String, Object> row = rows.get(s.projectId());
            if (row == null
                    || !Assets.ACCEPTED.contains(ProjectStage.valueOf((String) row.get("stage")))
                    || !row.get("county_code").equals(county)) {
                problems.add(FieldProblem.of("sources[" + i + "].projectId", messages.get("asset.project")));
                continue;
            }
            LocalDate accepted = ((java.sql.Date) row.get("accepted_on")).toLocalDate();
            if (formedOn != null && formedOn.isBefore(accepted)) {
                problems.add(FieldProblem.of("formedOn", messages.get("asset.formed-on", accepted)));
            }
            projects.put(s.projectId(), new ProjectRef(s.projectId(), (String) row.get("project_no"), (BigDecimal)
                    row.get("final_cost")));
        }
        return projects;
    }
}
