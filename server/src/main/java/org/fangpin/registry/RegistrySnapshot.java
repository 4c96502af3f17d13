package org.fangpin.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.fangpin.common.lake.Lake;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The registry as Parquet for the batch engines: current households and persons, partitioned by county
 * ({@code county=NNNNNN/}). A refresh rewrites only the counties whose records changed since the previous refresh
 * began; the first one writes all. No ID number leaves PostgreSQL: persons carry their lookup hash ({@code
 * id_hash}, a 128-bit value in a UUID column: {@link #idKey}), which is how department feeds find them.
 *
 * <p>Readers hold {@link #read()} while they scan the files; a refresh swaps county directories under the write
 * lock, so a scan never sees half a refresh.
 */
@Service
public class RegistrySnapshot {

    private static final Logger log = LoggerFactory.getLogger(RegistrySnapshot.class);

    public static final String HOUSEHOLD_COLUMNS = "household_id BIGINT, household_no VARCHAR, village_code VARCHAR,"
            + " county VARCHAR, identity VARCHAR, identity_flags VARCHAR, exit_year INTEGER, monitoring_state VARCHAR,"
            + " monitoring_category VARCHAR, monitoring_since DATE, risk_causes VARCHAR, eliminated_on DATE,"
            + " housing_grade VARCHAR, water_safe BOOLEAN, income_year INTEGER, income_wage DECIMAL(14,2),"
            + " income_production DECIMAL(14,2), income_property DECIMAL(14,2), income_transfer DECIMAL(14,2),"
            + " production_cost DECIMAL(14,2), members INTEGER, prev_income_net DECIMAL(14,2)";

    /** The layout of the files; a refresh rewrites everything when the stored snapshot has another. */
    /**
     * 4: who the household is and its monitoring state apart (was one status); 3: {@code id_hash} as UUID (was hex
     * text); 2: households carry the previous income year.
     */
    public static final int FORMAT = 4;

    public static final String PERSON_COLUMNS = "person_id BIGINT, household_id BIGINT, village_code VARCHAR,"
            + " county VARCHAR, id_hash UUID, relation VARCHAR, sex VARCHAR, birth_date DATE, health VARCHAR,"
            + " disability_grade INTEGER, labour_capacity VARCHAR, work_status VARCHAR, school_status VARCHAR,"
            + " education VARCHAR, medical_insurance BOOLEAN, pension_insurance BOOLEAN, dibao BOOLEAN,"
            + " tekun BOOLEAN, disability_subsidy BOOLEAN";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Lake lake;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    RegistrySnapshot(JdbcClient jdbc, DataSource dataSource, Lake lake) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.lake = lake;
    }

    /** What a refresh did. */
    public record Refresh(Instant asOf, int countiesRewritten, int countiesRemoved, long millis) {}

    /** The snapshot's state: when its last refresh began, and its size. */
    public record State(Instant refreshedAt, int counties, long households, long persons, int format) {}

    public Optional<State> state() {
        return jdbc.sql(
                        "select refreshed_at, counties, households, persons, format from registry_snapshot where id = 1")
                .query((rs, i) -> new State(
                        rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getInt(5)))
                .optional();
    }

    /**
     * The lake's form of an ID number's 128-bit lookup hash ({@link PersonIdentifiers#idLookup}): a UUID, which DuckDB
     * joins as one 128-bit integer and Parquet stores as 16 bytes (hex text took twice as long to join).
     */
    public static UUID idKey(byte[] lookupHash) {
        if (lookupHash.length != 16) {
            throw new IllegalArgumentException("a lookup hash has 16 bytes, not " + lookupHash.length);
        }
        ByteBuffer b = ByteBuffer.wrap(lookupHash);
        return new UUID(b.getLong(), b.getLong());
    }

    /** The Parquet files of the current households (read them under {@link #read()}). */
    public List<Path> householdFiles() {
        return files("household");
    }

    /** The Parquet files of the current persons (read them under {@link #read()}). */
    public List<Path> personFiles() {
        return files("person");
    }

    private List<Path> files(String kind) {
        try (Stream<Path> s = Files.walk(lake.dir("registry", kind))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("county="))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current households as a DuckDB table expression (county as text, as written). */
    public String households() {
        return table("household");
    }

    /** The current persons as a DuckDB table expression. */
    public String persons() {
        return table("person");
    }

    private String table(String kind) {
        return "read_parquet(" + Lake.literal(lake.dir("registry", kind).resolve("*/*.parquet"))
                + ", hive_partitioning = true, hive_types = {'county': VARCHAR})";
    }

    /** Held while reading the files; release with {@code unlock()}. */
    public ReentrantReadWriteLock.ReadLock read() {
        return lock.readLock();
    }

    /** Brings the snapshot up to date: rewrites the counties changed since the last refresh (all, the first time). */
    public synchronized Refresh refresh() {
        long start = System.nanoTime();
        // the start of the oldest open transaction: a change committed after the export but recorded earlier
        // (its transaction began before) is then still picked up by the next refresh. Only client sessions write
        // the registry: an autovacuum worker's long transaction must not make every refresh rewrite the same counties
        Instant begun = jdbc.sql("select least(now(), coalesce(min(xact_start), now())) from pg_stat_activity"
                        + " where datname = current_database() and xact_start is not null"
                        + " and backend_type = 'client backend' and pid <> pg_backend_pid()")
                .query(Timestamp.class)
                .single()
                .toInstant();
        Optional<State> previous = state();
        List<String> dirty = previous.filter(p -> p.format() == FORMAT)
                .map(p -> changedCounties(p.refreshedAt()))
                .orElse(null);
        int rewritten = 0;
        int removed = 0;
        if (dirty == null || !dirty.isEmpty()) {
            Path work = lake.dir("tmp").resolve("snapshot-" + System.nanoTime());
            try {
                Files.createDirectories(work);
                Path households = work.resolve("household.csv");
                Path persons = work.resolve("person.csv");
                copyOut(householdQuery(dirty), households);
                copyOut(personQuery(dirty), persons);
                try (Connection duck = lake.duckdb();
                        Statement st = duck.createStatement()) {
                    st.execute(partitioned(households, HOUSEHOLD_COLUMNS, work.resolve("household")));
                    st.execute(partitioned(persons, PERSON_COLUMNS, work.resolve("person")));
                }
                lock.writeLock().lock();
                try {
                    // the first refresh also removes whatever an earlier, unrecorded snapshot left
                    List<String> counties = dirty != null ? dirty : countyDirs(work, lake.dir("registry"));
                    for (String county : counties) {
                        boolean any = false;
                        for (String kind : List.of("household", "person")) {
                            any |= swap(work.resolve(kind).resolve("county=" + county), kind, county);
                        }
                        if (any) {
                            rewritten++;
                        } else {
                            removed++;
                        }
                    }
                } finally {
                    lock.writeLock().unlock();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException("snapshot refresh failed: " + e.getMessage(), e);
            } finally {
                Lake.deleteTree(work);
            }
        }
        recordState(begun);
        long ms = (System.nanoTime() - start) / 1_000_000;
        log.info("Registry snapshot refreshed: {} counties rewritten, {} removed, {} ms", rewritten, removed, ms);
        return new Refresh(begun, rewritten, removed, ms);
    }

    /** Counties with a household or person version recorded after {@code since} (a moved person: both ends). */
    private List<String> changedCounties(Instant since) {
        return jdbc.sql("""
                select substr(h.village_code, 1, 6) from household h where h.recorded_at >= :since
                union
                select substr(h.village_code, 1, 6) from person p
                join person p2 on p2.person_id = p.person_id
                join household h on h.household_id = p2.household_id
                where p.recorded_at >= :since""")
                .param("since", Timestamp.from(since))
                .query(String.class)
                .list();
    }

    private static String countyFilter(List<String> counties) {
        if (counties == null) {
            return "";
        }
        for (String c : counties) {
            if (!c.matches("[0-9]{6}")) {
                throw new IllegalStateException("not a county code: " + c);
            }
        }
        // COPY takes no bind parameters; the codes are checked digits
        return " and substr(h.village_code, 1, 6) in ('" + String.join("','", counties) + "')";
    }

    private static String householdQuery(List<String> counties) {
        return """
                select h.household_id, h.household_no, h.village_code, substr(h.village_code, 1, 6),
                       h.identity, array_to_string(h.identity_flags, ','), h.exit_year, h.monitoring_state,
                       h.monitoring_category, h.monitoring_since, array_to_string(h.risk_causes, ','), h.eliminated_on,
                       h.housing_grade, h.water_safe, h.income_year, h.income_wage, h.income_production,
                       h.income_property, h.income_transfer, h.production_cost,
                       (select count(*) from person p where p.household_id = h.household_id
                        and p.valid_to is null and not p.deleted),
                       (select coalesce(h2.income_wage, 0) + coalesce(h2.income_production, 0)
                               + coalesce(h2.income_property, 0) + coalesce(h2.income_transfer, 0)
                               - coalesce(h2.production_cost, 0)
                        from household h2 where h2.household_id = h.household_id and h2.income_year < h.income_year
                        order by h2.income_year desc, h2.version desc limit 1)
                from household h where h.valid_to is null and not h.deleted""" + countyFilter(counties);
    }

    private static String personQuery(List<String> counties) {
        return """
                select p.person_id, p.household_id, h.village_code, substr(h.village_code, 1, 6),
                       encode(p.id_number_hash, 'hex'), p.relation, p.sex, p.birth_date, p.health,
                       p.disability_grade, p.labour_capacity, p.work_status, p.school_status, p.education,
                       p.medical_insurance, p.pension_insurance, p.dibao, p.tekun, p.disability_subsidy
                from person p join household h on h.household_id = p.household_id
                     and h.valid_to is null and not h.deleted
                where p.valid_to is null and not p.deleted""" + countyFilter(counties);
    }

    private void copyOut(String query, Path file) throws IOException {
        try (Connection c = dataSource.getConnection();
                OutputStream out = Files.newOutputStream(file)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + query + ") to stdout (format csv)", out);
        } catch (SQLException e) {
            throw new IllegalStateException("snapshot export failed: " + e.getMessage(), e);
        }
    }

    private static String partitioned(Path csv, String columns, Path out) {
        StringBuilder cols = new StringBuilder("{");
        for (String def : columns.split(",\\s*(?![0-9])")) {
            String[] nt = def.strip().split(" ", 2);
            if (cols.length() > 1) {
                cols.append(", ");
            }
            cols.append("'").append(nt[0]).append("': '").append(nt[1]).append("'");
        }
        cols.append("}");
        return "copy (select * from read_csv(" + Lake.literal(csv)
                + ", header = false, auto_detect = false, delim = ',', quote = '\"', escape = '\"', columns = " + cols
                + ")) to "
                + Lake.literal(out) + " (format parquet, compression zstd, partition_by (county))";
    }

    /** The counties with a directory under any of the roots. */
    private static List<String> countyDirs(Path... roots) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path root : roots)
            for (String kind : List.of("household", "person")) {
                Path dir = root.resolve(kind);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> s = Files.list(dir)) {
                        s.map(p -> p.getFileName().toString())
                                .filter(n -> n.startsWith("county="))
                                .map(n -> n.substring("county=".length()))
                                .filter(c -> !out.contains(c))
                                .forEach(out::add);
                    }
                }
            }
        return out;
    }

    /** Replaces a county's directory by the freshly written one (or removes it); true when one was written. */
    private boolean swap(Path fresh, String kind, String county) throws IOException {
        Path target = lake.dir("registry", kind).resolve("county=" + county);
        Path old = target.resolveSibling(".old-county=" + county);
        Lake.deleteTree(old);
        if (Files.exists(target)) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        boolean written = Files.isDirectory(fresh);
        if (written) {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        }
        Lake.deleteTree(old);
        return written;
    }

    private void recordState(Instant begun) {
        jdbc.sql("""
                insert into registry_snapshot (id, refreshed_at, counties, households, persons, format)
                select 1, :at, count(distinct substr(village_code, 1, 6)), count(*),
                       (select count(*) from person where valid_to is null and not deleted), :format
                from household where valid_to is null and not deleted
                on conflict (id) do update set refreshed_at = excluded.refreshed_at, counties = excluded.counties,
                    households = excluded.households, persons = excluded.persons, format = excluded.format""").param("at", Timestamp.from(begun)).param("format", FORMAT).update();
    }
}
