package org.fangpin.ip;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.Cells;
import org.fangpin.common.importing.ColumnMap;
import org.fangpin.common.importing.ErrorCollector;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.ImportRunner;
import org.fangpin.common.importing.RowError;
import org.fangpin.common.importing.Savepoints;
import org.fangpin.common.importing.TabularReader;
import org.fangpin.common.importing.TabularRow;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.ip.IpTerms.Funding;
import org.fangpin.ip.IpTerms.Ownership;
import org.fangpin.ip.IpTerms.PatentType;
import org.springframework.stereotype.Service;

/**
 * A university's existing patents loaded from its list (XLSX or CSV: 专利号, 专利名称, 专利类型, 申请日, 授权日, 权属,
 * 发明人产权比例, 发明人收益比例, 发明人, 学院, 经费来源, 科研项目): each row makes a disclosure marked as imported — filed
 * before the platform, so without an evaluation here — with its inventors ("张三:60；李四:40") and the patent, by the
 * same rules as the pages (shares adding to 100, the number's form, the dates, a number once). All or nothing: every
 * rejected row comes back with its line, column and reason.
 */
@Service
public class PatentListUpload {

    static final String KIND = "ip-patents";

    enum Column implements ColumnMap.Column {
        NUMBER("专利号", "Patent number", true),
        TITLE("专利名称", "Title", true),
        TYPE("专利类型", "Type", true),
        FILED("申请日", "Filed on", true),
        GRANTED("授权日", "Granted on", false),
        OWNERSHIP("权属", "Ownership", false),
        INVENTOR_OWNERSHIP("发明人产权比例", "Inventors' part of the right", false),
        SHARE("发明人收益比例", "Inventors' share of the income", true),
        INVENTORS("发明人", "Inventors", true),
        COLLEGE("学院", "College", false),
        FUNDING("经费来源", "Funding", false),
        PROJECT("科研项目", "Research project", false);

        private final String header;
        private final String english;
        private final boolean required;

        Column(String header, String english, boolean required) {
            this.header = header;
            this.english = english;
            this.required = required;
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
    }

    private final ImportRunner runner;
    private final Universities universities;
    private final Inventions inventions;
    private final Patents patents;
    private final Messages messages;

    PatentListUpload(
            ImportRunner runner, Universities universities, Inventions inventions, Patents patents, Messages messages) {
        this.runner = runner;
        this.universities = universities;
        this.inventions = inventions;
        this.patents = patents;
        this.messages = messages;
    }

    /** Loads the list for the caller's university (all or nothing). */
    public ImportReport upload(Path file, String fileName, String user, Locale locale) {
        universities.mine(); // 403 before reading anything for someone of no university
        return runner.run(
                new ImportRunner.Request(KIND, file, fileName, user, locale),
                (id, reader, conn, errors) -> load(reader, conn, errors, locale));
    }

    private ImportRunner.Counts load(TabularReader reader, Connection conn, ErrorCollector errors, Locale locale) {
        ColumnMap<Column> cols = ColumnMap.of(reader.header(), Column.class);
        for (Column c : EnumSet.allOf(Column.class)) {
            if (c.required() && !cols.has(c)) {
                errors.add(new RowError(1, c.header(), "", messages.get(locale, "import.error.missing-column")));
            }
        }
        if (errors.count() > 0) {
            return new ImportRunner.Counts(0, 0, 0, 0);
        }
        long rows = 0;
        long loaded = 0;
        Set<String> numbers = new HashSet<>();
        for (TabularRow row : reader) {
            rows++;
            long line = row.row();
            long before = errors.count();
            String number = cols.get(row, Column.NUMBER).toUpperCase(Locale.ROOT);
            if (!number.isEmpty() && !numbers.add(number)) {
                errors.add(new RowError(
                        line, cols.label(Column.NUMBER), number, messages.get(locale, "ip.number-taken", number)));
            }
            PatentType type = term(row, cols, Column.TYPE, PatentType.class, line, errors, locale, null);
            Ownership ownership =
                    term(row, cols, Column.OWNERSHIP, Ownership.class, line, errors, locale, Ownership.UNIVERSITY);
            Funding funding = term(row, cols, Column.FUNDING, Funding.class, line, errors, locale, Funding.OTHER);
            LocalDate filed = date(row, cols, Column.FILED, line, errors, locale);
            LocalDate granted = date(row, cols, Column.GRANTED, line, errors, locale);
            BigDecimal share = percent(row, cols, Column.SHARE, line, errors, locale);
            BigDecimal inventorOwnership = percent(row, cols, Column.INVENTOR_OWNERSHIP, line, errors, locale);
            List<Inventions.Inventor> inventors =
                    inventors(cols.get(row, Column.INVENTORS), cols.get(row, Column.COLLEGE));
            if (inventors == null) {
                errors.add(new RowError(
                        line,
                        cols.label(Column.INVENTORS),
                        cols.get(row, Column.INVENTORS),
                        messages.get(locale, "ip.upload.inventors")));
            }
            if (errors.count() > before) {
                continue;
            }
            // each row under a savepoint: a row refused (even by a unique index) leaves the next ones checkable
            try {
                Savepoints.attempt(conn, () -> {
                    Inventions.Disclosure d = inventions.disclose(
                            new Inventions.NewDisclosure(
                                    cols.get(row, Column.TITLE),
                                    blank(cols.get(row, Column.COLLEGE)),
                                    funding,
                                    false,
                                    filed,
                                    false,
                                    blank(cols.get(row, Column.PROJECT)),
                                    null,
                                    inventors),
                            true);
                    patents.file(
                            new Patents.NewPatent(
                                    d.id(), number, type, filed, granted, ownership, inventorOwnership, share),
                            false);
                    return d;
                });
                loaded++;
            } catch (ApiException e) {
                if (e.fieldProblems().isEmpty()) {
                    // a number recorded already is the only refusal without a field (409)
                    boolean taken = "ip.number-taken".equals(e.messageKey());
                    errors.add(new RowError(
                            line,
                            taken ? cols.label(Column.NUMBER) : "",
                            taken ? number : "",
                            messages.get(locale, e.messageKey(), e.args())));
                }
                for (FieldProblem fp : e.fieldProblems()) {
                    Column c = column(fp.field());
                    errors.add(new RowError(
                            line,
                            c == null ? fp.field() : cols.label(c),
                            c == null ? "" : cols.get(row, c),
                            fp.reason()));
                }
            }
        }
        return new ImportRunner.Counts(rows, errors.count() > 0 ? 0 : loaded, 0, 0);
    }

    /**
     * The inventors of a cell: "name:share" separated by ；;、, (or "name share"); null when a part has no share.
     */
    static List<Inventions.Inventor> inventors(String cell, String college) {
        List<Inventions.Inventor> out = new ArrayList<>();
        for (String part : cell.strip().split("[；;、,，\\n]+")) {
            if (part.isBlank()) {
                continue;
            }
            String[] t = part.strip().split("[:：\\s]+");
            if (t.length != 2) {
                return null;
            }
            try {
                out.add(new Inventions.Inventor(t[0], null, blank(college), new BigDecimal(t[1].replace("%", ""))));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** A field a rule refused, as the sheet's column. */
    private static Column column(String field) {
        if (field.startsWith("inventors")) {
            return Column.INVENTORS;
        }
        return switch (field) {
            case "number" -> Column.NUMBER;
            case "title" -> Column.TITLE;
            case "type" -> Column.TYPE;
            case "filedOn", "disclosedOn" -> Column.FILED;
            case "grantedOn" -> Column.GRANTED;
            case "ownership" -> Column.OWNERSHIP;
            case "inventorOwnership" -> Column.INVENTOR_OWNERSHIP;
            case "inventorShare" -> Column.SHARE;
            case "college" -> Column.COLLEGE;
            case "funding" -> Column.FUNDING;
            case "researchProject" -> Column.PROJECT;
            default -> null;
        };
    }

    private <E extends Enum<E> & Labelled> E term(
            TabularRow row,
            ColumnMap<Column> cols,
            Column c,
            Class<E> type,
            long line,
            ErrorCollector errors,
            Locale locale,
            E fallback) {
        String v = cols.get(row, c);
        if (v.isEmpty()) {
            if (fallback == null) {
                errors.add(new RowError(line, cols.label(c), v, messages.get(locale, "import.error.required")));
            }
            return fallback;
        }
        Optional<E> e = Labelled.parse(type, v);
        if (e.isEmpty()) {
            errors.add(new RowError(line, cols.label(c), v, messages.get(locale, "ip.upload.term")));
        }
        return e.orElse(null);
    }

    private LocalDate date(
            TabularRow row, ColumnMap<Column> cols, Column c, long line, ErrorCollector errors, Locale locale) {
        String v = cols.get(row, c);
        if (v.isEmpty()) {
            if (c.required()) {
                errors.add(new RowError(line, cols.label(c), v, messages.get(locale, "import.error.required")));
            }
            return null;
        }
        Optional<LocalDate> d = Cells.date(v);
        if (d.isEmpty()) {
            errors.add(new RowError(line, cols.label(c), v, messages.get(locale, "ip.upload.date")));
        }
        return d.orElse(null);
    }

    private BigDecimal percent(
            TabularRow row, ColumnMap<Column> cols, Column c, long line, ErrorCollector errors, Locale locale) {
        String v = cols.get(row, c).replace("%", "");
        if (v.isEmpty()) {
            return null; // a required one is refused by the patent's own rule
        }
        try {
            return new BigDecimal(v);
        } catch (NumberFormatException e) {
            errors.add(new RowError(line, cols.label(c), v, messages.get(locale, "ip.percent")));
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
