package org.fangpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.fangpin.AsSystemInTests;
import org.fangpin.common.problem.ApiException;
import org.fangpin.database.DatabaseBackup;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.PersonIdentifiers;
import org.fangpin.registry.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;

/**
 * Backup and restore end to end through the command line: a demo county with its feeds, alerts, cases and history
 * is backed up, restored into a new data directory and lake, and found the same — counts of every table, a
 * household's history, sealed ID numbers readable with the same keys, an intact audit chain.
 */
@ExtendWith(AsSystemInTests.class) // the test's direct calls run as the system actor, like a command's
class BackupIT {

    @TempDir
    Path dir;

    private String[] settings(String instance) {
        return new String[] {
            "--fangpin.embedded-db.data-dir=" + dir.resolve(instance + "/pg"),
            "--fangpin.lake.dir=" + dir.resolve(instance + "/lake"),
            "--fangpin.import.work-dir=" + dir.resolve(instance + "/imports"),
            "--fangpin.audit.anchor-file=" + dir.resolve(instance + "/anchors.log"),
            "--fangpin.feeds.drop-dir=" + dir.resolve(instance + "/drop"),
            "--fangpin.crypto.key-file=" + dir.resolve("keys/fangpin.keys"),
            "--fangpin.monitoring.schedule=-"
        };
    }

    private int run(String instance, String... args) {
        String[] all = Stream.concat(Arrays.stream(args), Arrays.stream(settings(instance)))
                .toArray(String[]::new);
        return new CommandLine(new FangpinCommand()).execute(all);
    }

    private ConfigurableApplicationContext open(String instance) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (String s : settings(instance)) {
            props.put(s.substring(2, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
        }
        return AppContext.start(props);
    }

    record Snapshot(Map<String, Long> counts, List<String> history, String idNumber, long auditEntries) {}

    private Snapshot snapshot(String instance, long householdId, long personId) {
        try (ConfigurableApplicationContext ctx = open(instance)) {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            Map<String, Long> counts = new TreeMap<>();
            for (String t : List.of(
                    "region",
                    "household",
                    "person",
                    "feed_batch",
                    "monitoring_run",
                    "alert",
                    "alert_event",
                    "case_file",
                    "case_step",
                    "assistance_plan",
                    "assistance_measure",
                    "followup_visit",
                    "app_user",
                    "role_permission",
                    "policy_parameter",
                    "rule_set")) {
                counts.put(
                        t,
                        jdbc.sql("select count(*) from " + t).query(Long.class).single());
            }
            List<String> history = jdbc.sql(
                            "select version || ' ' || valid_from || ' ' || coalesce(valid_to::text, '-')"
                                    + " || ' ' || identity || ' ' || monitoring_state from household where household_id = ?"
                                    + " order by version")
                    .param(householdId)
                    .query(String.class)
                    .list();
            byte[] sealed = jdbc.sql("select id_number_enc from person where person_id = ? and valid_to is null")
                    .param(personId)
                    .query(byte[].class)
                    .single();
            String id = ctx.getBean(PersonIdentifiers.class).openId(sealed);
            long audit =
                    jdbc.sql("select count(*) from audit_log").query(Long.class).single();
            return new Snapshot(counts, history, id, audit);
        }
    }

    @Test
    void aBackupRestoresIntoANewDirectoryAsItWas() throws Exception {
        assertThat(run("a", "demo", "--persons", "600", "--seed", "7")).isZero();
        long householdId;
        long personId;
        try (ConfigurableApplicationContext ctx = open("a")) {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            // a household with history: its address corrected
            Registry registry = ctx.getBean(Registry.class);
            Long changed = null;
            for (long id : jdbc.sql("select household_id from household order by household_id limit 50")
                    .query(Long.class)
                    .list()) {
                HouseholdView h = registry.household(id).orElseThrow();
                try {
                    registry.updateHousehold(
                            id,
                            h.version(),
                            withAddress(h.fields(), "更正后的地址 8 号"),
                            new Registry.Change("backup-test", null, "地址更正"));
                    changed = id;
                    break;
                } catch (ApiException e) {
                    System.out.println("household " + id + " not updatable: " + e.fieldProblems());
                }
            }
            assertThat(changed).as("a household whose address can be corrected").isNotNull();
            householdId = changed;
            personId = jdbc.sql("select person_id from person where household_id = ? and valid_to is null"
                            + " order by person_id limit 1")
                    .param(householdId)
                    .query(Long.class)
                    .single();
        }
        Snapshot before = snapshot("a", householdId, personId);
        assertThat(before.history()).hasSizeGreaterThan(1);
        assertThat(before.counts().get("alert")).isPositive();
        assertThat(before.counts().get("feed_batch")).isPositive();

        Path backup = dir.resolve("fangpin.zip");
        assertThat(run("a", "backup", "--out", backup.toString())).isZero();
        DatabaseBackup.Manifest m = DatabaseBackup.read(backup);
        assertThat(m.sealedWith()).isNotEmpty();
        assertThat(m.rows("person")).isEqualTo(before.counts().get("person"));
        assertThat(m.lakeFiles()).isPositive();
        // the keys themselves are not in the backup
        Properties keys = new Properties();
        try (var in = Files.newInputStream(dir.resolve("keys/fangpin.keys"))) {
            keys.load(in);
        }
        assertThat(keys).isNotEmpty();
        StringBuilder content = new StringBuilder();
        try (var zip = new ZipFile(backup.toFile())) {
            for (var e : Collections.list(zip.entries())) {
                try (var in = zip.getInputStream(e)) {
                    content.append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
                }
            }
        }
        List<String> secrets = keys.stringPropertyNames().stream()
                .map(keys::getProperty)
                .filter(v -> v.length() >= 40) // the base64 keys, not the active key's id
                .toList();
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(2);
        for (String secret : secrets) {
            assertThat(content.indexOf(secret)).as("a key in the backup").isNegative();
        }

        assertThat(run("b", "restore", backup.toString()))
                .as("restore, then an intact audit chain")
                .isZero();
        Snapshot after = snapshot("b", householdId, personId);
        assertThat(after.counts()).isEqualTo(before.counts());
        assertThat(after.history()).isEqualTo(before.history());
        assertThat(after.idNumber()).isEqualTo(before.idNumber()).matches("\\d{17}[\\dX]");
        assertThat(after.auditEntries()).isGreaterThanOrEqualTo(before.auditEntries());
        assertThat(Files.list(dir.resolve("b/lake/feeds")).count()).isPositive();
        // new rows continue after the restored ids
        try (ConfigurableApplicationContext ctx = open("b")) {
            JdbcClient jdbc = ctx.getBean(JdbcClient.class);
            long max =
                    jdbc.sql("select max(seq) from audit_log").query(Long.class).single();
            jdbc.sql("insert into audit_log (actor, action, entity) values ('test', 'PROBE', 'test')")
                    .update();
            assertThat(jdbc.sql("select max(seq) from audit_log")
                            .query(Long.class)
                            .single())
                    .isGreaterThan(max);
        }

        // a database that holds data is never overwritten
        assertThat(run("b", "restore", backup.toString())).isNotZero();
        assertThat(snapshot("b", householdId, personId).counts()).isEqualTo(before.counts());
    }

    private static HouseholdFields withAddress(HouseholdFields f, String address) {
        return new HouseholdFields(
                f.householdNo(),
                f.villageCode(),
                address,
                f.identity(),
                f.identityFlags(),
                f.exitYear(),
                f.monitoringState(),
                f.monitoringCategory(),
                f.monitoringSince(),
                f.riskCauses(),
                f.eliminatedOn(),
                f.eliminationKind(),
                f.housingGrade(),
                f.waterSafe(),
                f.income(),
                null);
    }
}
