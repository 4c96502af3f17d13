package org.fangpin.monitoring;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.security.Actor;
import org.fangpin.security.AuditLog;
import org.fangpin.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Policy periods (政策时期: 脱贫攻坚期, 过渡期, 常态化帮扶 …) as effective-dated data, national or a province's own. What
 * was decided on a date was decided under the period in force there; a province adds its next period itself.
 */
@Service
public class PolicyPeriods {

    private final JdbcClient jdbc;
    private final Actor.Current actor;
    private final AuditLog audit;
    private final Messages messages;
    private final RegionDirectory regions;
    private final Clock clock;

    PolicyPeriods(
            JdbcClient jdbc,
            Actor.Current actor,
            AuditLog audit,
            Messages messages,
            RegionDirectory regions,
            Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.actor = actor;
        this.audit = audit;
        this.messages = messages;
        this.regions = regions;
    }

    /** A period: from {@code validFrom} until {@code validTo} (exclusive; null: open), with its source. */
    public record Period(
            long id,
            String code,
            String provinceCode,
            String nameZh,
            String nameEn,
            LocalDate validFrom,
            LocalDate validTo,
            String sourceNote,
            String description) {

        /** The name in a language. */
        public String name(Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
        }
    }

    /** A new period of a province (or, from the command line, the nation) from a date. */
    public record NewPeriod(
            String code,
            String provinceCode,
            String nameZh,
            String nameEn,
            LocalDate validFrom,
            String sourceNote,
            String description) {}

    /** Every period, national first, oldest first. */
    public List<Period> list() {
        return jdbc.sql("select * from policy_period order by province_code nulls first, valid_from")
                .query(PolicyPeriods::period)
                .list();
    }

    /** The period in force for a province's households on a date: the province's own, else the national one. */
    public Optional<Period> at(String provinceCode, LocalDate date) {
        return jdbc.sql("""
                select * from policy_period
                where (province_code is null or province_code = :province)
                  and valid_from <= :date and (valid_to is null or valid_to > :date)
                order by province_code nulls last, valid_from desc limit 1""")
                .param("province", provinceCode)
                .param("date", date)
                .query(PolicyPeriods::period)
                .optional();
    }

    /** The period of every province on a date (national where a province has none of its own), for a run's record. */
    public List<Map<String, Object>> inForce(LocalDate date) {
        List<Map<String, Object>> out = new ArrayList<>();
        at(null, date).ifPresent(p -> out.add(summary(null, p)));
        for (Region province : regions.roots(date)) {
            at(province.code(), date)
                    .filter(p -> p.provinceCode() != null)
                    .ifPresent(p -> out.add(summary(province.code(), p)));
        }
        return out;
    }

    private static Map<String, Object> summary(String province, Period p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("province", province);
        m.put("code", p.code());
        m.put("nameZh", p.nameZh());
        m.put("nameEn", p.nameEn());
        m.put("validFrom", p.validFrom().toString());
        return m;
    }

    /**
     * Starts a period from a date: the period of the same province that would run on ends there. A province user adds
     * its own province's periods, from today or later (a period never changes what was decided before it); national
     * periods come with releases.
     */
    @Transactional
    public Period add(NewPeriod n) {
        Optional<Actor> who = actor.get();
        String province = n.provinceCode() == null || n.provinceCode().isBlank() ? null : n.provinceCode();
        if (who.isPresent()) {
            Actor a = who.get();
            if (a.role() != Role.PROVINCE || province == null || !province.equals(a.regionCode())) {
                throw new ApiException(
                        HttpStatus.FORBIDDEN, "forbidden", "monitoring.parameter.own-province", List.of());
            }
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (province != null && !RegionCode.fitsLevel(province, RegionLevel.PROVINCE)) {
            problems.add(FieldProblem.of("provinceCode", messages.get("monitoring.parameter.province-code")));
        }
        if (n.code() == null || !n.code().matches("[A-Z][A-Z0-9_]{1,31}")) {
            problems.add(FieldProblem.of("code", messages.get("monitoring.period.code")));
        }
        if (blank(n.nameZh()) || blank(n.nameEn())) {
            problems.add(FieldProblem.of(blank(n.nameZh()) ? "nameZh" : "nameEn", messages.get("validation.required")));
        }
        if (n.validFrom() == null) {
            problems.add(FieldProblem.of("validFrom", messages.get("validation.required")));
        } else if (who.isPresent() && n.validFrom().isBefore(LocalDate.now(clock))) {
            // what was decided stays under the period it was decided in
            problems.add(FieldProblem.of("validFrom", messages.get("monitoring.period.past")));
        }
        if (blank(n.sourceNote())) {
            problems.add(FieldProblem.of("sourceNote", messages.get("monitoring.parameter.source-required")));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtext('policy_period'))")
                .query()
                .listOfRows();
        String same = "province_code is not distinct from :province";
        boolean taken = jdbc.sql("select count(*) from policy_period where " + same + " and valid_from = :from")
                        .param("province", province)
                        .param("from", n.validFrom())
                        .query(Long.class)
                        .single()
                > 0;
        if (taken) {
            throw ApiException.conflict("monitoring.period.date-taken", n.validFrom());
        }
        LocalDate next = jdbc.sql("select min(valid_from) from policy_period where " + same + " and valid_from > :from")
                .param("province", province)
                .param("from", n.validFrom())
                .query(LocalDate.class)
                .optional()
                .orElse(null);
        jdbc.sql("update policy_period set valid_to = :from where " + same
                        + " and valid_from < :from and (valid_to is null or valid_to > :from)")
                .param("province", province)
                .param("from", n.validFrom())
                .update();
        long id = jdbc.sql("""
                insert into policy_period (code, province_code, name_zh, name_en, valid_from, valid_to, source_note,
                    description, recorded_by)
                values (:code, :province, :zh, :en, :from, :to, :note, :description, :by) returning id""")
                .param("code", n.code())
                .param("province", province)
                .param("zh", n.nameZh().strip())
                .param("en", n.nameEn().strip())
                .param("from", n.validFrom())
                .param("to", next)
                .param("note", n.sourceNote().strip())
                .param(
                        "description",
                        blank(n.description()) ? null : n.description().strip())
                .param("by", who.map(Actor::username).orElse(Actor.SYSTEM))
                .query(Long.class)
                .single();
        audit.record(
                "POLICY_PERIOD_ADDED",
                "policy_period",
                n.code(),
                Map.of(
                        "province", province == null ? "national" : province,
                        "validFrom", n.validFrom().toString(),
                        "note", n.sourceNote().strip()));
        return jdbc.sql("select * from policy_period where id = ?")
                .param(id)
                .query(PolicyPeriods::period)
                .single();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Period period(ResultSet rs, int i) throws SQLException {
        Date to = rs.getDate("valid_to");
        return new Period(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("province_code"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                rs.getDate("valid_from").toLocalDate(),
                to == null ? null : to.toLocalDate(),
                rs.getString("source_note"),
                rs.getString("description"));
    }
}
