package org.fangpin.registry.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.fangpin.common.Labelled;
import org.fangpin.common.importing.CsvCells;
import org.fangpin.common.importing.TabularReader;
import org.fangpin.registry.Education;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.Health;
import org.fangpin.registry.HouseholdColumn;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HousingGrade;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.IdentityFlag;
import org.fangpin.registry.LabourCapacity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Relation;
import org.fangpin.registry.RiskCause;
import org.fangpin.registry.SchoolStatus;
import org.fangpin.registry.WorkStatus;
import org.springframework.stereotype.Component;

/**
 * The empty import template (建档立卡户及家庭成员信息表) as an office fills it in Excel: the columns of {@link
 * HouseholdColumn}, each header with a note saying what it takes; codes and numbers formatted as text (an ID number
 * typed into a number cell loses its last digits); a drop-down list for every column with a fixed set of values
 * (the lists on a second sheet, 选项); one example row marked {@value TabularReader#EXAMPLE_MARK}, which is never
 * imported. The CSV template has the header and the example row.
 */
@Component
class HouseholdTemplate {

    /** Rows the formats and drop-downs cover (a village's file is a few thousand rows). */
    static final int ROWS = 20_000;

    private static final List<String> YES_NO = List.of("是", "否");

    /** The columns with one value of a fixed set, and the set. */
    private static final Map<HouseholdColumn, List<String>> CHOICES = choices();

    /** What each column takes, as the header's note says it. */
    private static final Map<HouseholdColumn, String> NOTES = notes();

    /** The example row: a household head, as a village office would enter one. */
    private static final Map<HouseholdColumn, String> EXAMPLE = example();

    /** The columns read as text whatever they hold: codes and numbers with meaningful leading digits. */
    private static final List<HouseholdColumn> TEXT = List.of(
            HouseholdColumn.HOUSEHOLD_NO,
            HouseholdColumn.VILLAGE_CODE,
            HouseholdColumn.ID_NUMBER,
            HouseholdColumn.PHONE);

    void write(boolean xlsx, OutputStream out) {
        List<HouseholdColumn> columns = HouseholdColumn.written();
        try {
            if (!xlsx) {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                w.write('\uFEFF');
                CsvCells.Printer p = CsvCells.printer(w);
                p.printRecord(columns.stream().map(HouseholdColumn::header).toList());
                p.printRecord(
                        columns.stream().map(c -> EXAMPLE.getOrDefault(c, "")).toList());
                p.flush();
                return;
            }
            Workbook wb = new Workbook(out, "Fangpin", "1.0");
            Worksheet ws = wb.newWorksheet("建档立卡户");
            Worksheet lists = wb.newWorksheet("选项");
            int listColumn = 0;
            for (int c = 0; c < columns.size(); c++) {
                HouseholdColumn col = columns.get(c);
                ws.value(0, c, col.header());
                ws.comment(0, c, note(col));
                ws.width(c, Math.max(10, col.header().length() * 2.2 + 2));
                if (TEXT.contains(col)) {
                    ws.range(1, c, ROWS, c).style().format("@").set();
                    ws.width(c, 22);
                }
                List<String> choices = CHOICES.get(col);
                if (choices != null) {
                    lists.value(0, listColumn, col.header());
                    for (int i = 0; i < choices.size(); i++) {
                        lists.value(i + 1, listColumn, choices.get(i));
                    }
                    ws.range(1, c, ROWS, c)
                            .validateWithList(lists.range(1, listColumn, choices.size(), listColumn))
                            .allowBlank(true)
                            .showErrorMessage(true)
                            .errorTitle(col.header())
                            .error("请从下拉列表中选择 · Choose from the list");
                    lists.width(listColumn, Math.max(10, col.header().length() * 2.2 + 2));
                    listColumn++;
                }
                ws.value(1, c, EXAMPLE.getOrDefault(col, ""));
            }
            ws.range(0, 0, 0, columns.size() - 1)
                    .style()
                    .bold()
                    .fillColor("FBECEB")
                    .set();
            ws.range(1, 0, 1, columns.size() - 1)
                    .style()
                    .italic()
                    .fontColor("6B7785")
                    .set();
            ws.freezePane(0, 1); // the header stays in view
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String note(HouseholdColumn col) {
        String what = NOTES.getOrDefault(col, "");
        List<String> choices = CHOICES.get(col);
        if (choices != null) {
            what += (what.isEmpty() ? "" : "。") + "从下拉列表选择：" + String.join("、", choices);
        }
        return (col.required() ? "必填。" : "选填。") + what;
    }

    private static Map<HouseholdColumn, List<String>> choices() {
        Map<HouseholdColumn, List<String>> m = new EnumMap<>(HouseholdColumn.class);
        m.put(HouseholdColumn.IDENTITY, labels(HouseholdIdentity.class));
        m.put(HouseholdColumn.MONITORING_STATE, labels(MonitoringState.class));
        m.put(HouseholdColumn.MONITORING_CATEGORY, labels(MonitoringCategory.class));
        m.put(HouseholdColumn.ELIMINATION_KIND, labels(EliminationKind.class));
        m.put(HouseholdColumn.HOUSING_GRADE, labels(HousingGrade.class));
        m.put(HouseholdColumn.WATER_SAFE, YES_NO);
        m.put(HouseholdColumn.RELATION, labels(Relation.class));
        m.put(HouseholdColumn.EDUCATION, labels(Education.class));
        m.put(HouseholdColumn.SCHOOL_STATUS, labels(SchoolStatus.class));
        m.put(HouseholdColumn.HEALTH, labels(Health.class));
        m.put(HouseholdColumn.LABOUR_CAPACITY, labels(LabourCapacity.class));
        m.put(HouseholdColumn.WORK_STATUS, labels(WorkStatus.class));
        for (HouseholdColumn c : List.of(
                HouseholdColumn.MEDICAL_INSURANCE,
                HouseholdColumn.PENSION_INSURANCE,
                HouseholdColumn.DIBAO,
                HouseholdColumn.TEKUN,
                HouseholdColumn.DISABILITY_SUBSIDY)) {
            m.put(c, YES_NO);
        }
        return m;
    }

    private static <E extends Enum<E> & Labelled> List<String> labels(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Labelled::zh).toList();
    }

    private static Map<HouseholdColumn, String> notes() {
        Map<HouseholdColumn, String> m = new EnumMap<>(HouseholdColumn.class);
        m.put(HouseholdColumn.HOUSEHOLD_NO, "户编号，县内唯一；同一户的每位成员填同一编号。以文本录入，不要存成数字");
        m.put(HouseholdColumn.VILLAGE_CODE, "户所在村的 12 位行政区划代码");
        m.put(HouseholdColumn.ADDRESS, "详细地址，不超过 200 字");
        m.put(HouseholdColumn.IDENTITY_FLAGS, "可填多项，用“、”分隔：" + String.join("、", labels(IdentityFlag.class)));
        m.put(HouseholdColumn.EXIT_YEAR, "脱贫户的脱贫年度，四位年份，如 2019");
        m.put(HouseholdColumn.MONITORING_SINCE, "监测对象的纳入日期，如 2026-03-15");
        m.put(HouseholdColumn.RISK_CAUSES, "监测对象的风险类型，可填多项，用“、”分隔：" + String.join("、", labels(RiskCause.class)));
        m.put(HouseholdColumn.ELIMINATED_ON, "风险已消除的日期，如 2026-10-31");
        m.put(HouseholdColumn.INCOME_YEAR, "收入所属年度，四位年份");
        for (HouseholdColumn c : List.of(
                HouseholdColumn.INCOME_WAGE,
                HouseholdColumn.INCOME_PRODUCTION,
                HouseholdColumn.INCOME_PROPERTY,
                HouseholdColumn.INCOME_TRANSFER,
                HouseholdColumn.PRODUCTION_COST)) {
            m.put(c, "全年全家合计，单位元，最多两位小数；每位成员的行填相同数值");
        }
        m.put(HouseholdColumn.NAME, "成员姓名");
        m.put(HouseholdColumn.ID_NUMBER, "18 位公民身份号码。以文本录入：存成数字的号码会丢失末位，将被拒绝");
        m.put(HouseholdColumn.PHONE, "手机或固定电话");
        m.put(HouseholdColumn.ETHNICITY, "如 汉族");
        m.put(HouseholdColumn.DISABILITY_GRADE, "残疾人填 1–4 级");
        m.put(HouseholdColumn.WORK_PLACE, "务工所在地，如 县内、省内县外、省外");
        m.put(HouseholdColumn.WORK_MONTHS, "当年务工月数，0–12");
        return m;
    }

    private static Map<HouseholdColumn, String> example() {
        Map<HouseholdColumn, String> m = new EnumMap<>(HouseholdColumn.class);
        m.put(HouseholdColumn.HOUSEHOLD_NO, TabularReader.EXAMPLE_MARK + "4211221002010001");
        m.put(HouseholdColumn.VILLAGE_CODE, "421122100201");
        m.put(HouseholdColumn.ADDRESS, "城关镇桃园村三组 12 号");
        m.put(HouseholdColumn.IDENTITY, HouseholdIdentity.EXITED.zh());
        m.put(HouseholdColumn.EXIT_YEAR, "2019");
        m.put(HouseholdColumn.MONITORING_STATE, MonitoringState.NONE.zh());
        m.put(HouseholdColumn.HOUSING_GRADE, HousingGrade.A.zh());
        m.put(HouseholdColumn.WATER_SAFE, "是");
        m.put(HouseholdColumn.INCOME_YEAR, "2025");
        m.put(HouseholdColumn.INCOME_WAGE, "32000.00");
        m.put(HouseholdColumn.INCOME_PRODUCTION, "8600.00");
        m.put(HouseholdColumn.INCOME_PROPERTY, "0");
        m.put(HouseholdColumn.INCOME_TRANSFER, "3200.50");
        m.put(HouseholdColumn.PRODUCTION_COST, "2100.00");
        m.put(HouseholdColumn.NAME, "张三");
        m.put(HouseholdColumn.ID_NUMBER, "42112219800101001" + IdNumber.checkChar("42112219800101001"));
        m.put(HouseholdColumn.RELATION, Relation.HEAD.zh());
        m.put(HouseholdColumn.PHONE, "13800000000");
        m.put(HouseholdColumn.ETHNICITY, "汉族");
        m.put(HouseholdColumn.EDUCATION, Education.values()[Math.min(2, Education.values().length - 1)].zh());
        m.put(HouseholdColumn.HEALTH, Health.values()[0].zh());
        m.put(HouseholdColumn.LABOUR_CAPACITY, LabourCapacity.values()[0].zh());
        m.put(HouseholdColumn.WORK_STATUS, WorkStatus.values()[0].zh());
        m.put(HouseholdColumn.WORK_PLACE, "省内县外");
        m.put(HouseholdColumn.WORK_MONTHS, "10");
        m.put(HouseholdColumn.MEDICAL_INSURANCE, "是");
        m.put(HouseholdColumn.PENSION_INSURANCE, "是");
        m.put(HouseholdColumn.DIBAO, "否");
        m.put(HouseholdColumn.TEKUN, "否");
        m.put(HouseholdColumn.DISABILITY_SUBSIDY, "否");
        return m;
    }
}
