package org.fangpin.monitoring;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
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
 * 政策参数 (SPEC §3): named values with a validity period, national or a province's own; the province's wins.
 * Rules and the engine read them as of a run's date; a run records the values it used.
 */
@Service
public class PolicyParameters {

    private final JdbcClient jdbc;
    private final Actor.Current actor;
    private final AuditLog audit;
    private final Messages messages;

    private final RegionDirectory regions;

    PolicyParameters(JdbcClient jdbc, Actor.Current actor, AuditLog audit, Messages messages, RegionDirectory regions) {
        this.regions = regions;
        this.messages = messages;
        this.jdbc = jdbc;
        this.actor = actor;
        this.audit = audit;
    }

    /** What a parameter is. */
    public record Definition(String key, String nameZh, String nameEn, String unit, String description) {

        /** The parameter's name in the reader's language. */
        public String name(Locale locale) {
            return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
        }
    }

    /** A parameter's name in the reader's language; its key only when no such parameter is defined. */
    public String name(String key, Locale locale) {
        return definition(key).map(d -> d.name(locale)).orElse(key);
    }

    /** One value of a parameter over a period ({@code validTo} exclusive; null: open-ended). */
    public record Value(
            long id,
            String key,
            String provinceCode,
            LocalDate validFrom,
            LocalDate validTo,
            BigDecimal value,
            String sourceNote,
            Instant recordedAt,
            String recordedBy) {}

    public List<Definition> definitions() {
        return jdbc.sql("select key, name_zh, name_en, unit, description from parameter_definition order by key")
                .query((rs, i) -> new Definition(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    public Optional<Definition> definition(String key) {
        return definitions().stream().filter(d -> d.key().equals(key)).findFirst();
    }

    /** Every value of a parameter, national and provincial, oldest first. */
    public List<Value> history(String key) {
        return jdbc.sql("select * from policy_parameter where key = ? order by province_code nulls first, valid_from")
                .param(key)
                .query(PolicyParameters::value)
                .list();
    }

    /** The values in force for a province's households on a date: the province's own, else the national ones. */
    public Map<String, Value> resolve(String provinceCode, LocalDate date) {
        Map<String, Value> out = new LinkedHashMap<>();
        jdbc.sql("""
                select distinct on (key) * from policy_parameter
                where (province_code is null or province_code = :province)
                  and valid_from <= :date and (valid_to is null or valid_to > :date)
                order by key, province_code nulls last, valid_from desc""")
                .param("province", provinceCode)
                .param("date", date)
                .query(PolicyParameters::value)
                .list()
                .forEach(v -> out.put(v.key(), v));
        return out;
    }

    /** Whether a switch ({@code FLAG} parameter) is on for a province's households on a date. */
    public boolean isOn(String key, String provinceCode, LocalDate date) {
        Value v = resolve(provinceCode, date).get(key);
        return v != null && v.value().compareTo(BigDecimal.ONE) == 0;
    }

    /** The key of the monitoring income line (防止返贫监测范围), whose value is set every year. */
    public static final String MONITORING_LINE = "monitoring_line";

    /** A monitoring line in force that was set for an earlier year than the date it is used on. */
    public record StaleValue(String provinceCode, String provinceName, Value value, int year) {

        /** The message arguments: where (province name or null), the value, the year it was set for, the year. */
        public Object[] args() {
            String since = String.valueOf(value.validFrom().getYear()); // a year, not a number to group
            return provinceCode == null
                    ? new Object[] {value.value(), since, String.valueOf(year)}
                    : new Object[] {provinceName, value.value(), since, String.valueOf(year)};
        }

        public String messageKey() {
            return provinceCode == null ? "monitoring.line.stale.national" : "monitoring.line.stale";
        }
    }

    /**
     * The provinces (national value: province null) whose monitoring line in force on a date was set for an earlier
     * year: the line is adjusted yearly, so a run on such a value likely uses last year's line.
     */
    public List<StaleValue> staleMonitoringLines(LocalDate date) {
        List<StaleValue> out = new ArrayList<>();
        List<Region> provinces = regions.roots(date);
        if (provinces.isEmpty()) {
            Value v = resolve(null, date).get(MONITORING_LINE);
            if (v != null && v.validFrom().getYear() < date.getYear()) {
                out.add(new StaleValue(null, null, v, date.getYear()));
            }
        }
        for (Region p : provinces) {
            Value v = resolve(p.code(), date).get(MONITORING_LINE);
            if (v != null && v.validFrom().getYear() < date.getYear()) {
                out.add(new StaleValue(p.code(), p.name(), v, date.getYear()));
            }
        }
        return out;
    }

    /**
     * Records a new value from a date: the value before it ends there, and it ends where the next one begins. A
     * province user sets its own province's values; national values come with releases (or the command line).
     */
    @Transactional
    public Value set(String key, String provinceCode, LocalDate validFrom, BigDecimal value, String sourceNote) {
        Optional<Actor> who = actor.get();
        String province = provinceCode == null || provinceCode.isBlank() ? null : provinceCode;
        if (who.isPresent()) {
            Actor a = who.get();
            if (a.role() != Role.PROVINCE || province == null || !province.equals(a.regionCode())) {
                throw new ApiException(
                        HttpStatus.FORBIDDEN, "forbidden", "monitoring.parameter.own-province", List.of());
            }
        }
        if (province != null && !RegionCode.fitsLevel(province, RegionLevel.PROVINCE)) {
            throw ApiException.invalid("provinceCode", messages.get("monitoring.parameter.province-code"));
        }
        if (definition(key).isEmpty()) {
            throw ApiException.notFound("monitoring.parameter.not-found", key);
        }
        if (validFrom == null) {
            throw ApiException.invalid("validFrom", messages.get("validation.required"));
        }
        if (value == null) {
            throw ApiException.invalid("value", messages.get("validation.required"));
        }
        boolean flag = definition(key).map(d -> "FLAG".equals(d.unit())).orElse(false);
        if (flag && value.compareTo(BigDecimal.ZERO) != 0 && value.compareTo(BigDecimal.ONE) != 0) {
            throw ApiException.invalid("value", messages.get("monitoring.parameter.flag"));
        }
        if (sourceNote == null || sourceNote.isBlank()) {
            throw ApiException.invalid("sourceNote", messages.get("monitoring.parameter.source-required"));
        }
        // one change at a time per parameter
        jdbc.sql("select pg_advisory_xact_lock(hashtext('policy_parameter:' || ?))")
                .param(key)
                .query()
                .listOfRows();
        String same = "key = :key and province_code is not distinct from :province";
        boolean taken = jdbc.sql("select count(*) from policy_parameter where " + same + " and valid_from = :from")
                        .param("key", key)
                        .param("province", province)
                        .param("from", validFrom)
                        .query(Long.class)
                        .single()
                > 0;
        if (taken) {
            throw ApiException.conflict("monitoring.parameter.date-taken", key, validFrom);
        }
        LocalDate next = jdbc.sql(
                        "select min(valid_from) from policy_parameter where " + same + " and valid_from > :from")
                .param("key", key)
                .param("province", province)
                .param("from", validFrom)
                .query(LocalDate.class)
                .optional()
                .orElse(null);
        jdbc.sql("update policy_parameter set valid_to = :from where " + same
                        + " and valid_from < :from and (valid_to is null or valid_to > :from)")
                .param("key", key)
                .param("province", province)
                .param("from", validFrom)
                .update();
        String by = who.map(Actor::username).orElse(Actor.SYSTEM);
        long id = jdbc.sql("insert into policy_parameter (key, province_code, valid_from, valid_to, value, source_note,"
                        + " recorded_by) values (:key, :province, :from, :to, :value, :note, :by) returning id")
                .param("key", key)
                .param("province", province)
                .param("from", validFrom)
                .param("to", next)
                .param("value", value)
                .param("note", sourceNote.strip())
                .param("by", by)
                .query(Long.class)
                .single();
        audit.record(
                "PARAMETER_SET",
                "policy_parameter",
                key,
                Map.of(
                        "province", province == null ? "national" : province,
                        "validFrom", validFrom.toString(),
                        "value", value.toPlainString(),
                        "note", sourceNote.strip()));
        return jdbc.sql("select * from policy_parameter where id = ?")
                .param(id)
                .query(PolicyParameters::value)
                .single();
    }

    private static Value value(ResultSet rs, int i) throws SQLException {
        return new Value(
                rs.getLong("id"),
                rs.getString("key"),
                rs.getString("province_code"),
                rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_to", LocalDate.class),
                rs.getBigDecimal("value").stripTrailingZeros(),
                rs.getString("source_note"),
                rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("recorded_by"));
    }
}
