package org.fangpin.region;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.Cells;
import org.fangpin.common.importing.ColumnMap;
import org.fangpin.common.importing.CopyWriter;
import org.fangpin.common.importing.ErrorCollector;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.ImportRunner;
import org.fangpin.common.importing.RowError;
import org.fangpin.common.importing.TabularReader;
import org.fangpin.common.importing.TabularRow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Imports a region tree file all-or-nothing: rows are checked one by one (code shape, level, implied parent),
 * streamed by COPY into a staging table, checked together in SQL (duplicates, orphans), then upserted.
 */
@Service
public class RegionImporter {

    public static final String KIND = "regions";

    private static final Map<String, RegionLevel> LEVEL_WORDS = Map.ofEntries(
            Map.entry("省", RegionLevel.PROVINCE),
            Map.entry("province", RegionLevel.PROVINCE),
            Map.entry("市", RegionLevel.CITY),
            Map.entry("city", RegionLevel.CITY),
            Map.entry("县", RegionLevel.COUNTY),
            Map.entry("county", RegionLevel.COUNTY),
            Map.entry("乡", RegionLevel.TOWNSHIP),
            Map.entry("乡镇", RegionLevel.TOWNSHIP),
            Map.entry("township", RegionLevel.TOWNSHIP),
            Map.entry("村", RegionLevel.VILLAGE),
            Map.entry("village", RegionLevel.VILLAGE));

    private final ImportRunner runner;
    private final JdbcClient jdbc;
    private final Messages messages;

    RegionImporter(ImportRunner runner, JdbcClient jdbc, Messages messages) {
        this.runner = runner;
        this.jdbc = jdbc;
        this.messages = messages;
    }

    public ImportReport importFile(Path file, String fileName, String user, Locale locale) {
        return runner.run(
                new ImportRunner.Request(KIND, file, fileName, user, locale),
                (id, reader, conn, errors) -> load(id, reader, conn, errors, locale));
    }

    private ImportRunner.Counts load(
            UUID importId, TabularReader reader, Connection conn, ErrorCollector errors, Locale locale) {
        ColumnMap<RegionColumn> cols = ColumnMap.of(reader.header(), RegionColumn.class);
        for (RegionColumn c : EnumSet.allOf(RegionColumn.class)) {
            if (c.required() && !cols.has(c)) {
                errors.add(new RowError(1, c.header(), "", messages.get(locale, "import.error.missing-column")));
            }
        }
        if (errors.count() > 0) {
            return new ImportRunner.Counts(0, 0, 0, 0);
        }
        jdbc.sql("""
                create temp table region_stage (
                  line bigint, code varchar(12) collate "C", name text, parent_code varchar(12) collate "C",
                  level smallint, valid_from date, valid_to date) on commit drop""").update();
        long rows = 0;
        try (CopyWriter copy = new CopyWriter(
                conn, "copy region_stage (line, code, name, parent_code, level, valid_from, valid_to) from stdin")) {
            // a code seen before is a duplicate, whatever else the row says: reported naming both rows, and not
            // checked further (its level or parent would send the reader looking in the wrong place)
            Map<String, Long> firstLine = new HashMap<>();
            String codeLabel = cols.label(RegionColumn.CODE);
            for (TabularRow row : reader) {
                rows++;
                String code = cols.get(row, RegionColumn.CODE);
                Long first = code.isEmpty() ? null : firstLine.putIfAbsent(code, row.row());
                if (first != null) {
                    errors.add(new RowError(
                            row.row(),
                            codeLabel,
                            code,
                            messages.get(
                                    locale,
                                    "region.error.duplicate",
                                    String.valueOf(first),
                                    String.valueOf(row.row()))));
                    continue;
                }
                validRow(row, cols, errors, locale).ifPresent(r -> {
                    copy.field(row.row())
                            .field(r.code)
                            .field(r.name)
                            .field(r.parent)
                            .field(r.level.number())
                            .field(r.from)
                            .field(r.to);
                    copy.endRow();
                });
            }
        }
        // orphans only once every row is valid, since a rejected row may be the missing parent
        boolean rowsValid = errors.count() == 0;
        if (!rowsValid) {
            return new ImportRunner.Counts(rows, 0, 0, 0);
        }
        String parentLabel = cols.label(RegionColumn.PARENT_CODE);
        jdbc.sql("""
                select s.line, s.parent_code from region_stage s
                where s.parent_code is not null
                  and not exists (select 1 from region_stage p where p.code = s.parent_code)
                  and not exists (select 1 from region r where r.code = s.parent_code)
                order by s.line""")
                .query((rs, i) -> new RowError(
                        rs.getLong(1), parentLabel, rs.getString(2), messages.get(locale, "region.error.orphan")))
                .list()
                .forEach(errors::add);
        if (errors.count() > 0) {
            return new ImportRunner.Counts(rows, 0, 0, 0);
        }
        jdbc.sql("""
                insert into region_change (code, old_name, new_name, old_valid_to, new_valid_to, import_id)
                select r.code, r.name, s.name, r.valid_to, s.valid_to, :importId
                from region_stage s join region r on r.code = s.code
                where r.name <> s.name or r.valid_to is distinct from s.valid_to""").param("importId", importId).update();
        var counts = jdbc.sql("""
                with up as (
                  insert into region as r (code, name, parent_code, level, valid_from, valid_to)
                  select code, name, parent_code, level, coalesce(valid_from, date '1949-10-01'), valid_to
                  from region_stage
                  on conflict (code) do update set name = excluded.name, parent_code = excluded.parent_code,
                    level = excluded.level, valid_from = excluded.valid_from, valid_to = excluded.valid_to,
                    updated_at = now()
                  where (r.name, r.parent_code, r.level, r.valid_from, r.valid_to)
                    is distinct from (excluded.name, excluded.parent_code, excluded.level, excluded.valid_from,
                      excluded.valid_to)
                  returning (xmax = 0) as inserted)
                select count(*) filter (where inserted), count(*) filter (where not inserted) from up""")
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        jdbc.sql("analyze region").update();
        return new ImportRunner.Counts(rows, counts[0], counts[1], rows - counts[0] - counts[1]);
    }

    private record ValidRow(String code, String name, String parent, RegionLevel level, LocalDate from, LocalDate to) {}

    private Optional<ValidRow> validRow(
            TabularRow row, ColumnMap<RegionColumn> cols, ErrorCollector errors, Locale locale) {
        long before = errors.count();
        String code = cols.get(row, RegionColumn.CODE);
        String name = cols.get(row, RegionColumn.NAME);
        String parent = cols.get(row, RegionColumn.PARENT_CODE);
        String levelText = cols.get(row, RegionColumn.LEVEL);
        RegionLevel level = parseLevel(levelText);
        if (level == null) {
            errors.add(new RowError(
                    row.row(), cols.label(RegionColumn.LEVEL), levelText, messages.get(locale, "region.error.level")));
        }
        if (!RegionCode.isWellFormed(code)) {
            errors.add(new RowError(
                    row.row(), cols.label(RegionColumn.CODE), code, messages.get(locale, "region.error.code")));
        } else if (level != null && !RegionCode.fitsLevel(code, level)) {
            errors.add(new RowError(
                    row.row(),
                    cols.label(RegionColumn.CODE),
                    code,
                    messages.get(locale, "region.error.code-level", level.number())));
        } else if (level != null) {
            Optional<String> implied = RegionCode.impliedParent(code, level);
            String expected = implied.orElse("");
            if (!expected.equals(parent)) {
                errors.add(new RowError(
                        row.row(),
                        cols.label(RegionColumn.PARENT_CODE),
                        parent,
                        implied.isEmpty()
                                ? messages.get(locale, "region.error.top-has-parent")
                                : messages.get(locale, "region.error.parent", expected)));
            }
        }
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new RowError(
                    row.row(), cols.label(RegionColumn.NAME), name, messages.get(locale, "region.error.name")));
        }
        LocalDate from = optionalDate(row, cols, RegionColumn.VALID_FROM, errors, locale);
        LocalDate to = optionalDate(row, cols, RegionColumn.VALID_TO, errors, locale);
        if (from != null && to != null && !to.isAfter(from)) {
            errors.add(new RowError(
                    row.row(),
                    cols.label(RegionColumn.VALID_TO),
                    to.toString(),
                    messages.get(locale, "region.error.validity")));
        }
        if (errors.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new ValidRow(code, name, parent.isEmpty() ? null : parent, level, from, to));
    }

    private LocalDate optionalDate(
            TabularRow row, ColumnMap<RegionColumn> cols, RegionColumn col, ErrorCollector errors, Locale locale) {
        String text = cols.get(row, col);
        if (text.isEmpty()) {
            return null;
        }
        Optional<LocalDate> d = Cells.date(text);
        if (d.isEmpty()) {
            errors.add(new RowError(row.row(), cols.label(col), text, messages.get(locale, "import.error.date")));
        }
        return d.orElse(null);
    }

    static RegionLevel parseLevel(String text) {
        Optional<Integer> n = Cells.integer(text);
        if (n.isPresent()) {
            return n.get() >= 1 && n.get() <= 5 ? RegionLevel.of(n.get()) : null;
        }
        return LEVEL_WORDS.get(text.toLowerCase(Locale.ROOT));
    }
}
