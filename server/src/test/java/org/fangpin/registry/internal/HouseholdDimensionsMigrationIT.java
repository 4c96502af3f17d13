package org.fangpin.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.fangpin.registry.PersonIdentifiers;
import org.fangpin.security.FieldCipher;
import org.fangpin.security.KeyRingFile;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V28 splits the one household status into who the household is and its monitoring state. A database at V27 gets
 * households with a history written as the platform wrote it then (a 脱贫户 kept its exit year when included or
 * eliminated; inclusions and eliminations went through cases; an edit could correct 脱贫户 to 一般农户 or back);
 * after the migration every version holds what the history implies, worked out here version by version, and every
 * "as of" answer for earlier dates is the same in v1's terms.
 */
class HouseholdDimensionsMigrationIT {

    private static final String VILLAGE = "421122100201";
    private static final LocalDate START = LocalDate.of(2021, 1, 1);

    /** One version as V27 stored it, and what it should become. */
    private record Version(
            long household,
            int version,
            LocalDate from,
            LocalDate to,
            String status,
            String category,
            Integer exitYear,
            String identity,
            String state,
            LocalDate since,
            LocalDate eliminatedOn,
            String kind,
            String newCategory) {}

    @Test
    void everyVersionGetsBothDimensionsAndAsOfAnswersStay() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DataSource ds = pg.getPostgresDatabase();
            flyway(ds).target("27").load().migrate();
            JdbcClient jdbc = JdbcClient.create(ds);
            regions(jdbc);
            List<Version> versions = history(new SplittableRandom(28), 400);
            for (Version v : versions) {
                jdbc.sql("""
                        insert into household (household_id, version, valid_from, valid_to, household_no, village_code,
                            status, monitoring_category, risk_causes, exit_year, recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'legacy')""")
                        .params(
                                v.household(),
                                v.version(),
                                v.from(),
                                v.to(),
                                "M" + v.household(),
                                VILLAGE,
                                v.status(),
                                v.category(),
                                v.status().equals("MONITORED") ? new String[] {"ILLNESS"} : new String[0],
                                v.exitYear())
                        .update();
            }
            List<LocalDate> dates = new ArrayList<>();
            for (LocalDate d = START; d.isBefore(START.plusYears(6)); d = d.plusDays(97)) {
                dates.add(d);
            }
            Map<LocalDate, Map<Long, String>> before = new TreeMap<>();
            for (LocalDate d : dates) {
                before.put(d, asOf(jdbc, d, "status"));
            }
            Map<String, Long> statusCounts = counts(jdbc, "status");

            flyway(ds).load().migrate();

            // every version: the dimensions its history implies
            Map<String, Version> expected = new HashMap<>();
            versions.forEach(v -> expected.put(v.household() + "/" + v.version(), v));
            List<Map<String, Object>> rows = jdbc.sql("""
                    select household_id, version, identity, monitoring_state, monitoring_category, monitoring_since,
                           eliminated_on, elimination_kind, exit_year from household order by 1, 2""").query().listOfRows();
            assertThat(rows).hasSameSizeAs(versions);
            for (Map<String, Object> r : rows) {
                Version v = expected.get(r.get("household_id") + "/" + r.get("version"));
                String where = "household " + v.household() + " version " + v.version();
                assertThat(r.get("identity")).as(where).isEqualTo(v.identity());
                assertThat(r.get("monitoring_state")).as(where).isEqualTo(v.state());
                assertThat(r.get("monitoring_category")).as(where).isEqualTo(v.newCategory());
                assertThat(date(r.get("monitoring_since"))).as(where).isEqualTo(v.since());
                assertThat(date(r.get("eliminated_on"))).as(where).isEqualTo(v.eliminatedOn());
                assertThat(r.get("elimination_kind")).as(where).isEqualTo(v.kind());
                assertThat(r.get("exit_year") == null)
                        .as(where)
                        .isEqualTo(v.identity().equals("ORDINARY"));
            }
            // "as of" any earlier date: the same households in the same v1 status, now derived from both
            String derived = "case when monitoring_state = 'NONE' then identity else monitoring_state end";
            for (LocalDate d : dates) {
                assertThat(asOf(jdbc, d, derived)).as("as of " + d).isEqualTo(before.get(d));
            }
            // counts per dimension: v1's statuses are the same; 脱贫户 now include those monitored or eliminated
            assertThat(counts(jdbc, derived)).isEqualTo(statusCounts);
            long exited = versions.stream()
                    .filter(v -> v.to() == null && v.identity().equals("EXITED"))
                    .count();
            assertThat(counts(jdbc, "identity").get("EXITED")).isEqualTo(exited);
            assertThat(exited).isGreaterThan(statusCounts.get("EXITED"));
        }
    }

    /** Current households by a column or expression. */
    private static Map<String, Long> counts(JdbcClient jdbc, String column) {
        Map<String, Long> out = new TreeMap<>();
        jdbc.sql("select " + column + ", count(*) from household where valid_to is null group by 1")
                .query((rs, i) -> out.put(rs.getString(1), rs.getLong(2)))
                .list();
        return out;
    }

    private static Map<Long, String> asOf(JdbcClient jdbc, LocalDate d, String column) {
        Map<Long, String> out = new TreeMap<>();
        jdbc.sql("select household_id, " + column + " from household where valid_from <= ?"
                        + " and (valid_to is null or valid_to > ?)")
                .params(d, d)
                .query((rs, i) -> out.put(rs.getLong(1), rs.getString(2)))
                .list();
        return out;
    }

    /**
     * Histories as V27's platform wrote them: a household registered 脱贫户 or 一般农户 (or, imported, monitored or
     * eliminated), then included, eliminated, included again…; a 脱贫户 keeps its exit year throughout. Alongside,
     * what each version should become, worked out from the history so far.
     */
    private static List<Version> history(SplittableRandom rnd, int households) {
        List<Version> out = new ArrayList<>();
        String[] categories = {"UNSTABLE", "MARGINAL", "SUDDEN_HARDSHIP"};
        for (long h = 1; h <= households; h++) {
            int n = 1 + rnd.nextInt(6);
            LocalDate from = START.plusDays(rnd.nextInt(200));
            double start = rnd.nextDouble();
            String status =
                    start < 0.45 ? "EXITED" : start < 0.85 ? "ORDINARY" : start < 0.95 ? "MONITORED" : "ELIMINATED";
            boolean exited = status.equals("EXITED")
                    || ((status.equals("MONITORED") || status.equals("ELIMINATED")) && rnd.nextBoolean());
            Integer exitYear = exited ? 2014 + rnd.nextInt(7) : null;
            String category = null;
            String lastCategory = null;
            LocalDate since = null;
            LocalDate eliminatedOn = null;
            boolean monitoredBefore = false;
            String previous = null;
            List<Version> mine = new ArrayList<>();
            for (int version = 1; version <= n; version++) {
                if (version > 1) {
                    from = from.plusDays(1 + rnd.nextInt(300));
                    int k = rnd.nextInt(6);
                    if ((status.equals("EXITED") || status.equals("ORDINARY")) && k == 1) {
                        // a correction of who the household is: it stays what the edit said
                        exited = !exited;
                        exitYear = exited ? Integer.valueOf(2014 + rnd.nextInt(7)) : null;
                        status = exited ? "EXITED" : "ORDINARY";
                    } else {
                        status = switch (status) {
                            case "EXITED", "ORDINARY" -> k == 0 ? status : "MONITORED";
                            case "MONITORED" -> k < 2 ? "MONITORED" : "ELIMINATED";
                            default -> k < 2 ? "ELIMINATED" : "MONITORED";
                        };
                    }
                }
                if (status.equals("MONITORED")) {
                    if (!"MONITORED".equals(previous)) {
                        since = from;
                        category = exited ? "UNSTABLE" : categories[1 + rnd.nextInt(2)];
                    }
                    lastCategory = category;
                    monitoredBefore = true;
                } else {
                    category = null;
                }
                if (status.equals("ELIMINATED") && !"ELIMINATED".equals(previous)) {
                    eliminatedOn = from;
                }
                String state = switch (status) {
                    case "MONITORED", "ELIMINATED" -> status;
                    default -> "NONE";
                };
                mine.add(new Version(
                        h,
                        version,
                        from,
                        null,
                        status,
                        category,
                        exitYear,
                        exited ? "EXITED" : "ORDINARY",
                        state,
                        state.equals("NONE") ? null : since,
                        state.equals("ELIMINATED") ? eliminatedOn : null,
                        state.equals("ELIMINATED") && monitoredBefore ? "ASSISTED" : null,
                        state.equals("MONITORED") ? category : state.equals("ELIMINATED") ? lastCategory : null));
                previous = status;
            }
            for (int i = 0; i < mine.size(); i++) {
                Version v = mine.get(i);
                LocalDate to = i + 1 < mine.size() ? mine.get(i + 1).from() : null;
                out.add(new Version(
                        v.household(),
                        v.version(),
                        v.from(),
                        to,
                        v.status(),
                        v.category(),
                        v.exitYear(),
                        v.identity(),
                        v.state(),
                        v.since(),
                        v.eliminatedOn(),
                        v.kind(),
                        v.newCategory()));
            }
        }
        return out;
    }

    private static void regions(JdbcClient jdbc) {
        String[][] chain = {
            {"420000000000", "湖北省", null, "1"},
            {"421100000000", "黄冈市", "420000000000", "2"},
            {"421122000000", "红安县", "421100000000", "3"},
            {"421122100000", "城关镇", "421122000000", "4"},
            {VILLAGE, "桃园村", "421122100000", "5"}
        };
        for (String[] r : chain) {
            jdbc.sql("insert into region (code, name, parent_code, level) values (?, ?, ?, ?)")
                    .params(r[0], r[1], r[2], Short.parseShort(r[3]))
                    .update();
        }
    }

    private static FluentConfiguration flyway(DataSource ds) {
        FieldCipher cipher = new FieldCipher(
                Map.of("k1", KeyRingFile.aes(KeyRingFile.newKeyBase64(), "k1")),
                "k1",
                KeyRingFile.hmac(KeyRingFile.newKeyBase64()));
        return Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .javaMigrations(new V10__EncryptPersonIdentifiers(new PersonIdentifiers(cipher)));
    }

    private static LocalDate date(Object o) {
        return o == null ? null : ((Date) o).toLocalDate();
    }
}
