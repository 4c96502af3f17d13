package org.fangpin.pairing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.reflect.Constructor;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.fangpin.pairing.Helpers;
import org.fangpin.registry.PersonIdentifiers;
import org.fangpin.security.FieldCipher;
import org.fangpin.security.KeyRingFile;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V56 turns the free-text responsible persons of plans into helpers: one per name and phone in each county, each plan's
 * household paired with its helper from the plan's start, the phone sealed. A database at V55 gets plans as the
 * platform wrote them (the same person on many plans, the same name with other phones, in two counties, some with an
 * account, some with nobody named); afterwards no one is lost, each plan names the helper its text named, and the
 * plans are otherwise as they were.
 */
class HelpersMigrationIT {

    private static final String[] VILLAGES = {"421122100201", "421122100202", "421123100201"};

    private record Plan(long household, String village, String name, String phone, String user, LocalDate started) {}

    @Test
    void everyResponsiblePersonBecomesAHelperAndEveryPlanKeepsTheirs() throws Exception {
        FieldCipher cipher = new FieldCipher(
                Map.of("k1", KeyRingFile.aes(KeyRingFile.newKeyBase64(), "k1")),
                "k1",
                KeyRingFile.hmac(KeyRingFile.newKeyBase64()));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DataSource ds = pg.getPostgresDatabase();
            flyway(ds, cipher).target("55").load().migrate();
            JdbcClient jdbc = JdbcClient.create(ds);
            regions(jdbc);
            SplittableRandom rnd = new SplittableRandom(56);
            String[] names = {"王帮扶", "李帮扶", "张帮扶"};
            String[] phones = {"13800000001", "0713-5123456", " 13800000001 ", "", null};
            List<Plan> plans = new ArrayList<>();
            for (long h = 1; h <= 300; h++) {
                String village = VILLAGES[rnd.nextInt(VILLAGES.length)];
                boolean named = rnd.nextInt(10) > 0;
                Plan p = new Plan(
                        h,
                        village,
                        named ? names[rnd.nextInt(names.length)] : null,
                        named ? phones[rnd.nextInt(phones.length)] : null,
                        named && rnd.nextInt(4) == 0 ? "cadre" + village.charAt(5) : null,
                        LocalDate.of(2024, 1, 1).plusDays(rnd.nextInt(600)));
                plans.add(p);
                jdbc.sql("""
                        insert into assistance_plan (household_id, household_no, village_code, started_on,
                            responsible_name, responsible_phone, responsible_user, visit_interval_days, created_by,
                            updated_by, version)
                        values (?, ?, ?, ?, ?, ?, ?, 30, 'legacy', 'legacy', ?)""")
                        .params(h, "H" + h, village, p.started(), p.name(), p.phone(), p.user(), 1 + (int) (h % 4))
                        .update();
            }
            List<Map<String, Object>> before = jdbc.sql("select household_id, household_no, village_code, started_on,"
                            + " responsible_name, visit_interval_days, version, updated_at"
                            + " from assistance_plan order by household_id")
                    .query()
                    .listOfRows();

            flyway(ds, cipher).load().migrate();

            // one helper per county, name and phone: the same text in two counties is two people
            Map<String, Plan> expectedKeys = new HashMap<>();
            plans.stream().filter(p -> p.name() != null).forEach(p -> expectedKeys.put(key(p), p));
            List<Map<String, Object>> helpers =
                    jdbc.sql("select * from helper order by id").query().listOfRows();
            assertThat(helpers).hasSize(expectedKeys.size());
            Map<Long, String> keyOfHelper = new HashMap<>();
            for (Map<String, Object> h : helpers) {
                byte[] sealed = (byte[]) h.get("phone_enc");
                String phone = sealed == null ? null : cipher.decrypt(Helpers.PHONE_PURPOSE, sealed);
                String key = h.get("county_code") + "/" + h.get("name") + "/" + phone;
                assertThat(expectedKeys).containsKey(key);
                assertThat(h.get("status")).isEqualTo("ACTIVE");
                keyOfHelper.put(((Number) h.get("id")).longValue(), key);
            }
            assertThat(keyOfHelper.values()).doesNotHaveDuplicates();
            // every named plan: its household paired with its helper from the plan's start, the plan naming them
            Map<Long, Map<String, Object>> after = new HashMap<>();
            jdbc.sql("select * from assistance_plan")
                    .query()
                    .listOfRows()
                    .forEach(r -> after.put(((Number) r.get("household_id")).longValue(), r));
            for (Plan p : plans) {
                Map<String, Object> row = after.get(p.household());
                List<Map<String, Object>> pairings = jdbc.sql("select * from helper_pairing where household_id = ?")
                        .param(p.household())
                        .query()
                        .listOfRows();
                if (p.name() == null) {
                    assertThat(row.get("helper_id")).isNull();
                    assertThat(pairings).isEmpty();
                    continue;
                }
                long helper = ((Number) row.get("helper_id")).longValue();
                assertThat(keyOfHelper.get(helper)).isEqualTo(key(p));
                // the plan's copy of the account is its helper's
                assertThat(row.get("responsible_user"))
                        .isEqualTo(helpers.stream()
                                .filter(x -> ((Number) x.get("id")).longValue() == helper)
                                .findFirst()
                                .orElseThrow()
                                .get("username"));
                assertThat(pairings).singleElement().satisfies(x -> {
                    assertThat(((Number) x.get("helper_id")).longValue()).isEqualTo(helper);
                    assertThat(x.get("village_code")).isEqualTo(p.village());
                    assertThat(((java.sql.Date) x.get("paired_on")).toLocalDate())
                            .isEqualTo(p.started());
                    assertThat(x.get("ended_on")).isNull();
                });
            }
            // the plans are as they were, less the plain phone column
            List<Map<String, Object>> same = jdbc.sql("select household_id, household_no, village_code, started_on,"
                            + " responsible_name, visit_interval_days, version, updated_at"
                            + " from assistance_plan order by household_id")
                    .query()
                    .listOfRows();
            assertThat(same).isEqualTo(before);
            assertThat(jdbc.sql("select count(*) from information_schema.columns where table_name = 'assistance_plan'"
                                    + " and column_name = 'responsible_phone'")
                            .query(Long.class)
                            .single())
                    .isZero();
            // a helper's account is one the plans of that name and phone named
            for (Map<String, Object> h : helpers) {
                if (h.get("username") != null) {
                    assertThat(plans.stream()
                                    .filter(p -> key(p).equals(keyOfHelper.get(((Number) h.get("id")).longValue())))
                                    .map(Plan::user))
                            .contains((String) h.get("username"));
                }
            }
        }
    }

    private static String key(Plan p) {
        // a phone as typed: spaces around it and an empty one are no different person
        String phone =
                p.phone() == null || p.phone().isBlank() ? null : p.phone().strip();
        return p.village().substring(0, 6) + "000000/" + p.name() + "/" + phone;
    }

    private static void regions(JdbcClient jdbc) {
        String[][] chain = {
            {"420000000000", "湖北省", null, "1"},
            {"421100000000", "黄冈市", "420000000000", "2"},
            {"421122000000", "红安县", "421100000000", "3"},
            {"421122100000", "城关镇", "421122000000", "4"},
            {"421122100201", "桃园村", "421122100000", "5"},
            {"421122100202", "柳林村", "421122100000", "5"},
            {"421123000000", "麻城县", "421100000000", "3"},
            {"421123100000", "南湖镇", "421123000000", "4"},
            {"421123100201", "东村", "421123100000", "5"}
        };
        for (String[] r : chain) {
            jdbc.sql("insert into region (code, name, parent_code, level) values (?, ?, ?, ?)")
                    .params(r[0], r[1], r[2], Short.parseShort(r[3]))
                    .update();
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource ds, FieldCipher cipher)
            throws ReflectiveOperationException {
        // the registry's own Java migration is its module's; made here as Spring would, for the schema before V56
        Constructor<?> v10 = Class.forName("org.fangpin.registry.internal.V10__EncryptPersonIdentifiers")
                .getDeclaredConstructor(PersonIdentifiers.class);
        v10.setAccessible(true);
        return Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .javaMigrations(
                        (JavaMigration) v10.newInstance(new PersonIdentifiers(cipher)), new V56__Helpers(cipher));
    }
}
