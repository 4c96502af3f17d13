package org.fangpin.common.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.fangpin.common.expression.RuleExpression.Invalid;
import org.fangpin.common.expression.RuleExpression.Type;

/**
 * The parser of {@link RuleExpression}: recursive descent over a hand-rolled tokenizer, checking types and names
 * (against the vocabulary) as it builds the {@link RuleNode} tree.
 */
final class RuleParser {

    private record Token(String kind, String text, int pos) {}

    private final String src;
    private final Map<String, Type> vocabulary;
    private final List<Token> tokens = new ArrayList<>();
    private int i;

    RuleParser(String src, Map<String, Type> vocabulary) {
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

    RuleNode or() {
        return level(this::and, Type.BOOLEAN, "or");
    }

    RuleNode and() {
        return level(this::not, Type.BOOLEAN, "and");
    }

    /** A left-associative level: operands from {@code next} joined by one of {@code ops}, all of one type. */
    private RuleNode level(Supplier<RuleNode> next, Type type, String... ops) {
        RuleNode left = next.get();
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
            RuleNode right = next.get();
            require(left, type, t.pos(), found);
            require(right, type, t.pos(), found);
            left = new RuleNode.Binary(found, left, right, type);
        }
    }

    RuleNode not() {
        int pos = peek().pos();
        if (word("not")) {
            RuleNode n = not();
            require(n, Type.BOOLEAN, pos, "not");
            return new RuleNode.Unary("not", n, Type.BOOLEAN);
        }
        return comparison();
    }

    RuleNode comparison() {
        RuleNode left = sum();
        Token t = peek();
        if (t.kind().equals("op") && List.of("<", "<=", ">", ">=", "=", "<>").contains(t.text())) {
            i++;
            RuleNode right = sum();
            if (left.type() != right.type()) {
                throw new Invalid("cannot-compare", t.pos(), left.type(), right.type());
            }
            if (left.type() == Type.BOOLEAN
                    && !(t.text().equals("=") || t.text().equals("<>"))) {
                throw new Invalid("boolean-compare", t.pos());
            }
            return new RuleNode.Binary(t.text(), left, right, Type.BOOLEAN);
        }
        boolean negated = false;
        int pos = t.pos();
        if (word("is")) {
            negated = word("not");
            if (!word("null")) {
                throw new Invalid("expected", peek().pos(), "null");
            }
            return new RuleNode.IsNull(left, negated);
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
            List<RuleNode.Literal> values = new ArrayList<>();
            do {
                RuleNode v = primary();
                if (!(v instanceof RuleNode.Literal lit) || lit.type() != left.type()) {
                    throw new Invalid("in-literals", pos, left.type());
                }
                values.add(lit);
            } while (op(","));
            if (!op(")")) {
                throw new Invalid("expected", peek().pos(), ")");
            }
            return new RuleNode.In(left, values, negated);
        }
        return left;
    }

    RuleNode sum() {
        return level(this::term, Type.NUMBER, "+", "-");
    }

    RuleNode term() {
        return level(this::unary, Type.NUMBER, "*", "/");
    }

    RuleNode unary() {
        int pos = peek().pos();
        if (op("-")) {
            RuleNode n = unary();
            require(n, Type.NUMBER, pos, "-");
            if (n instanceof RuleNode.Literal lit) {
                return new RuleNode.Literal(((BigDecimal) lit.value()).negate(), Type.NUMBER);
            }
            return new RuleNode.Unary("-", n, Type.NUMBER);
        }
        return primary();
    }

    RuleNode primary() {
        Token t = peek();
        switch (t.kind()) {
            case "num" -> {
                i++;
                try {
                    return new RuleNode.Literal(new BigDecimal(t.text()), Type.NUMBER);
                } catch (NumberFormatException e) {
                    throw new Invalid("number", t.pos(), t.text());
                }
            }
            case "str" -> {
                i++;
                if (t.text().length() > 100) {
                    throw new Invalid("text-too-long", t.pos());
                }
                return new RuleNode.Literal(t.text(), Type.TEXT);
            }
            case "word" -> {
                i++;
                String w = t.text();
                if (w.equalsIgnoreCase("true") || w.equalsIgnoreCase("false")) {
                    return new RuleNode.Literal(Boolean.parseBoolean(w.toLowerCase(Locale.ROOT)), Type.BOOLEAN);
                }
                Type type = vocabulary.get(w.toLowerCase(Locale.ROOT));
                if (type == null) {
                    throw new Invalid("unknown-name", t.pos(), w);
                }
                return new RuleNode.Ident(w.toLowerCase(Locale.ROOT), type);
            }
            case "op" -> {
                if (t.text().equals("(")) {
                    i++;
                    RuleNode n = or();
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

    private static void require(RuleNode n, Type type, int pos, String op) {
        if (n.type() != type) {
            throw new Invalid("needs-type", pos, op, type, n.type());
        }
    }
}
