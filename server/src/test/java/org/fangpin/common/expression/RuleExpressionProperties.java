package org.fangpin.common.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Properties of the rule language over random expressions: every valid one compiles to SQL that DuckDB accepts and
 * reads back the same from its rendering; every broken one is refused with a reason users can read (a message key
 * in both languages), and nothing else escapes the parser. Each run draws new expressions from a seed it prints
 * (set {@code -Dfangpin.properties.seed=N} to replay one); a failure names the seed, the try and the expression.
 */
class RuleExpressionProperties {

    private static final long SEED = Long.getLong("fangpin.properties.seed", System.nanoTime());

    private static final String ROWS = "(VALUES (1200.5, 6000, 'C', true), (NULL, 0, NULL, NULL),"
            + " (-3, 7000.25, 'D''x', false), (0, NULL, '', true)) AS i(income, line, grade, safe)";

    private static Connection duckdb;
    private static Properties zh;
    private static Properties en;

    @BeforeAll
    static void open() throws SQLException, IOException {
        System.out.println("RuleExpressionProperties seed " + SEED);
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        zh = messages("/messages_zh_CN.properties");
        en = messages("/messages_en.properties");
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    @Test
    void aValidExpressionCompilesToSqlTheEngineRuns() throws SQLException {
        Random r = new Random(SEED);
        for (int i = 0; i < 500; i++) {
            String source = condition(r, 4);
            String where = "seed " + SEED + ", try " + i + ": " + source;
            RuleExpression e = parse(source, where);
            String sql = e.sql(id -> "i." + id);
            assertThat(count(sql)).as(where).isBetween(0L, 4L);
            // what people read is the same rule: parsed again, it compiles to the same SQL
            assertThat(RuleExpression.parse(e.render(id -> id, false), RuleExpressionTest.VOCABULARY)
                            .sql(id -> "i." + id))
                    .as(where)
                    .isEqualTo(sql);
        }
    }

    @Test
    void aBrokenExpressionIsRefusedWithAReasonOrIsStillValid() throws SQLException {
        Random r = new Random(SEED + 1);
        int refused = 0;
        for (int i = 0; i < 800; i++) {
            String source = broken(r);
            String where = "seed " + (SEED + 1) + ", try " + i + ": " + source;
            RuleExpression e;
            try {
                e = RuleExpression.parse(source, RuleExpressionTest.VOCABULARY);
            } catch (RuleExpression.Invalid x) {
                refused++;
                assertThat(zh).as(where).containsKey(x.key());
                assertThat(en).as(where).containsKey(x.key());
                assertThat(x.position()).as(where).isBetween(0, source.length());
                continue;
            }
            // the damage happened to leave a valid expression: then it runs like any other
            assertThat(count(e.sql(id -> "i." + id))).as(where).isBetween(0L, 4L);
        }
        assertThat(refused).as("most damaged expressions are refused").isGreaterThan(400);
    }

    private static RuleExpression parse(String source, String where) {
        try {
            return RuleExpression.parse(source, RuleExpressionTest.VOCABULARY);
        } catch (RuleExpression.Invalid e) {
            throw new AssertionError(where + " refused: " + e.getMessage(), e);
        }
    }

    private static long count(String condition) throws SQLException {
        try (Statement s = duckdb.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + ROWS + " WHERE " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A valid expression with one kind of damage: a character the language lacks, a cut, a swapped word. */
    private static String broken(Random r) {
        String e = condition(r, 3);
        int at = r.nextInt(e.length() + 1);
        return switch (r.nextInt(6)) {
            case 0 -> e.substring(0, at) + pick(r, List.of(";", "!", "#", "\"", "$", "{", "?", "'")) + e.substring(at);
            case 1 -> e.substring(0, at);
            case 2 -> e.replaceFirst("income|line|grade|safe", pick(r, List.of("salary", "drop", "x1", "_")));
            case 3 -> e.replaceFirst("\\)", "");
            case 4 ->
                e.substring(0, at)
                        + pick(r, List.of(" and ", " < ", " in ", " is ", " not ", "(", ",", "1.2.3"))
                        + e.substring(at);
            default -> e.replaceFirst("'[^']*'", pick(r, List.of("1", "true", "grade", "'" + "x".repeat(101) + "'")));
        };
    }

    // ---- a generator of valid expressions, by type

    private static String condition(Random r, int depth) {
        if (depth <= 0) {
            return comparison(r, 0);
        }
        return switch (r.nextInt(7)) {
            case 0 ->
                condition(r, depth - 1) + pick(r, List.of(" and ", " AND ", " or ", " Or ")) + condition(r, depth - 1);
            case 1 -> "not " + condition(r, depth - 1);
            case 2 -> "(" + condition(r, depth - 1) + ")";
            case 3 -> pick(r, List.of("safe", "true", "FALSE", "(safe)"));
            default -> comparison(r, depth - 1);
        };
    }

    private static String comparison(Random r, int depth) {
        return switch (r.nextInt(8)) {
            case 0, 1, 2 ->
                number(r, depth)
                        + pick(r, List.of(" < ", " <= ", " > ", " >= ", " = ", " <> ", " != ", "<"))
                        + number(r, depth);
            case 3 -> text(r) + pick(r, List.of(" = ", " <> ", " < ")) + text(r);
            case 4 ->
                pick(r, List.of("grade", "'C'")) + pick(r, List.of(" in (", " not in (", " IN (")) + text(r, true)
                        + (r.nextBoolean() ? ", " + text(r, true) : "") + ")";
            case 5 ->
                number(r, depth) + pick(r, List.of(" in (", " not in (")) + literal(r)
                        + (r.nextBoolean() ? ", " + literal(r) : "") + ")";
            case 6 ->
                pick(r, List.of("income", "grade", "safe", "line"))
                        + pick(r, List.of(" is null", " is not null", " IS NULL"));
            default ->
                pick(r, List.of("safe", "(" + condition(r, 0) + ")"))
                        + pick(r, List.of(" = ", " <> "))
                        + pick(r, List.of("true", "false", "safe"));
        };
    }

    private static String number(Random r, int depth) {
        if (depth <= 0 || r.nextInt(3) == 0) {
            return switch (r.nextInt(4)) {
                case 0 -> "income";
                case 1 -> "Line";
                case 2 -> "-" + literal(r);
                default -> literal(r);
            };
        }
        return switch (r.nextInt(3)) {
            case 0 ->
                number(r, depth - 1) + pick(r, List.of(" + ", " - ", " * ", " / ", "*", "-")) + number(r, depth - 1);
            case 1 -> "(" + number(r, depth - 1) + ")";
            default -> "-" + number(r, depth - 1);
        };
    }

    private static String literal(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "0";
            case 1 -> String.valueOf(r.nextInt(100_000));
            case 2 -> r.nextInt(1000) + "." + r.nextInt(100);
            default -> "." + r.nextInt(10);
        };
    }

    private static String text(Random r) {
        return r.nextBoolean() ? "grade" : text(r, true);
    }

    private static String text(Random r, boolean literal) {
        return "'"
                + pick(r, List.of("C", "", "it''s", "' OR 1=1 --", "贫困", "a b")).replace("' OR", "'' OR") + "'";
    }

    private static String pick(Random r, List<String> options) {
        return options.get(r.nextInt(options.size()));
    }

    private static Properties messages(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = RuleExpressionProperties.class.getResourceAsStream(resource)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
