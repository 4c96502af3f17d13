package org.fangpin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.fangpin.common.Department;
import org.fangpin.project.BenefitLink;
import org.fangpin.project.FundSource;
import org.fangpin.project.ProjectType;
import org.fangpin.project.Projects;
import org.fangpin.registry.IdNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Test fixtures: a small region tree, valid ID numbers, files. */
public final class TestData {

    public static final String PROVINCE = "420000000000";
    public static final String CITY = "421100000000";
    public static final String COUNTY = "421122000000";
    public static final String TOWNSHIP = "421122100000";
    public static final String VILLAGE = "421122100201";
    public static final String VILLAGE_2 = "421122100202";
    public static final String OTHER_TOWNSHIP = "421122101000";
    public static final String OTHER_VILLAGE = "421122101201";

    public static final String REGIONS_CSV = """
            code,name,parent_code,level
            420000000000,湖北省,,1
            421100000000,黄冈市,420000000000,2
            421122000000,红安县,421100000000,3
            421122100000,城关镇,421122000000,4
            421122100201,桃园村,421122100000,5
            421122100202,柳林村,421122100000,5
            421122101000,八里湾镇,421122000000,4
            421122101201,石桥村,421122101000,5
            """;

    /** The platform's zone (the application's clock): "today" in a test is today there, whatever the machine's zone. */
    public static final java.time.ZoneId ZONE = java.time.ZoneId.of("Asia/Shanghai");

    private TestData() {}

    /**
     * What a reset keeps: the schema history, reference data the migrations seed (permissions, measure types,
     * parameter definitions, the shipped indicators, rule sets, values and periods — their test-made rows are deleted below),
     * accounts, tokens and keys, the append-only audit log, and regions (deleted below, after what refers to them).
     * Every other table — including any table a later migration adds — is emptied.
     */
    private static final List<String> KEPT = List.of(
            "flyway_schema_history",
            "permission_seeded",
            "role_permission",
            "measure_type",
            "parameter_definition",
            "indicator",
            "quality_check",
            "rule_set",
            "rule_definition",
            "policy_parameter",
            "policy_period",
            "app_user",
            "api_token",
            "crypto_key",
            "audit_log",
            "region");

    /** Empties every table but those {@link #KEPT}, as the schema lists them, so each test starts from nothing. */
    public static void reset(JdbcClient jdbc) {
        List<String> tables = jdbc.sql(
                        "select quote_ident(tablename) from pg_tables where schemaname = current_schema()"
                                + " and tablename <> all(:kept) order by tablename")
                .param("kept", KEPT.toArray(String[]::new))
                .query(String.class)
                .list();
        jdbc.sql("truncate " + String.join(", ", tables)).update();
        // rule sets and parameter values other than the shipped (national) defaults; a test's own, made without a
        // signed-in user, are 'system' too, but they are a province's
        jdbc.sql("delete from rule_set where created_by <> 'system' or province_code is not null")
                .update();
        jdbc.sql("delete from policy_parameter where (recorded_by <> 'system' or province_code is not null)"
                        + " and recorded_by <> 'migration'")
                .update();
        // indicators a test defined (the shipped ones are the migration's, 'system')
        jdbc.sql("delete from indicator where updated_by <> 'system'").update();
        jdbc.sql("delete from quality_check where updated_by <> 'system'").update();
        jdbc.sql("delete from policy_period where recorded_by <> 'system' or province_code is not null")
                .update();
        jdbc.sql("delete from region").update(); // users may reference regions, so no truncate
    }

    /** (Re)creates a user bound to a region (null: none) with a known password. */
    public static void user(
            JdbcClient jdbc,
            PasswordEncoder encoder,
            String name,
            String role,
            String region,
            String password,
            boolean mustChangePassword) {
        jdbc.sql("delete from api_token where username = ?").param(name).update();
        jdbc.sql("delete from app_user where username = ?").param(name).update();
        jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code,"
                        + " must_change_password) values (?, ?, ?, ?, ?, ?)")
                .params(name, encoder.encode(password), name, role, region, mustChangePassword)
                .update();
    }

    /**
     * A university placed in {@code region} with one office account {@code user} (role UNIVERSITY, not cleared for
     * classified results); returns the university's id.
     */
    public static long university(
            JdbcClient jdbc, PasswordEncoder encoder, String name, String region, String user, String password) {
        long id = jdbc.sql("insert into ip_university (name, region_code, created_by) values (?, ?, 't') returning id")
                .params(name, region)
                .query(Long.class)
                .single();
        user(jdbc, encoder, user, "UNIVERSITY", region, password, false);
        jdbc.sql("insert into ip_university_user (username, university_id, created_by) values (?, ?, 't')")
                .params(user, id)
                .update();
        return id;
    }

    /** A valid ID number: prefix 421122, the birth date, sequence {@code seq} (odd = male). */
    public static String id(LocalDate birth, int seq) {
        String first17 = "421122" + birth.toString().replace("-", "") + String.format("%03d", seq);
        return first17 + IdNumber.checkChar(first17);
    }

    public static String id(String birth, int seq) {
        return id(LocalDate.parse(birth), seq);
    }

    public static Path write(Path dir, String name, String content, Charset charset) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, content, charset);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path dir, String name, String content) {
        return write(dir, name, content, StandardCharsets.UTF_8);
    }

    /** The text of every page of a PDF, as a reader extracts it. */
    public static String pdfText(byte[] pdf) throws IOException {
        com.lowagie.text.pdf.PdfReader reader = new com.lowagie.text.pdf.PdfReader(pdf);
        com.lowagie.text.pdf.parser.PdfTextExtractor x = new com.lowagie.text.pdf.parser.PdfTextExtractor(reader);
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= reader.getNumberOfPages(); i++) {
            out.append(x.getTextFromPage(i)).append('\n');
        }
        reader.close();
        return out.toString();
    }

    /**
     * A village's application for an industry project of {@code year}: a tea-processing plant, 800,000 of 中央衔接资金
     * and 150,000 of 以工代赈, 40 households (12 poor) planned, employment and dividends; {@code appliedOn} null for
     * today.
     */
    public static Projects.Application application(String region, int year, String name, LocalDate appliedOn) {
        return new Projects.Application(
                region,
                year,
                name,
                ProjectType.INDUSTRY,
                "种植",
                Department.AGRICULTURE,
                "桃园村三组",
                "新建茶叶加工厂房 600 平方米",
                "桃园村股份经济合作社",
                "王五",
                false,
                List.of(BenefitLink.EMPLOYMENT, BenefitLink.DIVIDEND),
                40,
                130,
                12,
                new BigDecimal("60000.00"),
                List.of(
                        new Projects.Budget(FundSource.CENTRAL_LINKAGE, new BigDecimal("800000.00")),
                        new Projects.Budget(FundSource.WORK_RELIEF, new BigDecimal("150000.00"))),
                List.of(new Projects.Target("带动脱贫户务工", "不少于12户")),
                appliedOn);
    }
}
