package org.fangpin.assessment.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.fangpin.assessment.CheckVerdict;
import org.fangpin.assessment.FieldChecks;
import org.fangpin.assessment.SampleDraws;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.Cells;
import org.fangpin.common.importing.ColumnMap;
import org.fangpin.common.importing.ErrorCollector;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.ImportRunner;
import org.fangpin.common.importing.RowError;
import org.fangpin.common.importing.TabularReader;
import org.fangpin.common.importing.TabularRow;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.registry.Registry;
import org.springframework.stereotype.Component;

/**
 * 离线核查回传: a draw's sheet ({@link SampleWorkbook}) filled in the field and uploaded, all or nothing. Each row
 * names its draw and household; a row without a verdict is a household not yet checked and is passed over; a row
 * equal to the check on record changes nothing (the same file uploaded twice is harmless). Every other row is
 * checked by the rules of a check recorded one by one ({@link FieldChecks#problems}), and against the version of the
 * check it was written from: a check changed since the sheet was exported is not overwritten. Any rejected row, with
 * its line, column and reason, and nothing is recorded; otherwise every check is recorded, each audited as if
 * entered on its page.
 */
@Component
class FieldCheckUpload {

    static final String KIND = "field-checks";

    private final ImportRunner runner;
    private final SampleDraws draws;
    private final FieldChecks checks;
    private final Registry registry;
    private final Messages messages;

    FieldCheckUpload(ImportRunner runner, SampleDraws draws, FieldChecks checks, Registry registry, Messages messages) {
        this.runner = runner;
        this.draws = draws;
        this.checks = checks;
        this.registry = registry;
        this.messages = messages;
    }

    /** Uploads a filled sheet of a draw (404 for a draw outside the caller's reach, before anything is read). */
    ImportReport upload(long drawId, Path file, String fileName, String user, Locale locale) {
        SampleDraws.SampleDraw d = draws.header(drawId);
        return runner.run(
                new ImportRunner.Request(KIND, file, fileName, user, locale),
                (id, reader, conn, errors) -> load(d, reader, errors, locale));
    }

    private record Pending(long household, Integer version, FieldChecks.CheckRecord check) {}

    private ImportRunner.Counts load(
            SampleDraws.SampleDraw d, TabularReader reader, ErrorCollector errors, Locale locale) {
        ColumnMap<CheckSheetColumn> cols = ColumnMap.of(reader.header(), CheckSheetColumn.class);
        for (CheckSheetColumn c : EnumSet.allOf(CheckSheetColumn.class)) {
            if (c.required() && !cols.has(c)) {
                errors.add(new RowError(1, c.header(locale), "", messages.get(locale, "import.error.missing-column")));
            }
        }
        if (errors.count() > 0) {
            return new ImportRunner.Counts(0, 0, 0, 0);
        }
        Map<String, Long> byNo = new HashMap<>();
        registry.standings(checks.households(d.id()).stream()
                        .map(FieldChecks.DrawnHousehold::householdId)
                        .toList())
                .forEach((id, s) -> byNo.put(s.householdNo(), id));
        Map<Long, Long> firstRow = new HashMap<>();
        List<Pending> pending = new ArrayList<>();
        long rows = 0;
        long unchanged = 0;
        for (TabularRow row : reader) {
            rows++;
            Cell cell = new Cell(row, cols, errors, locale);
            String draw = cell.text(CheckSheetColumn.DRAW);
            if (!draw.equals(Long.toString(d.id()))) {
                cell.reject(CheckSheetColumn.DRAW, draw, "assessment.upload.other-draw", draw, Long.toString(d.id()));
                continue;
            }
            String no = cell.text(CheckSheetColumn.NO);
            Long household = byNo.get(no);
            if (household == null) {
                cell.reject(CheckSheetColumn.NO, no, "assessment.upload.not-drawn", Long.toString(d.id()));
                continue;
            }
            Long first = firstRow.putIfAbsent(household, row.row());
            if (first != null) {
                cell.reject(CheckSheetColumn.NO, no, "assessment.upload.duplicate", Long.toString(first));
                continue;
            }
            boolean noVerdict = cell.text(CheckSheetColumn.VERDICT).isEmpty();
            CheckVerdict verdict = noVerdict ? null : cell.verdict();
            BigDecimal income = cell.parse(CheckSheetColumn.INCOME, Cells::money, "assessment.upload.income");
            Boolean food = cell.yesNo(CheckSheetColumn.FOOD_CLOTHING);
            Boolean education = cell.yesNo(CheckSheetColumn.EDUCATION);
            Boolean medical = cell.yesNo(CheckSheetColumn.MEDICAL);
            Boolean housing = cell.yesNo(CheckSheetColumn.HOUSING);
            Boolean water = cell.yesNo(CheckSheetColumn.WATER);
            Boolean recognised = cell.recognised();
            LocalDate on = cell.parse(CheckSheetColumn.CHECKED_ON, Cells::date, "assessment.upload.day");
            if (!noVerdict
                    && on == null
                    && cell.text(CheckSheetColumn.CHECKED_ON).isEmpty()) {
                cell.reject(CheckSheetColumn.CHECKED_ON, "", "assessment.upload.day");
            }
            Integer version = cell.parse(CheckSheetColumn.VERSION, Cells::integer, "assessment.upload.version");
            String note = cell.text(CheckSheetColumn.NOTE);
            if (cell.rejected) {
                continue;
            }
            Optional<FieldChecks.CheckSheet> sheet = checks.drawnSheet(d, household);
            if (sheet.isEmpty()) {
                cell.reject(CheckSheetColumn.NO, no, "assessment.upload.not-drawn", Long.toString(d.id()));
                continue;
            }
            if (noVerdict) {
                // a household not checked yet is passed over, as exported (checked by someone else since, too); a
                // row with entries but no verdict, or one exported with a check whose verdict was cleared, is not
                FieldChecks.CheckFacts given = sheet.get().registry();
                boolean touched = version != null
                        || recognised != null
                        || on != null
                        || !note.isEmpty()
                        || (income != null
                                && (given.perCapitaIncome() == null || income.compareTo(given.perCapitaIncome()) != 0))
                        || (food != null && food != given.foodClothing())
                        || (education != null && education != given.education())
                        || (medical != null && medical != given.medical())
                        || (housing != null && housing != given.housing())
                        || (water != null && water != given.water());
                if (touched) {
                    cell.reject(CheckSheetColumn.VERDICT, "", "assessment.upload.no-verdict");
                } else {
                    unchanged++;
                }
                continue;
            }
            FieldChecks.CheckRecord check = new FieldChecks.CheckRecord(
                    income, food, education, medical, housing, water, verdict, recognised, note, on);
            for (FieldProblem p : checks.problems(d, sheet.get(), check)) {
                CheckSheetColumn c = switch (p.field()) {
                    case "perCapitaIncome" -> CheckSheetColumn.INCOME;
                    case "checkedOn" -> CheckSheetColumn.CHECKED_ON;
                    case "note" -> CheckSheetColumn.NOTE;
                    default -> CheckSheetColumn.VERDICT;
                };
                errors.add(new RowError(row.row(), cols.label(c), cell.text(c), p.reason()));
                cell.rejected = true;
            }
            if (cell.rejected) {
                continue;
            }
            FieldChecks.FieldCheck was = sheet.get().check();
            if (FieldChecks.unchanged(sheet.get(), check)) {
                unchanged++;
                continue;
            }
            if (was != null && !Integer.valueOf(was.version()).equals(version)) {
                cell.reject(
                        CheckSheetColumn.VERSION,
                        version == null ? "" : version.toString(),
                        "assessment.upload.stale",
                        was.checkedBy(),
                        was.checkedOn().toString());
                continue;
            }
            pending.add(new Pending(household, was == null ? null : was.version(), check));
        }
        if (errors.count() > 0) {
            return new ImportRunner.Counts(rows, 0, 0, 0);
        }
        long inserted = 0;
        for (Pending p : pending) {
            checks.record(d.id(), p.household(), p.version(), p.check());
            inserted += p.version() == null ? 1 : 0;
        }
        return new ImportRunner.Counts(rows, inserted, pending.size() - inserted, unchanged);
    }

    /** One row's cells, read and reported on: a cell that cannot be read adds its error and marks the row. */
    private final class Cell {
        private final TabularRow row;
        private final ColumnMap<CheckSheetColumn> cols;
        private final ErrorCollector errors;
        private final Locale locale;
        boolean rejected;

        Cell(TabularRow row, ColumnMap<CheckSheetColumn> cols, ErrorCollector errors, Locale locale) {
            this.row = row;
            this.cols = cols;
            this.errors = errors;
            this.locale = locale;
        }

        String text(CheckSheetColumn c) {
            return cols.get(row, c);
        }

        <T> T reject(CheckSheetColumn c, String value, String key, Object... args) {
            errors.add(new RowError(row.row(), cols.label(c), value, messages.get(locale, key, args)));
            rejected = true;
            return null;
        }

        <T> T parse(CheckSheetColumn c, Function<String, Optional<T>> parser, String key) {
            String v = text(c);
            if (v.isEmpty()) {
                return null;
            }
            Optional<T> parsed = parser.apply(v);
            return parsed.isPresent() ? parsed.get() : reject(c, v, key);
        }

        Boolean yesNo(CheckSheetColumn c) {
            return parse(c, Cells::bool, "assessment.upload.yes-no");
        }

        CheckVerdict verdict() {
            String v = text(CheckSheetColumn.VERDICT);
            for (CheckVerdict verdict : CheckVerdict.values()) {
                if (v.equals(verdict.zh()) || v.equalsIgnoreCase(verdict.en()) || v.equalsIgnoreCase(verdict.name())) {
                    return verdict;
                }
            }
            return reject(CheckSheetColumn.VERDICT, v, "assessment.upload.verdict");
        }

        /** 认可 / 不认可 as the sheet writes them in either language, 是 / 否, or empty for not asked. */
        Boolean recognised() {
            String v = text(CheckSheetColumn.RECOGNISED);
            if (v.isEmpty() || matches(v, "assessment.recognised.unasked")) {
                return null;
            }
            if (matches(v, "assessment.recognised.yes")) {
                return true;
            }
            if (matches(v, "assessment.recognised.no")) {
                return false;
            }
            return parse(CheckSheetColumn.RECOGNISED, Cells::bool, "assessment.upload.recognised");
        }

        private boolean matches(String v, String key) {
            return v.equalsIgnoreCase(messages.get(Locale.SIMPLIFIED_CHINESE, key))
                    || v.equalsIgnoreCase(messages.get(Locale.ENGLISH, key));
        }
    }
}
