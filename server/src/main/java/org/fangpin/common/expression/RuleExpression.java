package org.fangpin.common.expression;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A rule's condition, parsed — never pasted into SQL. The language is small: numbers, {@code 'TEXT'} literals,
 * {@code true}/{@code false}, identifiers (indicators and policy parameters, checked against a vocabulary),
 * {@code + - * /}, comparisons {@code < <= > >= = <>}, {@code in ('C', 'D')}, {@code is [not] null}, {@code and},
 * {@code or}, {@code not} and parentheses. Types are checked: {@code and} wants truth values, arithmetic wants
 * numbers.
 *
 * <p>An expression compiles to a portable SQL boolean expression (standard SQL that DuckDB and Spark SQL both
 * run); identifiers become what the caller maps them to, and division never fails on zero (it yields null, and a
 * comparison with null does not fire).
 */
public final class RuleExpression {

    /** The type of a value in an expression. */
    public enum Type {
        NUMBER,
        BOOLEAN,
        TEXT
    }

    /** A malformed or ill-typed expression: what is wrong and where (0-based character offset). */
    public static final class Invalid extends RuntimeException {
        private final String key;
        private final int position;
        private final transient Object[] args;

        Invalid(String key, int position, Object... args) {
            super(key + " " + Arrays.toString(args) + " at " + (position + 1));
            this.key = "expression." + key;
            this.position = position;
            this.args = args;
        }

        /** The message key ({@code expression.*}); its arguments are {@link #args()}. */
        public String key() {
            return key;
        }

        public Object[] args() {
            return args.clone();
        }

        /** 0-based offset in the expression. */
        public int position() {
            return position;
        }
    }

    private final String source;
    private final RuleNode root;

    private RuleExpression(String source, RuleNode root) {
        this.source = source;
        this.root = root;
    }

    /** Parses and type-checks; the expression must be a truth value. */
    public static RuleExpression parse(String source, Map<String, Type> vocabulary) {
        if (source == null || source.isBlank()) {
            throw new Invalid("empty", 0);
        }
        if (source.length() > 2000) {
            throw new Invalid("too-long", 2000);
        }
        RuleParser p = new RuleParser(source, vocabulary);
        RuleNode n = p.or();
        p.expectEnd();
        if (n.type() != Type.BOOLEAN) {
            throw new Invalid("not-condition", 0, n.type());
        }
        return new RuleExpression(source, n);
    }

    public String source() {
        return source;
    }

    /** The identifiers used, in order of first appearance. */
    public Set<String> identifiers() {
        Set<String> out = new LinkedHashSet<>();
        root.identifiers(out);
        return out;
    }

    /** The SQL boolean expression, each identifier replaced by {@code identifier.apply(name)}. */
    public String sql(Function<String, String> identifier) {
        StringBuilder b = new StringBuilder();
        root.sql(b, identifier);
        return b.toString();
    }

    /**
     * A number as SQL: a decimal, never an integer — engines type 78791 as a 32-bit integer, and a product of two
     * such overflows and fails the run; 78791.0 is an exact decimal in DuckDB and Spark alike. Rule literals and
     * parameter values both go through here.
     */
    public static String sqlNumber(BigDecimal v) {
        String plain = v.toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }

    /**
     * For people: the expression with each identifier shown as its label and value, e.g. 人均纯收入(5,800.00), and
     * its words (且, 或, 非, 属于, 无数据) in Chinese when {@code zh}.
     */
    public String render(Function<String, String> identifier, boolean zh) {
        StringBuilder b = new StringBuilder();
        root.render(b, identifier, zh);
        return b.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
