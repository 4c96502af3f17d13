package org.fangpin.common.expression;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.expression.RuleExpression.Type;

/**
 * Conditions over the columns of one row and the policy parameters — an assessment indicator's filter and
 * condition, a data-quality check — parsed against that vocabulary and compiled to SQL: a column becomes {@code
 * alias.column} (numbers cast to {@code numeric}, so that no engine divides integers), a parameter its value in force
 * as a decimal literal ({@code null} when it has none). Columns shadow parameters of the same name.
 */
public final class Conditions {

    private Conditions() {}

    /** A condition as SQL, with the parameters it named and their values. */
    public record Compiled(String sql, Map<String, BigDecimal> parameters) {}

    /** What a condition may name: every parameter (a number), then the columns. */
    public static Map<String, Type> vocabulary(Set<String> parameters, Map<String, Type> columns) {
        Map<String, Type> v = new LinkedHashMap<>();
        parameters.forEach(p -> v.put(p, Type.NUMBER));
        v.putAll(columns);
        return v;
    }

    /**
     * Parses {@code source} against the vocabulary and compiles it over the row {@code alias}; {@link
     * RuleExpression.Invalid} when it does not parse.
     */
    public static Compiled compile(
            String source,
            Map<String, Type> columns,
            Map<String, BigDecimal> values,
            Set<String> parameters,
            String alias) {
        Map<String, BigDecimal> used = new LinkedHashMap<>();
        String sql = RuleExpression.parse(source, vocabulary(parameters, columns))
                .sql(name -> {
                    Type column = columns.get(name);
                    if (column != null) {
                        return column == Type.NUMBER
                                ? "cast(" + alias + "." + name + " as numeric)"
                                : alias + "." + name;
                    }
                    BigDecimal v = values.get(name);
                    used.put(name, v);
                    return v == null ? "cast(null as numeric)" : RuleExpression.sqlNumber(v);
                });
        return new Compiled(sql, used);
    }
}
