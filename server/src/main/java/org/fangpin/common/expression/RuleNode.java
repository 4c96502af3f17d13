package org.fangpin.common.expression;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.fangpin.common.expression.RuleExpression.Type;

/**
 * A node of a parsed {@link RuleExpression}: its type, how it compiles to portable SQL, and how it reads for people
 * (with the fewest parentheses that keep its meaning). Built by {@link RuleParser}.
 */
sealed interface RuleNode {
    Type type();

    void sql(StringBuilder b, Function<String, String> id);

    void render(StringBuilder b, Function<String, String> id, boolean zh);

    default void identifiers(Set<String> out) {}

    /**
     * How tightly the node binds when rendered for people (or 1, and 2, not 3, comparisons 4, + - 5, * / 6,
     * unary minus 7, names and literals 8); an operand that binds more loosely than its place is parenthesised,
     * so that the text reads as the rule it is.
     */
    default int precedence() {
        return 8;
    }

    /** Renders an operand, in parentheses when it binds more loosely than {@code least}. */
    private static void renderOperand(StringBuilder b, RuleNode n, int least, Function<String, String> id, boolean zh) {
        boolean wrap = n.precedence() < least;
        if (wrap) {
            b.append('(');
        }
        n.render(b, id, zh);
        if (wrap) {
            b.append(')');
        }
    }

    record Literal(Object value, Type type) implements RuleNode {
        @Override
        public void sql(StringBuilder b, Function<String, String> id) {
            switch (type) {
                case NUMBER -> b.append(RuleExpression.sqlNumber((BigDecimal) value));
                case BOOLEAN -> b.append(((Boolean) value) ? "TRUE" : "FALSE");
                case TEXT ->
                    b.append('\'').append(((String) value).replace("'", "''")).append('\'');
            }
        }

        @Override
        public void render(StringBuilder b, Function<String, String> id, boolean zh) {
            if (type == Type.NUMBER) {
                b.append(((BigDecimal) value).toPlainString());
            } else {
                sql(b, id);
            }
        }
    }

    record Ident(String name, Type type) implements RuleNode {
        @Override
        public void sql(StringBuilder b, Function<String, String> id) {
            b.append(id.apply(name));
        }

        @Override
        public void render(StringBuilder b, Function<String, String> id, boolean zh) {
            b.append(id.apply(name));
        }

        @Override
        public void identifiers(Set<String> out) {
            out.add(name);
        }
    }

    record Unary(String op, RuleNode operand, Type type) implements RuleNode {
        @Override
        public void sql(StringBuilder b, Function<String, String> id) {
            b.append(op.equals("not") ? "(NOT " : "(-");
            operand.sql(b, id);
            b.append(')');
        }

        @Override
        public void render(StringBuilder b, Function<String, String> id, boolean zh) {
            b.append(op.equals("not") ? (zh ? "非 " : "not ") : "-");
            renderOperand(b, operand, precedence(), id, zh);
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

    record Binary(String op, RuleNode left, RuleNode right, Type type) implements RuleNode {
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
        public void render(StringBuilder b, Function<String, String> id, boolean zh) {
            boolean logical = op.equals("and") || op.equals("or");
            if (logical) {
                b.append('(');
            }
            int p = own();
            // left-associative; a comparison takes sums on both sides
            renderOperand(b, left, p == 4 ? 5 : p, id, zh);
            b.append(' ')
                    .append(zh && logical ? (op.equals("and") ? "且" : "或") : op)
                    .append(' ');
            renderOperand(b, right, p == 4 ? 5 : p + 1, id, zh);
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

    record In(RuleNode operand, List<Literal> values, boolean negated) implements RuleNode {
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
                    v.render(b, null, false);
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
        public void render(StringBuilder b, Function<String, String> id, boolean zh) {
            renderOperand(b, operand, 5, id, zh);
            b.append(zh ? (negated ? " 不属于 (" : " 属于 (") : (negated ? " not in (" : " in ("))
                    .append(list(false))
                    .append(')');
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

    record IsNull(RuleNode operand, boolean negated) implements RuleNode {
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
        public void render(StringBuilder b, Function<String, String> id, boolean zh) {
            renderOperand(b, operand, 5, id, zh);
            b.append(zh ? (negated ? " 有数据" : " 无数据") : (negated ? " is not null" : " is null"));
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
}
