package org.fangpin.registry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.TestData;
import org.fangpin.common.importing.ColumnMap;
import org.fangpin.common.importing.RowError;
import org.fangpin.common.importing.TabularRow;
import org.fangpin.registry.HouseholdColumn;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HousingGrade;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.IdentityFlag;
import org.fangpin.registry.LabourCapacity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.Relation;
import org.fangpin.registry.RiskCause;
import org.fangpin.registry.Sex;
import org.junit.jupiter.api.Test;

/** The household template's row checks, without a database: one row in, a household and member or the reasons out. */
class HouseholdRowParserTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
    private static final String HEAD = TestData.id("1970-03-05", 11);

    /** Messages as "key[args]", so that a test sees which reason was given and with what. */
    private static final HouseholdRowParser.Messages KEYS = (key, args) -> key + Arrays.toString(args);

    private final List<RowError> errors = new ArrayList<>();

    private static Map<HouseholdColumn, String> valid() {
        Map<HouseholdColumn, String> m = new EnumMap<>(HouseholdColumn.class);
        m.put(HouseholdColumn.HOUSEHOLD_NO, "H-0001");
        m.put(HouseholdColumn.VILLAGE_CODE, TestData.VILLAGE);
        m.put(HouseholdColumn.ADDRESS, "一组 8 号");
        m.put(HouseholdColumn.IDENTITY, "脱贫户");
        m.put(HouseholdColumn.IDENTITY_FLAGS, "易地扶贫搬迁户");
        m.put(HouseholdColumn.EXIT_YEAR, "2019");
        m.put(HouseholdColumn.MONITORING_STATE, "监测对象");
        m.put(HouseholdColumn.MONITORING_CATEGORY, "脱贫不稳定户");
        m.put(HouseholdColumn.MONITORING_SINCE, "2025-03-01");
        m.put(HouseholdColumn.RISK_CAUSES, "因病、因学，因病");
        m.put(HouseholdColumn.HOUSING_GRADE, "B");
        m.put(HouseholdColumn.WATER_SAFE, "是");
        m.put(HouseholdColumn.INCOME_YEAR, "2025");
        m.put(HouseholdColumn.INCOME_WAGE, "18000.00");
        m.put(HouseholdColumn.INCOME_TRANSFER, "1500.5");
        m.put(HouseholdColumn.NAME, "张大山");
        m.put(HouseholdColumn.ID_NUMBER, HEAD);
        m.put(HouseholdColumn.RELATION, "户主");
        m.put(HouseholdColumn.PHONE, "138 0000 1234");
        m.put(HouseholdColumn.LABOUR_CAPACITY, "普通劳动力");
        m.put(HouseholdColumn.MEDICAL_INSURANCE, "是");
        m.put(HouseholdColumn.DIBAO, "否");
        return m;
    }

    /** Parses one row of a file whose header has the given columns, in the template's order. */
    private Optional<HouseholdRowParser.Parsed> parse(Map<HouseholdColumn, String> row) {
        List<HouseholdColumn> columns = new ArrayList<>(row.keySet());
        String[] header = columns.stream().map(HouseholdColumn::header).toArray(String[]::new);
        String[] cells = columns.stream().map(row::get).toArray(String[]::new);
        HouseholdRowParser parser = new HouseholdRowParser(ColumnMap.of(header, HouseholdColumn.class), TODAY, KEYS);
        return parser.parse(new TabularRow(7, cells), errors::add);
    }

    @Test
    void aValidRowBecomesAHouseholdAndAMember() {
        var parsed = parse(valid()).orElseThrow();
        assertThat(errors).isEmpty();
        var h = parsed.household();
        assertThat(h.householdNo()).isEqualTo("H-0001");
        assertThat(h.identity()).isEqualTo(HouseholdIdentity.EXITED);
        assertThat(h.identityFlags()).containsExactly(IdentityFlag.RELOCATED);
        assertThat(h.exitYear()).isEqualTo(2019);
        assertThat(h.monitoringState()).isEqualTo(MonitoringState.MONITORED);
        assertThat(h.monitoringCategory()).isEqualTo(MonitoringCategory.UNSTABLE);
        assertThat(h.monitoringSince()).isEqualTo(LocalDate.of(2025, 3, 1));
        // several separators, a repeat counted once, in the enum's order
        assertThat(h.riskCauses()).containsExactly(RiskCause.ILLNESS, RiskCause.EDUCATION);
        assertThat(h.housingGrade()).isEqualTo(HousingGrade.B);
        assertThat(h.waterSafe()).isTrue();
        assertThat(h.income().wage()).isEqualByComparingTo("18000");
        assertThat(h.income().transfer()).isEqualByComparingTo(new BigDecimal("1500.50"));
        assertThat(h.income().production()).isNull();
        var p = parsed.person();
        assertThat(p.name()).isEqualTo("张大山");
        assertThat(p.relation()).isEqualTo(Relation.HEAD);
        assertThat(p.labourCapacity()).isEqualTo(LabourCapacity.ORDINARY);
        assertThat(p.medicalInsurance()).isTrue();
        assertThat(p.dibao()).isFalse();
        assertThat(parsed.id().birthDate()).isEqualTo(LocalDate.of(1970, 3, 5));
        assertThat(parsed.id().sex()).isEqualTo(Sex.M);
    }

    @Test
    void everyBadCellIsReportedWithItsRowColumnAndReasonAndTheRowIsDropped() {
        var row = valid();
        row.put(HouseholdColumn.HOUSEHOLD_NO, "H 1");
        row.put(HouseholdColumn.VILLAGE_CODE, "42112210020");
        row.put(HouseholdColumn.EXIT_YEAR, "1999");
        row.put(HouseholdColumn.MONITORING_SINCE, "2025-02-30");
        row.put(HouseholdColumn.INCOME_WAGE, "一万");
        row.put(HouseholdColumn.WATER_SAFE, "也许");
        row.put(HouseholdColumn.RISK_CAUSES, "因病、因懒");
        row.put(HouseholdColumn.ID_NUMBER, HEAD.substring(0, 17) + (HEAD.charAt(17) == '1' ? '2' : '1'));
        row.put(HouseholdColumn.PHONE, "13800001234#");
        assertThat(parse(row)).isEmpty();
        assertThat(errors).extracting(RowError::row).containsOnly(7L);
        assertThat(errors)
                .extracting(e -> e.column() + " " + e.reason())
                .containsExactlyInAnyOrder(
                        "户编号 registry.error.household-no[]",
                        "行政区划代码 registry.error.village[]",
                        "脱贫年度 import.error.range[2013, 2100]",
                        "纳入监测日期 import.error.date[]",
                        "工资性收入 import.error.money[]",
                        "饮水安全 import.error.bool[]",
                        "风险类型 import.error.choice[" + allowedCauses() + "]",
                        "公民身份号码 idnumber.check_digit[]",
                        "联系电话 registry.error.phone[]");
        // the value shown beside a reason never carries a whole ID or phone number
        assertThat(errors)
                .filteredOn(e -> e.column().equals("公民身份号码"))
                .singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo(IdNumber.mask(row.get(HouseholdColumn.ID_NUMBER))));
        assertThat(errors)
                .filteredOn(e -> e.column().equals("联系电话"))
                .singleElement()
                .satisfies(e -> assertThat(e.value()).doesNotContain("00001234"));
        assertThat(errors)
                .filteredOn(e -> e.column().equals("风险类型"))
                .singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo("因懒"));
    }

    @Test
    void crossFieldRulesNameTheirColumn() {
        var row = valid();
        row.remove(HouseholdColumn.MONITORING_CATEGORY); // monitored needs a category
        assertThat(parse(row)).isEmpty();
        assertThat(errors).extracting(RowError::column).contains("监测类别");
    }

    @Test
    void requiredCellsAndChoicesAreChecked() {
        var row = valid();
        row.put(HouseholdColumn.RELATION, "");
        row.put(HouseholdColumn.IDENTITY, "富裕户");
        assertThat(parse(row)).isEmpty();
        assertThat(errors)
                .extracting(e -> e.column() + " " + e.reason().replaceAll("\\[.*", ""))
                .containsExactlyInAnyOrder("与户主关系 import.error.required", "户属性 import.error.choice");
    }

    @Test
    void aFileOfTheOldTemplateWithOneHouseholdTypeStillReads() {
        var row = valid();
        row.remove(HouseholdColumn.IDENTITY);
        row.remove(HouseholdColumn.MONITORING_STATE);
        row.remove(HouseholdColumn.MONITORING_CATEGORY);
        row.put(HouseholdColumn.STATUS, "脱贫户");
        var h = parse(row).orElseThrow().household();
        assertThat(errors).isEmpty();
        // 户类型 脱贫户 says both: who the household is and that it is not monitored
        assertThat(h.identity()).isEqualTo(HouseholdIdentity.EXITED);
        assertThat(h.monitoringState()).isEqualTo(MonitoringState.NONE);
    }

    private static String allowedCauses() {
        return String.join(
                "/", Arrays.stream(RiskCause.values()).map(RiskCause::zh).toList());
    }

    @Test
    void textLengthsAndNumberRangesAreTheApisBeanValidationLimits() {
        // the import takes its limits from the API's records, so both accept and refuse the same values
        int nameMax = FieldLimits.maxLength(PersonFields.class, "name");
        int addressMax = FieldLimits.maxLength(HouseholdFields.class, "address");
        FieldLimits.Range months = FieldLimits.range(PersonFields.class, "workMonths");
        var atLimits = valid();
        atLimits.put(HouseholdColumn.NAME, "张".repeat(nameMax));
        atLimits.put(HouseholdColumn.ADDRESS, "址".repeat(addressMax));
        atLimits.put(HouseholdColumn.WORK_MONTHS, String.valueOf(months.max()));
        assertThat(parse(atLimits)).isPresent();
        assertThat(errors).isEmpty();
        var beyond = valid();
        beyond.put(HouseholdColumn.NAME, "张".repeat(nameMax + 1));
        beyond.put(HouseholdColumn.ADDRESS, "址".repeat(addressMax + 1));
        beyond.put(HouseholdColumn.WORK_MONTHS, String.valueOf(months.max() + 1));
        assertThat(parse(beyond)).isEmpty();
        assertThat(errors)
                .extracting(e -> e.column() + " " + e.reason())
                .containsExactlyInAnyOrder(
                        "姓名 registry.error.name[]",
                        "详细地址 import.error.too-long[" + addressMax + "]",
                        "务工时间(月) import.error.range[" + months.min() + ", " + months.max() + "]");
    }
}
