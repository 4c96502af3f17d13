package org.fangpin.registry;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fangpin.TestData;

/** Builds household template files for tests: one {@link #person} call per row, household fields by default. */
final class HouseholdCsv {

    private final List<Map<HouseholdColumn, String>> rows = new ArrayList<>();

    static Map<HouseholdColumn, String> household(String no, String village) {
        Map<HouseholdColumn, String> m = new EnumMap<>(HouseholdColumn.class);
        m.put(HouseholdColumn.HOUSEHOLD_NO, no);
        m.put(HouseholdColumn.VILLAGE_CODE, village);
        m.put(HouseholdColumn.ADDRESS, "一组 8 号");
        m.put(HouseholdColumn.IDENTITY, "脱贫户");
        m.put(HouseholdColumn.EXIT_YEAR, "2019");
        m.put(HouseholdColumn.HOUSING_GRADE, "B");
        m.put(HouseholdColumn.WATER_SAFE, "是");
        m.put(HouseholdColumn.INCOME_YEAR, "2025");
        m.put(HouseholdColumn.INCOME_WAGE, "18000.00");
        m.put(HouseholdColumn.INCOME_PRODUCTION, "6000.00");
        m.put(HouseholdColumn.INCOME_TRANSFER, "1500.50");
        m.put(HouseholdColumn.PRODUCTION_COST, "2000.00");
        return m;
    }

    HouseholdCsv person(Map<HouseholdColumn, String> household, String name, String id, String relation) {
        return person(household, name, id, relation, Map.of());
    }

    HouseholdCsv person(
            Map<HouseholdColumn, String> household,
            String name,
            String id,
            String relation,
            Map<HouseholdColumn, String> extra) {
        Map<HouseholdColumn, String> m = new EnumMap<>(household);
        m.put(HouseholdColumn.NAME, name);
        m.put(HouseholdColumn.ID_NUMBER, id);
        m.put(HouseholdColumn.RELATION, relation);
        m.put(HouseholdColumn.HEALTH, "健康");
        m.put(HouseholdColumn.LABOUR_CAPACITY, "普通劳动力");
        m.put(HouseholdColumn.MEDICAL_INSURANCE, "是");
        m.putAll(extra);
        rows.add(m);
        return this;
    }

    /** Two households of the test village: 2 + 3 persons. */
    static HouseholdCsv sample() {
        var h1 = household("H0001", TestData.VILLAGE);
        var h2 = household("H0002", TestData.VILLAGE_2);
        return new HouseholdCsv()
                .person(h1, "张大山", TestData.id("1970-03-05", 11), "户主")
                .person(h1, "李春花", TestData.id("1972-07-01", 22), "配偶")
                .person(h2, "王建国", TestData.id("1965-01-20", 31), "户主")
                .person(
                        h2,
                        "王小明",
                        TestData.id("2012-09-09", 41),
                        "之子",
                        Map.of(HouseholdColumn.SCHOOL_STATUS, "小学", HouseholdColumn.LABOUR_CAPACITY, "无劳动力"))
                .person(
                        h2,
                        "王奶奶",
                        TestData.id("1940-02-02", 42),
                        "之父母",
                        Map.of(HouseholdColumn.HEALTH, "长期慢性病", HouseholdColumn.LABOUR_CAPACITY, "无劳动力"));
    }

    String csv() {
        StringBuilder sb = new StringBuilder();
        sb.append(HouseholdColumn.written().stream()
                        .map(HouseholdColumn::header)
                        .collect(Collectors.joining(",")))
                .append('\n');
        for (Map<HouseholdColumn, String> r : rows) {
            sb.append(HouseholdColumn.written().stream()
                            .map(c -> r.getOrDefault(c, ""))
                            .collect(Collectors.joining(",")))
                    .append('\n');
        }
        return sb.toString();
    }
}
