package org.fangpin.common.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fangpin.common.expression.RuleExpression.Type;
import org.junit.jupiter.api.Test;

class RuleExpressionTest {

    static final Map<String, Type> VOCABULARY = Map.of(
            "income", Type.NUMBER,
            "line", Type.NUMBER,
            "grade", Type.TEXT,
            "safe", Type.BOOLEAN);

    private static String sql(String e) {
        return RuleExpression.parse(e, VOCABULARY).sql(id -> "i." + id);
    }

    @Test
    void precedenceAndAssociativityAreThoseOfSql() {
        assertThat(sql("income < line * 1.5 - 2 / 4"))
                .isEqualTo("(i.income < ((i.line * 1.5) - (2.0 / NULLIF(4.0, 0))))");
        assertThat(sql("not safe or grade = 'C' and income >= 0"))
                .isEqualTo("((NOT i.safe) OR ((i.grade = 'C') AND (i.income >= 0.0)))");
        assertThat(sql("income - 1 - 2 > 0")).isEqualTo("(((i.income - 1.0) - 2.0) > 0.0)");
        assertThat(sql("GRADE IN ('C', 'D') AND Income Is Not Null"))
                .isEqualTo("((i.grade IN ('C', 'D')) AND (i.income IS NOT NULL))");
        assertThat(sql("income < -line")).isEqualTo("(i.income < (-i.line))");
        assertThat(sql("income != 1")).isEqualTo("(i.income <> 1.0)");
    }

    @Test
    void textIsReRenderedNeverPasted() {
        assertThat(sql("grade = 'x'' OR 1=1 --'")).isEqualTo("(i.grade = 'x'' OR 1=1 --')");
        assertThatThrownBy(() -> sql("income < 1; drop table alert"))
                .isInstanceOf(RuleExpression.Invalid.class)
                .extracting(e -> ((RuleExpression.Invalid) e).key())
                .isEqualTo("expression.unexpected");
    }

    @Test
    void namesAndTypesAreChecked() {
        assertThat(key("salary < 1")).isEqualTo("expression.unknown-name");
        assertThat(key("income + safe > 1")).isEqualTo("expression.needs-type");
        assertThat(key("income")).isEqualTo("expression.not-condition");
        assertThat(key("grade < 1")).isEqualTo("expression.cannot-compare");
        assertThat(key("income = 'C'")).isEqualTo("expression.cannot-compare");
        assertThat(key("safe < true")).isEqualTo("expression.boolean-compare");
        assertThat(key("grade in (1)")).isEqualTo("expression.in-literals");
        assertThat(key("(income < 1")).isEqualTo("expression.expected");
        assertThat(key("income < ")).isEqualTo("expression.end");
        assertThat(key("grade = 'C")).isEqualTo("expression.unterminated");
        assertThat(key("")).isEqualTo("expression.empty");
        RuleExpression.Invalid e = invalid("income < line and salary > 0");
        assertThat(e.position()).isEqualTo(18); // where "salary" starts
    }

    @Test
    void itRendersForPeopleAndNamesWhatItUses() {
        RuleExpression e = RuleExpression.parse("income < line * 1.5 and not safe", VOCABULARY);
        assertThat(e.identifiers()).containsExactly("income", "line", "safe");
        assertThat(e.render(id -> id + "(" + id.length() + ")", false))
                .isEqualTo("(income(6) < line(4) * 1.5 and not safe(4))");
        // in Chinese, the words of the rule are Chinese too
        assertThat(e.render(id -> id, true)).isEqualTo("(income < line * 1.5 且 非 safe)");
        assertThat(RuleExpression.parse("grade not in ('C', 'D') or grade is null", VOCABULARY)
                        .render(id -> id, true))
                .isEqualTo("(grade 不属于 ('C', 'D') 或 grade 无数据)");
    }

    @Test
    void theRenderingReadsAsTheRuleItIs() {
        assertThat(RuleExpression.parse("(income - 1000) * 2 < line", VOCABULARY)
                        .render(id -> id, false))
                .isEqualTo("(income - 1000) * 2 < line");
        assertThat(RuleExpression.parse("income - (line - 1) > -(line + 2)", VOCABULARY)
                        .render(id -> id, false))
                .isEqualTo("income - (line - 1) > -(line + 2)");
        assertThat(RuleExpression.parse("(income < 1) = safe and (grade is null) <> true", VOCABULARY)
                        .render(id -> id, false))
                .isEqualTo("((income < 1) = safe and (grade is null) <> TRUE)");
        assertThat(RuleExpression.parse("income * 2 - line / 4 >= 0", VOCABULARY)
                        .render(id -> id, false))
                .isEqualTo("income * 2 - line / 4 >= 0");
    }

    private static String key(String e) {
        return invalid(e).key();
    }

    private static RuleExpression.Invalid invalid(String e) {
        try {
            RuleExpression.parse(e, VOCABULARY);
        } catch (RuleExpression.Invalid x) {
            return x;
        }
        throw new AssertionError("accepted: " + e);
    }
}
