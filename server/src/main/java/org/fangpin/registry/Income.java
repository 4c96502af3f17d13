package org.fangpin.registry;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * 家庭年收入 — a household's annual income items in yuan: 工资性, 生产经营性, 财产性, 转移性 income and 生产经营性支出.
 * Net income = the four items − production costs.
 */
public record Income(
        @Min(2013) @Max(2100) Integer year,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal wage,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal production,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal property,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal transfer,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal productionCost) {

    public static final Income NONE = new Income(null, null, null, null, null, null);

    @JsonIgnore
    public boolean isEmpty() {
        return year == null
                && Stream.of(wage, production, property, transfer, productionCost)
                        .allMatch(v -> v == null);
    }

    /** 家庭年纯收入; empty when no income was recorded. */
    public Optional<BigDecimal> net() {
        if (isEmpty()) {
            return Optional.empty();
        }
        BigDecimal sum = Stream.of(wage, production, property, transfer)
                .map(v -> v == null ? BigDecimal.ZERO : v)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return Optional.of(sum.subtract(productionCost == null ? BigDecimal.ZERO : productionCost));
    }
}
