package org.fangpin.assessment.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.fangpin.assessment.FindingLists;
import org.fangpin.assessment.Findings;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.Sheets;
import org.springframework.stereotype.Component;

/**
 * 整改台账: every finding of a region in the caller's reach as one XLSX sheet — a title row, the header (frozen), one
 * row per finding with dates as dates, and the counts by state under it.
 */
@Component
class FindingLedger {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final List<String> COLUMNS = List.of(
            "id",
            "region",
            "unit",
            "source",
            "category",
            "severity",
            "title",
            "description",
            "issuer",
            "issued-on",
            "deadline",
            "state",
            "overdue",
            "closed-on",
            "reopened");

    private static final int[] WIDTHS = {8, 18, 20, 12, 18, 8, 30, 50, 18, 12, 12, 10, 8, 12, 8};

    private final FindingLists findings;
    private final Messages messages;
    private final Clock clock;

    FindingLedger(FindingLists findings, Messages messages, Clock clock) {
        this.findings = findings;
        this.messages = messages;
        this.clock = clock;
    }

    String fileName(Locale locale) {
        return messages.get(
                locale, "assessment.ledger.file", LocalDate.now(clock).toString());
    }

    /** The ledger of a region (none: the caller's whole reach) in the language given. */
    byte[] write(String region, Locale locale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Fangpin", "1.0");
            Worksheet ws = wb.newWorksheet(messages.get(locale, "assessment.ledger.sheet"));
            int last = COLUMNS.size() - 1;
            ws.inlineString(
                    0,
                    0,
                    messages.get(
                            locale,
                            "assessment.ledger.title",
                            LocalDate.now(clock).toString()));
            ws.range(0, 0, 0, last).merge();
            ws.style(0, 0).bold().fontSize(14).set();
            for (int c = 0; c <= last; c++) {
                ws.width(c, WIDTHS[c]);
                Sheets.header(ws, 1, c, messages.get(locale, "assessment.ledger.col." + COLUMNS.get(c)));
            }
            ws.freezePane(0, 2);
            int r = 2;
            String yes = messages.get(locale, "yes");
            for (Findings.Finding f : findings.all(region)) {
                int row = r++;
                ws.value(row, 0, f.id());
                ws.inlineString(row, 1, f.regionName());
                ws.inlineString(row, 2, f.responsibleUnit());
                ws.inlineString(row, 3, f.source().label(locale));
                ws.inlineString(row, 4, f.category().label(locale));
                ws.inlineString(row, 5, f.severity().label(locale));
                ws.inlineString(row, 6, f.title());
                ws.inlineString(row, 7, f.description());
                ws.inlineString(row, 8, f.issuerRegionName());
                Sheets.date(ws, row, 9, f.issuedOn());
                Sheets.date(ws, row, 10, f.deadline());
                ws.inlineString(row, 11, f.state().label(locale));
                if (f.overdue()) {
                    ws.inlineString(row, 12, yes);
                }
                Sheets.date(ws, row, 13, f.closedOn());
                ws.value(row, 14, f.reopened());
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
