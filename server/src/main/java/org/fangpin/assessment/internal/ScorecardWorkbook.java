package org.fangpin.assessment.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.fangpin.assessment.AssessmentPlans;
import org.fangpin.assessment.PlanScorecards;
import org.fangpin.assessment.Scorecards;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.Sheets;
import org.springframework.stereotype.Component;

/**
 * 考核结果表: a plan's kept scorecards as XLSX — a summary sheet (each county and its result) and a sheet per county
 * with each indicator's numerator, denominator, share, threshold and verdict, its breakdown under it, and the
 * fingerprint of the rows it counted.
 */
@Component
class ScorecardWorkbook {

    private static final List<String> COLUMNS = List.of(
            "indicator", "area", "hard", "numerator", "denominator", "rate", "threshold", "met", "population", "hash");
    private static final int[] WIDTHS = {26, 14, 8, 12, 12, 10, 12, 10, 12, 66};

    private final Messages messages;

    ScorecardWorkbook(Messages messages) {
        this.messages = messages;
    }

    String fileName(AssessmentPlans.AssessmentPlan p, Locale locale) {
        return messages.get(
                locale, "assessment.scorecard.file", p.id(), p.asOf().toString());
    }

    byte[] write(AssessmentPlans.AssessmentPlan p, List<PlanScorecards.CountyScorecard> cards, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean zh = !"en".equals(locale.getLanguage());
        Map<String, String> groups = GroupLabels.of(messages, locale);
        try {
            Workbook wb = new Workbook(out, "Fangpin", "1.0");
            Worksheet summary = wb.newWorksheet(messages.get(locale, "assessment.scorecard.summary"));
            summary.inlineString(
                    0,
                    0,
                    messages.get(
                            locale,
                            "assessment.scorecard.title",
                            p.name(),
                            p.periodFrom().toString(),
                            p.asOf().toString()));
            summary.range(0, 0, 0, 2).merge();
            summary.style(0, 0).bold().fontSize(14).set();
            header(summary, 1, List.of("county", "code", "result"), locale);
            summary.width(0, 24);
            summary.width(1, 16);
            summary.width(2, 12);
            int r = 2;
            for (PlanScorecards.CountyScorecard c : cards) {
                summary.inlineString(r, 0, c.countyName());
                summary.inlineString(r, 1, c.county());
                summary.inlineString(r, 2, c.result().label(locale));
                r++;
            }
            for (PlanScorecards.CountyScorecard c : cards) {
                Worksheet ws = wb.newWorksheet(c.countyName() + " " + c.county());
                ws.inlineString(0, 0, c.countyName() + " · " + c.result().label(locale));
                ws.style(0, 0).bold().fontSize(14).set();
                if (c.narrative() != null) {
                    ws.inlineString(0, 3, messages.get(locale, "assessment.narrative") + "：" + c.narrative());
                    ws.range(0, 3, 0, WIDTHS.length - 1).merge();
                    ws.style(0, 3).wrapText(true).set();
                }
                header(ws, 1, COLUMNS, locale);
                for (int i = 0; i < WIDTHS.length; i++) {
                    ws.width(i, WIDTHS[i]);
                }
                ws.freezePane(1, 2);
                int row = 2;
                for (Scorecards.IndicatorResult x : c.indicators()) {
                    ws.inlineString(row, 0, x.name(zh));
                    ws.inlineString(row, 1, x.area().label(locale));
                    if (x.hard()) {
                        ws.inlineString(row, 2, messages.get(locale, "yes"));
                    }
                    ws.value(row, 3, x.numerator());
                    if (x.denominator() != null) {
                        ws.value(row, 4, x.denominator());
                    }
                    percent(ws, row, 5, x.rate());
                    if (x.threshold() != null) {
                        percent(ws, row, 6, x.threshold());
                    }
                    if (x.met() != null) {
                        ws.inlineString(
                                row,
                                7,
                                messages.get(
                                        locale, x.met() ? "assessment.scorecard.met" : "assessment.scorecard.not-met"));
                    }
                    ws.value(row, 8, x.populationSize());
                    ws.inlineString(row, 9, x.populationHash());
                    row++;
                    for (Scorecards.IndicatorGroup g : x.groups()) {
                        ws.inlineString(row, 0, "  " + groups.getOrDefault(g.value(), g.value()));
                        ws.value(row, 3, g.numerator());
                        ws.value(row, 4, g.denominator());
                        percent(ws, row, 5, g.rate());
                        row++;
                    }
                }
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void header(Worksheet ws, int row, List<String> columns, Locale locale) {
        for (int c = 0; c < columns.size(); c++) {
            Sheets.header(ws, row, c, messages.get(locale, "assessment.scorecard.col." + columns.get(c)));
        }
    }

    private static void percent(Worksheet ws, int row, int col, BigDecimal v) {
        if (v != null) {
            ws.value(row, col, v);
            ws.style(row, col).format("0.00%").set();
        }
    }
}
