package org.fangpin.assessment.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
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
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.Registry;
import org.springframework.stereotype.Component;

/**
 * 抽查名单: a draw's households as one XLSX sheet for the field — the draw's region, day, seed and fingerprint on top,
 * then each household (number, township, village, 户属性 and 监测状态 on the frame's day, stratum rank) with its check
 * so far (verdict, 群众认可, day), in the order drawn.
 */
@Component
class SampleWorkbook {

    private static final List<String> COLUMNS =
            List.of("no", "township", "village", "identity", "state", "rank", "verdict", "recognised", "checkedOn");
    private static final int[] WIDTHS = {22, 16, 16, 10, 12, 8, 12, 10, 12};

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

    /** The draw's list (404 for a draw outside the caller's reach). */
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
        Map<Long, String> nos = new HashMap<>();
        registry.standings(households.stream()
                        .map(FieldChecks.DrawnHousehold::householdId)
                        .toList())
                .forEach((h, s) -> nos.put(h, s.householdNo()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook wb = new Workbook(out, "Fangpin", "1.0");
            Worksheet ws = wb.newWorksheet(messages.get(locale, "assessment.sample.sheet"));
            int last = COLUMNS.size() - 1;
            ws.inlineString(
                    0,
                    0,
                    messages.get(
                            locale,
                            "assessment.sample.heading",
                            names.getOrDefault(d.region(), d.region()),
                            d.asOf().toString(),
                            d.seed(),
                            d.frameHash()));
            ws.range(0, 0, 0, last).merge();
            ws.style(0, 0).bold().wrapText(true).set();
            for (int c = 0; c <= last; c++) {
                ws.width(c, WIDTHS[c]);
                ws.inlineString(1, c, messages.get(locale, "assessment.sample.col." + COLUMNS.get(c)));
                ws.style(1, c)
                        .bold()
                        .fillColor("E8EEF4")
                        .wrapText(true)
                        .borderStyle("thin")
                        .set();
            }
            ws.freezePane(0, 2);
            int r = 2;
            for (FieldChecks.DrawnHousehold h : households) {
                String township = h.villageCode().substring(0, 9) + "000";
                ws.inlineString(r, 0, nos.getOrDefault(h.householdId(), Long.toString(h.householdId())));
                ws.inlineString(r, 1, names.getOrDefault(township, township));
                ws.inlineString(r, 2, names.getOrDefault(h.villageCode(), h.villageCode()));
                ws.inlineString(r, 3, h.identity().label(locale));
                ws.inlineString(r, 4, h.monitoringState().label(locale));
                ws.value(r, 5, h.rank());
                if (h.verdict() != null) {
                    ws.inlineString(r, 6, h.verdict().label(locale));
                }
                if (h.recognised() != null) {
                    ws.inlineString(
                            r,
                            7,
                            messages.get(
                                    locale, h.recognised() ? "assessment.recognised.yes" : "assessment.recognised.no"));
                }
                if (h.checkedOn() != null) {
                    ws.value(r, 8, h.checkedOn());
                    ws.style(r, 8).format("yyyy-mm-dd").set();
                }
                r++;
            }
            wb.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
