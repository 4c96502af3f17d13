package org.fangpin.monitoring.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

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
            this.key = "monitoring.expression." + key;
            this.position = position;
            this.args = args;
        }

        /** The message key ({@code monitoring.expression.*}); its arguments are {@link #args()}. */
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
    private final Node root;

    private RuleExpression(String source, Node root) {
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
        Parser p = new Parser(source, vocabulary);
        Node n = p.or();
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

    /** For people: the expression with each identifier shown as its label and value, e.g. 人均纯收入(5,800.00). */
    public String render(Function<String, String> identifier) {
        StringBuilder b = new StringBuilder();
        root.render(b, identifier);
        return b.toString();
    }

    @Override
    public String toString() {
        return source;
    }

    // ---- the tree

    private sealed interface Node {
        Type type();

        void sql(StringBuilder b, Function<String, String> id);

        void render(StringBuilder b, Function<String, String> id);

        default void identifiers(Set<String> out) {}

        /**
         * How tightly the node binds when rendered for people (or 1, and 2, not 3, comparisons 4, + - 5, * / 6,
         * unary minus 7, names and literals 8); an operand that binds more loosely than its place is parenthesised,
         * so that the text reads as the rule it is.
         */
        default int precedence() {
            return 8;
        }
    }

    /** Renders an operand, in parentheses when it binds more loosely than {@code least}. */
    private static void renderOperand(StringBuilder b, Node n, int least, Function<String, String> id) {
        boolean wrap = n.precedence() < least;
        if (wrap) {
            b.append('(');
        }
        n.render(b, id);
        if (wrap) {
            b.append(')');
        }
    }

    private record Literal(Object value, Type type) implements Node {
        @Override
        public void sql(StringBuilder b, Function<String, String> id) {
            switch (type) {
                case NUMBER -> b.append(sqlNumber((BigDecimal) value));
                case BOOLEAN -> b.append(((Boolean) value) ? "TRUE" : "FALSE");
                case TEXT ->
                    b.append('\'').append(((String) value).replace("'", "''")).append('\'');
            }
        }

        @Override
        public void render(StringBuilder b, Function<String, String> id) {
            if (type == Type.NUMBER) {
                b.append(((BigDecimal) value).toPlainString());
            } else {
                sql(b, id);
            }
        }
    }

    private record Ident(String name, Type type) implements Node {
        @Override
        public void sql(StringBuilder b, Function<String, String> id) {
            b.append(id.apply(name));
        }

        @Override
        public void render(StringBuilder b, Function<String, String> id) {
            b.append(id.apply(name));
        }

        @Override
        public void identifiers(Set<String> out) {
            out.add(name);
        }
    }

    private record Unary(String op, Node operand, Type type) implements Node {
        @Override
        public void sql(StringBuilder b, Function<String, String> id) {
            b.append(op.equals("not") ? "(NOT " : "(-");
            operand.sql(b, id);
            b.append(')');
        }

        @Override
        public void render(StringBuilder b, Function<String, String> id) {
            b.append(op.equals("not") ? "not " : "-");
            renderOperand(b, operand, precedence(), id);
        }

        @Override
        public int precedence() {
            return op.equals("not") ? 3 : 7;
        }

        @Override
        public void identifiers(Set<String> out) {
            operand.identifiers(out);
        }
    }

    private record Binary(String op, Node left, Node right, Type type) implements Node {
        @Override
        public void sql(StringBuilder b, Function<String, String> id) {
            b.append('(');
            if (op.equals("/")) {
                left.sql(b, id);
                b.append(" / NULLIF(");
                right.sql(b, id);
                b.append(", 0)");
            } else {
                left.sql(b, id);
                b.append(' ').append(op.equals("and") || op.equals("or") ? op.toUpperCase(Locale.ROOT) : op);
                b.append(' ');
                right.sql(b, id);
            }
            b.append(')');
        }

        @Override
        public void render(StringBuilder b, Function<String, String> id) {
            boolean logical = op.equals("and") || op.equals("or");
            if (logical) {
                b.append('(');
            }
            int p = own();
            // left-associative; a comparison takes sums on both sides
            renderOperand(b, left, p == 4 ? 5 : p, id);
            b.append(' ').append(op).append(' ');
            renderOperand(b, right, p == 4 ? 5 : p + 1, id);
            if (logical) {
                b.append(')');
            }
        }

        private int own() {
            return switch (op) {
                case "or" -> 1;
                case "and" -> 2;
                case "+", "-" -> 5;
                case "*", "/" -> 6;
                default -> 4;
            };
        }

        @Override
        public int precedence() {
            // and/or put themselves in parentheses
            return op.equals("and") || op.equals("or") ? 8 : own();
        }

        @Override
        public void identifiers(Set<String> out) {
            left.identifiers(out);
            right.identifiers(out);
        }
    }

    private record In(Node operand, List<Literal> values, boolean negated) implements Node {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        /** The literals, comma-separated, in SQL or for people. */
        private String list(boolean sql) {
            StringBuilder b = new StringBuilder();
            for (Literal v : values) {
                b.append(b.isEmpty() ? "" : ", ");
                if (sql) {
                    v.sql(b, null);
                } else {
                    v.render(b, null);
                }
            }
            return b.toString();
        }

        @Override
        public void sql(StringBuilder b, Function<String, String> id) {
            b.append('(');
            operand.sql(b, id);
            b.append(negated ? " NOT IN (" : " IN (").append(list(true)).append("))");
        }

        @Override
        public void render(StringBuilder b, Function<String, String> id) {
            renderOperand(b, operand, 5, id);
            b.append(negated ? " not in (" : " in (").append(list(false)).append(')');
        }

        @Override
        public int precedence() {
            return 4;
        }

        @Override
        public void identifiers(Set<String> out) {
            operand.identifiers(out);
        }
    }

    private record IsNull(Node operand, boolean negated) implements Node {
        @Override
        public Type type() {
            return Type.BOOLEAN;
        }

        @Override
        public void sql(StringBuilder b, Function<String, String> id) {
            b.append('(');
            operand.sql(b, id);
            b.append(negated ? " IS NOT NULL)" : " IS NULL)");
        }

        @Override
        public void render(StringBuilder b, Function<String, String> id) {
            renderOperand(b, operand, 5, id);
            b.append(negated ? " is not null" : " is null");
        }

        @Override
        public int precedence() {
            return 4;
        }

        @Override
        public void identifiers(Set<String> out) {
            operand.identifiers(out);
        }
    }

    // ---- the parser: recursive descent over a hand-rolled tokenizer

    private record Token(String kind, String text, int pos) {}

    private static final class Parser {
        private final String src;
        private final Map<String, Type> vocabulary;
        private final List<Token> tokens = new ArrayList<>();
        private int i;

        Parser(String src, Map<String, Type> vocabulary) {
            this.src = src;
            this.vocabulary = vocabulary;
            tokenize();
        }

        private void tokenize() {
            int p = 0;
            while (p < src.length()) {
                char c = src.charAt(p);
                if (Character.isWhitespace(c)) {
                    p++;
                } else if (Character.isDigit(c)
                        || (c == '.' && p + 1 < src.length() && Character.isDigit(src.charAt(p + 1)))) {
                    int s = p;
                    while (p < src.length() && (Character.isDigit(src.charAt(p)) || src.charAt(p) == '.')) {
                        p++;
                    }
                    tokens.add(new Token("num", src.substring(s, p), s));
                } else if (Character.isLetter(c) || c == '_') {
                    int s = p;
                    while (p < src.length() && (Character.isLetterOrDigit(src.charAt(p)) || src.charAt(p) == '_')) {
                        p++;
                    }
                    tokens.add(new Token("word", src.substring(s, p), s));
                } else if (c == '\'') {
                    int s = p++;
                    StringBuilder t = new StringBuilder();
                    while (true) {
                        if (p >= src.length()) {
                            throw new Invalid("unterminated", s);
                        }
                        char d = src.charAt(p++);
                        if (d == '\'') {
                            if (p < src.length() && src.charAt(p) == '\'') {
                                t.append('\'');
                                p++;
                            } else {
                                break;
                            }
                        } else {
                            t.append(d);
                        }
                    }
                    tokens.add(new Token("str", t.toString(), s));
                } else if ("<>=!".indexOf(c) >= 0) {
                    String two = p + 1 < src.length() ? src.substring(p, p + 2) : "";
                    if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=")) {
                        tokens.add(new Token("op", two.equals("!=") ? "<>" : two, p));
                        p += 2;
                    } else if (c == '!') {
                        throw new Invalid("unexpected", p, "!");
                    } else {
                        tokens.add(new Token("op", String.valueOf(c), p));
                        p++;
                    }
                } else if ("+-*/(),".indexOf(c) >= 0) {
                    tokens.add(new Token("op", String.valueOf(c), p));
                    p++;
                } else {
                    throw new Invalid("unexpected", p, String.valueOf(c));
                }
            }
            tokens.add(new Token("end", "", src.length()));
        }

        private Token peek() {
            return tokens.get(i);
        }

        private boolean word(String w) {
            Token t = peek();
            if (t.kind().equals("word") && t.text().equalsIgnoreCase(w)) {
                i++;
                return true;
            }
            return false;
        }

        private boolean op(String o) {
            Token t = peek();
            if (t.kind().equals("op") && t.text().equals(o)) {
                i++;
                return true;
            }
            return false;
        }

        void expectEnd() {
            if (!peek().kind().equals("end")) {
                throw new Invalid("unexpected", peek().pos(), peek().text());
            }
        }

        Node or() {
            return level(this::and, Type.BOOLEAN, "or");
        }

        Node and() {
            return level(this::not, Type.BOOLEAN, "and");
        }

        /** A left-associative level: operands from {@code next} joined by one of {@code ops}, all of one type. */
        private Node level(Supplier<Node> next, Type type, String... ops) {
            Node left = next.get();
            while (true) {
                Token t = peek();
                String found = null;
                for (String o : ops) {
                    if (Character.isLetter(o.charAt(0)) ? word(o) : op(o)) {
                        found = o;
                        break;
                    }
                }
                if (found == null) {
                    return left;
                }
                Node right = next.get();
                require(left, type, t.pos(), found);
                require(right, type, t.pos(), found);
                left = new Binary(found, left, right, type);
            }
        }

        Node not() {
            int pos = peek().pos();
            if (word("not")) {
                Node n = not();
                require(n, Type.BOOLEAN, pos, "not");
                return new Unary("not", n, Type.BOOLEAN);
            }
            return comparison();
        }

        Node comparison() {
            Node left = sum();
            Token t = peek();
            if (t.kind().equals("op")
                    && List.of("<", "<=", ">", ">=", "=", "<>").contains(t.text())) {
                i++;
                Node right = sum();
                if (left.type() != right.type()) {
                    throw new Invalid("cannot-compare", t.pos(), left.type(), right.type());
                }
                if (left.type() == Type.BOOLEAN
                        && !(t.text().equals("=") || t.text().equals("<>"))) {
                    throw new Invalid("boolean-compare", t.pos());
                }
                return new Binary(t.text(), left, right, Type.BOOLEAN);
            }
            boolean negated = false;
            int pos = t.pos();
            if (word("is")) {
                negated = word("not");
                if (!word("null")) {
                    throw new Invalid("expected", peek().pos(), "null");
                }
                return new IsNull(left, negated);
            }
            if (word("not")) {
                negated = true;
                if (!peek().text().equalsIgnoreCase("in")) {
                    throw new Invalid("expected", peek().pos(), "in");
                }
            }
            if (word("in")) {
                if (!op("(")) {
                    throw new Invalid("expected", peek().pos(), "(");
                }
                List<Literal> values = new ArrayList<>();
                do {
                    Node v = primary();
                    if (!(v instanceof Literal lit) || lit.type() != left.type()) {
                        throw new Invalid("in-literals", pos, left.type());
                    }
                    values.add(lit);
                } while (op(","));
                if (!op(")")) {
                    throw new Invalid("expected", peek().pos(), ")");
                }
                return new In(left, values, negated);
            }
            return left;
        }

        Node sum() {
            return level(this::term, Type.NUMBER, "+", "-");
        }

        Node term() {
            return level(this::unary, Type.NUMBER, "*", "/");
        }

        Node unary() {
            int pos = peek().pos();
            if (op("-")) {
                Node n = unary();
                require(n, Type.NUMBER, pos, "-");
                if (n instanceof Literal lit) {
                    return new Literal(((BigDecimal) lit.value()).negate(), Type.NUMBER);
                }
                return new Unary("-", n, Type.NUMBER);
            }
            return primary();
        }

        Node primary() {
            Token t = peek();
            switch (t.kind()) {
                case "num" -> {
                    i++;
                    try {
                        return new Literal(new BigDecimal(t.text()), Type.NUMBER);
                    } catch (NumberFormatException e) {
                        throw new Invalid("number", t.pos(), t.text());
                    }
                }
                case "str" -> {
                    i++;
                    if (t.text().length() > 100) {
                        throw new Invalid("text-too-long", t.pos());
                    }
                    return new Literal(t.text(), Type.TEXT);
                }
                case "word" -> {
                    i++;
                    String w = t.text();
                    if (w.equalsIgnoreCase("true") || w.equalsIgnoreCase("false")) {
                        return new Literal(Boolean.parseBoolean(w.toLowerCase(Locale.ROOT)), Type.BOOLEAN);
                    }
                    Type type = vocabulary.get(w.toLowerCase(Locale.ROOT));
                    if (type == null) {
                        throw new Invalid("unknown-name", t.pos(), w);
                    }
                    return new Ident(w.toLowerCase(Locale.ROOT), type);
                }
                case "op" -> {
                    if (t.text().equals("(")) {
                        i++;
                        Node n = or();
                        if (!op(")")) {
                            throw new Invalid("expected", peek().pos(), ")");
                        }
                        return n;
                    }
                    throw new Invalid("unexpected", t.pos(), t.text());
                }
                default -> throw new Invalid("end", t.pos());
            }
        }

        private static void require(Node n, Type type, int pos, String op) {
            if (n.type() != type) {
                throw new Invalid("needs-type", pos, op, type, n.type());
            }
        }
    }
}
