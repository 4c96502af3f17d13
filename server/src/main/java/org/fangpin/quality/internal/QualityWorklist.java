package org.fangpin.quality.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.Sheets;
import org.fangpin.quality.QualityIssues;
import org.springframework.stereotype.Component;

/** 数据质量问题整改清单: the live issues of a region as one XLSX sheet, by village, with each village's score first. */
@Component
class QualityWorklist {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final List<String> COLUMNS =
            List.of("village", "household", "check", "state", "facts", "reopened", "note");
    private static final int[] WIDTHS = {18, 20, 24, 14, 60, 8, 40};
    private static final int MAX_ROWS = 100_000;

    private final QualityIssues issues;
    private final Messages messages;
    private final Clock clock;

    QualityWorklist(QualityIssues issues, Messages messages, Clock clock) {
        this.issues = issues;
        this.messages = messages;
        this.clock = clock;
    }

    String fileName(Locale locale) {
        return messages.get(
                locale, "quality.worklist.file", LocalDate.now(clock).toString());
    }

    byte[] write(String region, Locale locale) {
        boolean zh = !"en".equals(locale.getLanguage());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Fangpin", "1.0");
            Worksheet scores = wb.newWorksheet(messages.get(locale, "quality.worklist.scores"));
            List<String> scoreCols = List.of("village", "households", "unresolved", "score");
            for (int c = 0; c < scoreCols.size(); c++) {
                Sheets.header(scores, 0, c, messages.get(locale, "quality.col." + scoreCols.get(c)));
                scores.width(c, c == 0 ? 20 : 12);
            }
            int r = 1;
            for (QualityIssues.VillageScore v : issues.villages(region)) {
                scores.inlineString(r, 0, v.villageName());
                scores.value(r, 1, v.households());
                scores.value(
                        r,
                        2,
                        v.unresolved().values().stream()
                                .mapToLong(Long::longValue)
                                .sum());
                scores.value(r, 3, v.score());
                r++;
            }
            Worksheet ws = wb.newWorksheet(messages.get(locale, "quality.worklist.sheet"));
            ws.inlineString(
                    0,
                    0,
                    messages.get(
                            locale,
                            "quality.worklist.title",
                            LocalDate.now(clock).toString()));
            ws.range(0, 0, 0, COLUMNS.size() - 1).merge();
            ws.style(0, 0).bold().fontSize(14).set();
            for (int c = 0; c < COLUMNS.size(); c++) {
                Sheets.header(ws, 1, c, messages.get(locale, "quality.col." + COLUMNS.get(c)));
                ws.width(c, WIDTHS[c]);
            }
            ws.freezePane(0, 2);
            int row = 2;
            for (QualityIssues.QualityIssue i :
                    issues.list(region, null, null, 0, MAX_ROWS).items()) {
                ws.inlineString(row, 0, i.villageName());
                ws.inlineString(
                        row,
                        1,
                        i.householdId() == null
                                ? messages.get(locale, "quality.whole-village")
                                : i.householdNo() == null ? Long.toString(i.householdId()) : i.householdNo());
                ws.inlineString(row, 2, i.checkName(zh));
                ws.inlineString(row, 3, i.state().label(locale));
                ws.inlineString(row, 4, QualityFacts.describe(i.facts(), messages, locale));
                ws.value(row, 5, i.reopened());
                if (i.note() != null) {
                    ws.inlineString(row, 6, i.note());
                }
                row++;
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
