package org.fangpin.assessment.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.fangpin.assessment.FieldChecks;
import org.fangpin.assessment.SampleDraws;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.web.Sheets;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.Registry;
import org.springframework.stereotype.Component;

/**
 * 抽查名单 (核查表): a draw's households as an XLSX sheet for the field, to fill in offline and upload again
 * ({@link FieldCheckUpload}). One row per household in the order drawn: who it is (draw, number, township, village,
 * 户属性 and 监测状态 on the frame's day, stratum rank), then the check — income, 两不愁三保障 and water prefilled from
 * the registry on the frame's day or from the check so far, the verdict, 群众认可, the day and a note — and the
 * version of the check it was written from. A second sheet names the draw (region, day, seed, fingerprint) and says
 * how to fill the first in.
 */
@Component
class SampleWorkbook {

    private static final String FILL = "FFF8E1";

    private final SampleDraws draws;
    private final FieldChecks checks;
    private final RegionDirectory regions;
    private final Registry registry;
    private final Messages messages;

    SampleWorkbook(
            SampleDraws draws, FieldChecks checks, RegionDirectory regions, Registry registry, Messages messages) {
        this.draws = draws;
        this.checks = checks;
        this.regions = regions;
        this.registry = registry;
        this.messages = messages;
    }

    String fileName(long id, Locale locale) {
        return messages.get(locale, "assessment.sample.file", id);
    }

    /** The draw's sheet (404 for a draw outside the caller's reach). */
    byte[] write(long id, Locale locale) {
        SampleDraws.SampleDraw d = draws.header(id);
        List<FieldChecks.DrawnHousehold> households = checks.households(id);
        Set<String> codes = new HashSet<>();
        codes.add(d.region());
        households.forEach(h -> {
            codes.add(h.villageCode());
            codes.add(h.villageCode().substring(0, 9) + "000");
        });
        Map<String, String> names = regions.names(codes);
        // the number as the household is known today, as the draw's page shows it and the upload reads it
        Map<Long, Registry.Standing> standings = registry.standings(
                households.stream().map(FieldChecks.DrawnHousehold::householdId).toList());
        CheckSheetColumn[] columns = CheckSheetColumn.values();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Fangpin", "1.0");
            Worksheet ws = wb.newWorksheet(messages.get(locale, "assessment.sample.sheet"));
            for (CheckSheetColumn c : columns) {
                int col = c.ordinal();
                ws.width(col, c.width());
                Sheets.header(ws, 0, col, c.header(locale), c.filled() ? FILL : Sheets.HEADER_FILL);
            }
            ws.freezePane(2, 1);
            int r = 1;
            for (FieldChecks.DrawnHousehold h : households) {
                // a household deleted or no longer in the caller's reach since the draw is left out
                var found = checks.drawnSheet(d, h.householdId());
                Registry.Standing standing = standings.get(h.householdId());
                if (found.isEmpty() || standing == null) {
                    continue;
                }
                FieldChecks.CheckSheet s = found.get();
                FieldChecks.FieldCheck c = s.check();
                FieldChecks.CheckFacts f = c == null ? s.registry() : c.found();
                String township = h.villageCode().substring(0, 9) + "000";
                ws.value(r, CheckSheetColumn.DRAW.ordinal(), d.id());
                ws.inlineString(r, CheckSheetColumn.NO.ordinal(), standing.householdNo());
                ws.inlineString(r, CheckSheetColumn.TOWNSHIP.ordinal(), names.getOrDefault(township, township));
                ws.inlineString(
                        r, CheckSheetColumn.VILLAGE.ordinal(), names.getOrDefault(h.villageCode(), h.villageCode()));
                ws.inlineString(
                        r, CheckSheetColumn.IDENTITY.ordinal(), h.identity().label(locale));
                ws.inlineString(
                        r, CheckSheetColumn.STATE.ordinal(), h.monitoringState().label(locale));
                ws.value(r, CheckSheetColumn.RANK.ordinal(), h.rank());
                if (f.perCapitaIncome() != null) {
                    ws.value(r, CheckSheetColumn.INCOME.ordinal(), f.perCapitaIncome());
                    ws.style(r, CheckSheetColumn.INCOME.ordinal())
                            .format("0.00")
                            .set();
                }
                yesNo(ws, r, CheckSheetColumn.FOOD_CLOTHING, f.foodClothing(), locale);
                yesNo(ws, r, CheckSheetColumn.EDUCATION, f.education(), locale);
                yesNo(ws, r, CheckSheetColumn.MEDICAL, f.medical(), locale);
                yesNo(ws, r, CheckSheetColumn.HOUSING, f.housing(), locale);
                yesNo(ws, r, CheckSheetColumn.WATER, f.water(), locale);
                if (c != null) {
                    ws.inlineString(
                            r, CheckSheetColumn.VERDICT.ordinal(), c.verdict().label(locale));
                    if (c.recognised() != null) {
                        ws.inlineString(
                                r,
                                CheckSheetColumn.RECOGNISED.ordinal(),
                                messages.get(
                                        locale,
                                        c.recognised() ? "assessment.recognised.yes" : "assessment.recognised.no"));
                    }
                    Sheets.date(ws, r, CheckSheetColumn.CHECKED_ON.ordinal(), c.checkedOn());
                    if (c.note() != null) {
                        ws.inlineString(r, CheckSheetColumn.NOTE.ordinal(), c.note());
                    }
                    ws.value(r, CheckSheetColumn.VERSION.ordinal(), c.version());
                }
                r++;
            }
            Worksheet help = wb.newWorksheet(messages.get(locale, "assessment.sample.help-sheet"));
            help.width(0, 120);
            help.inlineString(
                    0,
                    0,
                    messages.get(
                            locale,
                            "assessment.sample.heading",
                            names.getOrDefault(d.region(), d.region()),
                            d.asOf().toString(),
                            d.seed(),
                            d.frameHash()));
            help.style(0, 0).bold().wrapText(true).set();
            for (int i = 1; i <= 5; i++) {
                help.inlineString(i + 1, 0, messages.get(locale, "assessment.sample.help." + i));
                help.style(i + 1, 0).wrapText(true).set();
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void yesNo(Worksheet ws, int r, CheckSheetColumn c, boolean value, Locale locale) {
        ws.inlineString(r, c.ordinal(), messages.get(locale, value ? "assessment.sheet.yes" : "assessment.sheet.no"));
    }
}
