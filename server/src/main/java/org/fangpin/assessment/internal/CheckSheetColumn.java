package org.fangpin.assessment.internal;

import java.util.List;
import java.util.Locale;
import org.fangpin.common.importing.ColumnMap;

/**
 * The columns of a draw's 抽查名单 (核查表): written by {@link SampleWorkbook}, read back by {@link FieldCheckUpload}
 * once the field has filled it in. The first seven say who the household is and are not read back beyond the draw
 * and the household number; the rest are the check, prefilled from the registry (or the check so far), so that the
 * checker changes only what they found otherwise.
 */
enum CheckSheetColumn implements ColumnMap.Column {
    DRAW("抽查编号", "Draw", true, 10),
    NO("户编号", "Household no.", true, 22),
    TOWNSHIP("乡镇", "Township", false, 14),
    VILLAGE("村", "Village", false, 14),
    IDENTITY("户属性", "Who", false, 10),
    STATE("监测状态", "Monitoring state", false, 12),
    RANK("层内序号", "Rank in stratum", false, 8),
    INCOME("人均纯收入（元）", "Income per person (yuan)", false, 14),
    FOOD_CLOTHING("不愁吃穿", "Food and clothing", false, 10),
    EDUCATION("义务教育有保障", "Compulsory education", false, 10),
    MEDICAL("基本医疗有保障", "Basic medical care", false, 10),
    HOUSING("住房安全有保障", "Safe housing", false, 10),
    WATER("饮水安全有保障", "Safe drinking water", false, 10),
    VERDICT("核查结论", "Verdict", true, 12),
    RECOGNISED("群众认可", "Recognised", false, 10),
    CHECKED_ON("核查日期", "Checked on", true, 12),
    NOTE("备注", "Note", false, 30),
    VERSION("核查版本", "Check version", false, 8);

    private final String header;
    private final String english;
    private final boolean required;
    private final int width;

    CheckSheetColumn(String header, String english, boolean required, int width) {
        this.header = header;
        this.english = english;
        this.required = required;
        this.width = width;
    }

    @Override
    public String header() {
        return header;
    }

    @Override
    public List<String> aliases() {
        return List.of(english);
    }

    @Override
    public boolean required() {
        return required;
    }

    String header(Locale locale) {
        return "en".equals(locale.getLanguage()) ? english : header;
    }

    int width() {
        return width;
    }

    /** Whether the checker fills the column in (it is the check, not who the household is). */
    boolean filled() {
        return ordinal() >= INCOME.ordinal() && this != VERSION;
    }
}
