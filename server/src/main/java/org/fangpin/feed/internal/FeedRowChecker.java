package org.fangpin.feed.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.Cells;
import org.fangpin.common.importing.ColumnMap;
import org.fangpin.common.importing.ErrorCollector;
import org.fangpin.common.importing.RowError;
import org.fangpin.common.importing.TabularRow;
import org.fangpin.feed.FeedColumn;
import org.fangpin.feed.FeedType;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.PersonIdentifiers;
import org.fangpin.registry.RegistrySnapshot;
import org.springframework.stereotype.Component;

/**
 * Checks a feed file against its type: the header has every required column, and each cell is valid for its kind
 * (ID numbers per GB 11643, household numbers, known region codes, dates, months, amounts, yes/no, grades, lengths,
 * choices) and each row names its subject (a household, or a village where the feed allows). Every problem goes to
 * the batch's error collector with the row, the column as the file names it, the value (ID numbers masked) and the
 * reason in the sender's language. ID numbers become their lookup hashes here; only the masked form is kept.
 */
@Component
public class FeedRowChecker {

    private final PersonIdentifiers identifiers;
    private final RegionDirectory regions;
    private final Messages messages;
    private final Clock clock;

    FeedRowChecker(PersonIdentifiers identifiers, RegionDirectory regions, Messages messages, Clock clock) {
        this.identifiers = identifiers;
        this.regions = regions;
        this.messages = messages;
        this.clock = clock;
    }

    /** The checks of one batch, whose file has the given header ({@code map}); errors go to {@code errors}. */
    public Batch forBatch(FeedType type, ColumnMap<FeedColumn> map, ErrorCollector errors, Locale locale) {
        return new Batch(type, map, errors, locale);
    }

    /** One batch's checks; it remembers the region codes it has looked up. */
    public final class Batch {
        private final FeedType type;
        private final List<FeedColumn> columns;
        private final ColumnMap<FeedColumn> map;
        private final ErrorCollector errors;
        private final Locale locale;
        private final Map<String, Boolean> knownRegions = new HashMap<>();

        private Batch(FeedType type, ColumnMap<FeedColumn> map, ErrorCollector errors, Locale locale) {
            this.type = type;
            this.columns = type.columns();
            this.map = map;
            this.errors = errors;
            this.locale = locale;
        }

        private String msg(String key, Object... args) {
            return messages.get(locale, key, args);
        }

        private void error(long row, FeedColumn c, String value, String reason) {
            errors.add(new RowError(row, map.label(c), value, reason));
        }

        /** Reports each column the feed requires that the header lacks (as an error of row 1). */
        public void checkHeader() {
            for (FeedColumn c : columns) {
                if (type.required(c) && !map.has(c)) {
                    errors.add(new RowError(1, c.header(), "", msg("import.error.missing-column")));
                }
            }
        }

        /**
         * The row's values in the order of the type's columns followed by the masked ID number (the stage table's
         * order), or null when the row is invalid (its errors reported).
         */
        public Object[] check(TabularRow row) {
            long before = errors.count();
            Object[] out = new Object[columns.size() + 1]; // + the masked ID number
            for (int i = 0; i < columns.size(); i++) {
                FeedColumn c = columns.get(i);
                String text = map.get(row, c);
                if (text.isEmpty()) {
                    if (type.required(c)) {
                        error(row.row(), c, "", msg("import.error.required"));
                    }
                    continue;
                }
                if (c.kind() == FeedColumn.Kind.ID_NUMBER && map.number(row, c)) {
                    // Excel keeps 15 digits of a number: an ID in a cell not formatted as text is already wrong
                    error(row.row(), c, IdNumber.mask(text), msg("import.error.code-as-number", map.label(c)));
                    continue;
                }
                out[i] = value(row.row(), c, text, out);
            }
            if (errors.count() == before) {
                checkSubject(row, out);
            }
            return errors.count() == before ? out : null;
        }

        private Object value(long line, FeedColumn c, String text, Object[] out) {
            switch (c.kind()) {
                case ID_NUMBER -> {
                    Optional<IdNumber.Problem> p = IdNumber.problem(text, LocalDate.now(clock));
                    if (p.isPresent()) {
                        error(
                                line,
                                c,
                                IdNumber.mask(text),
                                msg("idnumber." + p.get().name().toLowerCase(Locale.ROOT)));
                        return null;
                    }
                    out[columns.size()] = IdNumber.mask(text.toUpperCase(Locale.ROOT));
                    return RegistrySnapshot.idKey(identifiers.idLookup(text));
                }
                case HOUSEHOLD_NO -> {
                    if (text.length() > 32 || !text.matches("[0-9A-Za-z-]+")) {
                        error(line, c, text, msg("registry.error.household-no"));
                        return null;
                    }
                    return text;
                }
                case REGION_CODE -> {
                    if (!RegionCode.isWellFormed(text)
                            || !knownRegions.computeIfAbsent(
                                    text, t -> regions.find(t).isPresent())) {
                        error(line, c, text, msg("feed.error.region"));
                        return null;
                    }
                    return text;
                }
                case DATE -> {
                    Optional<LocalDate> d = Cells.date(text);
                    if (d.isEmpty()) {
                        error(line, c, text, msg("import.error.date"));
                    }
                    return d.orElse(null);
                }
                case MONTH -> {
                    Optional<LocalDate> d = month(text);
                    if (d.isEmpty()) {
                        error(line, c, text, msg("feed.error.month"));
                    }
                    return d.orElse(null);
                }
                case MONEY -> {
                    Optional<BigDecimal> m = Cells.money(text);
                    if (m.isEmpty()) {
                        error(line, c, text, msg("import.error.money"));
                    }
                    return m.orElse(null);
                }
                case BOOL -> {
                    Optional<Boolean> b = Cells.bool(text);
                    if (b.isEmpty()) {
                        error(line, c, text, msg("import.error.bool"));
                    }
                    return b.orElse(null);
                }
                case GRADE -> {
                    Optional<Integer> g = Cells.integer(text).filter(n -> n >= 1 && n <= 4);
                    if (g.isEmpty()) {
                        error(line, c, text, msg("import.error.range", 1, 4));
                    }
                    return g.orElse(null);
                }
                case TEXT -> {
                    if (text.length() > 200) {
                        error(line, c, text.substring(0, 20) + "…", msg("import.error.too-long", 200));
                        return null;
                    }
                    return text;
                }
                case CHOICE -> {
                    Optional<FeedColumn.Choice> ch = c.choice(text);
                    if (ch.isEmpty()) {
                        error(
                                line,
                                c,
                                text,
                                msg(
                                        "import.error.choice",
                                        String.join(
                                                "/",
                                                c.choices().stream()
                                                        .map(x -> locale.getLanguage()
                                                                        .equals("en")
                                                                ? x.en()
                                                                : x.zh())
                                                        .toList())));
                        return null;
                    }
                    return ch.get().code();
                }
                default -> throw new IllegalStateException(c.kind().name());
            }
        }

        /** A household feed row names its household (number or a member's ID); a water row may name a village. */
        private void checkSubject(TabularRow row, Object[] out) {
            FeedType.Subject s = type.subject();
            if (s == FeedType.Subject.HOUSEHOLD || s == FeedType.Subject.HOUSEHOLD_OR_VILLAGE) {
                boolean any = false;
                for (FeedColumn key : List.of(FeedColumn.HOUSEHOLD_NO, FeedColumn.ID_NUMBER, FeedColumn.REGION_CODE)) {
                    int i = columns.indexOf(key);
                    any |= i >= 0 && out[i] != null;
                }
                if (!any) {
                    FeedColumn first =
                            columns.contains(FeedColumn.HOUSEHOLD_NO) ? FeedColumn.HOUSEHOLD_NO : columns.get(0);
                    error(
                            row.row(),
                            first,
                            "",
                            msg(
                                    s == FeedType.Subject.HOUSEHOLD
                                            ? "feed.error.no-household"
                                            : "feed.error.no-household-or-village"));
                }
                int r = columns.indexOf(FeedColumn.REGION_CODE);
                if (r >= 0
                        && out[r] != null
                        && regions.find((String) out[r]).map(Region::level).orElse(null) != RegionLevel.VILLAGE) {
                    error(row.row(), FeedColumn.REGION_CODE, (String) out[r], msg("registry.error.village"));
                }
            }
        }
    }

    /** A month as 2026-11, 2026/11, 202611, 2026-1 or 2026年11月: its first day, or empty. */
    private static Optional<LocalDate> month(String text) {
        String t = text.strip().replace('/', '-').replace("年", "-").replace("月", "");
        try {
            return Optional.of(YearMonth.parse(
                            t.length() == 6 && !t.contains("-")
                                    ? t.substring(0, 4) + "-" + t.substring(4)
                                    : t.matches("\\d{4}-\\d") ? t.substring(0, 5) + "0" + t.substring(5) : t)
                    .atDay(1));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
