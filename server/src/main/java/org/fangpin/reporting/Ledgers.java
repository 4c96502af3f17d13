package org.fangpin.reporting;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.logging.SensitiveText;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.reporting.internal.LedgerWriter;
import org.fangpin.reporting.internal.RegionReach;
import org.fangpin.reporting.internal.StandardLedgers;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 台账: the standard {@link Ledger}s over the caller's region — a page at a time with the count and totals of all
 * matching rows, or whole as XLSX (title row, frozen header, widths, totals) or CSV, streamed through a cursor in
 * constant memory. ID numbers appear masked only; every export is audited.
 */
@Service
public class Ledgers {

    public static final int MAX_PAGE = 200;

    /** Rows between two reports of an export's progress ({@code fangpin.reporting.export-progress-rows}). */
    private final int progressEvery;

    /** Rows read from the database per round trip while streaming. */
    private static final int FETCH = 2000;

    private final StandardLedgers standard;
    private final RegionReach reach;
    private final RegionDirectory regions;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Permissions permissions;
    private final Clock clock;

    Ledgers(
            StandardLedgers standard,
            RegionReach reach,
            RegionDirectory regions,
            DataSource dataSource,
            PlatformTransactionManager transactionManager,
            ApplicationEventPublisher events,
            Messages messages,
            Permissions permissions,
            @Value("${fangpin.reporting.export-progress-rows:5000}") int progressEvery,
            Clock clock) {
        this.permissions = permissions;
        this.progressEvery = Math.max(1, progressEvery);
        this.standard = standard;
        this.reach = reach;
        this.regions = regions;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.jdbc.getJdbcTemplate().setFetchSize(FETCH);
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
        this.events = events;
        this.messages = messages;
        this.clock = clock;
    }

    /** What to list: a region (null: one's own), a date span on the ledger's date (either end open), filters. */
    public record Request(String region, LocalDate from, LocalDate to, Map<String, String> filters) {

        public Request {
            filters = filters == null ? Map.of() : Map.copyOf(filters);
        }
    }

    /** One row: its household (for a link) and the values of the ledger's columns, in the caller's language. */
    public record Row(long householdId, List<Object> values) {}

    /**
     * A page of a ledger: the region it is of (narrowed to one's own when one asked above it), the request as
     * understood, the rows, the count of all matching rows and the totals of the summed columns over all of them.
     */
    public record Page(
            Ledger ledger,
            Region region,
            LocalDate asOf,
            LocalDate from,
            LocalDate to,
            Map<String, String> filters,
            List<Row> rows,
            long total,
            Map<String, BigDecimal> totals,
            int page,
            int size) {

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    public enum Format {
        XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        CSV("csv", "text/csv;charset=UTF-8");

        private final String extension;
        private final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }

        public String contentType() {
            return contentType;
        }
    }

    /** An export, checked in the caller's request and written when the response streams. */
    public interface Export {
        String fileName();

        /** The region code the export is of (the caller's own when the scope narrowed it). */
        String region();

        Format format();

        /** Writes the file; returns the rows written. */
        default long writeTo(OutputStream out) {
            return writeTo(out, n -> {});
        }

        /** Writes the file, telling {@code progress} the rows written so far every few thousand rows. */
        long writeTo(OutputStream out, LongConsumer progress);
    }

    /** How many rows an export of the request would hold (the page's count). */
    public long count(String code, Request request) {
        Query q = query(find(code), request);
        Long n = transactions.execute(status -> totals(q, new LinkedHashMap<>()));
        return n == null ? 0 : n;
    }

    public List<Ledger> list() {
        return standard.all();
    }

    /** 404 for a code that names no ledger. */
    public Ledger find(String code) {
        return standard.all().stream()
                .filter(l -> l.code().equals(code))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("ledger.not-found", code));
    }

    public Page page(String code, Request request, int page, int size) {
        Query q = query(find(code), request);
        int n = Math.max(1, Math.min(size, MAX_PAGE));
        int p = Math.max(1, page);
        return transactions.execute(status -> {
            Map<String, BigDecimal> totals = new LinkedHashMap<>();
            long total = totals(q, totals);
            Map<String, Object> params = new HashMap<>(q.params);
            params.put("limit", n);
            params.put("offset", (long) (p - 1) * n);
            List<Row> rows = new ArrayList<>();
            Values values = new Values(q.ledger, q.locale);
            jdbc.query(q.select + " limit :limit offset :offset", params, rs -> {
                rows.add(new Row(rs.getLong("household_id"), values.read(rs)));
            });
            return new Page(
                    q.ledger, q.region, q.asOf, request.from(), request.to(), q.filters, rows, total, totals, p, n);
        });
    }

    /**
     * The whole ledger as a file; checked now, written later. Besides reading statistics, a whole ledger leaving the
     * platform needs the permission to export the registry.
     */
    public Export export(String code, Request request, Format format) {
        if (!permissions.has(Permission.REGISTRY_EXPORT)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "ledger.error.export", List.of());
        }
        Query q = query(find(code), request);
        // audited now, in the caller's request, before a row leaves: an export cut off midway was still taken
        audit(q, format);
        String fileName = q.ledger.label(q.locale) + "-" + q.region.name() + "-" + q.asOf + "." + format.extension;
        return new Export() {
            @Override
            public String fileName() {
                return fileName;
            }

            @Override
            public Format format() {
                return format;
            }

            @Override
            public String region() {
                return q.region.code();
            }

            @Override
            public long writeTo(OutputStream out, LongConsumer progress) {
                Long n = transactions.execute(status -> write(q, format, out, progress));
                return n == null ? 0 : n;
            }
        };
    }

    private void audit(Query q, Format format) {
        events.publishEvent(new AuditableChange(
                "ledger",
                q.ledger.code(),
                "EXPORT",
                null,
                Map.of(
                        "ledger", q.ledger.code(),
                        "region", q.region.code(),
                        "from", String.valueOf(q.from),
                        "to", String.valueOf(q.to),
                        "filters", q.filters,
                        "format", format.name()),
                q.region.code()));
    }

    private long write(Query q, Format format, OutputStream out, LongConsumer progress) {
        Values values = new Values(q.ledger, q.locale);
        LedgerWriter writer = LedgerWriter.open(format == Format.XLSX, out, q.ledger, q.locale);
        writer.title(q.ledger.label(q.locale), subtitle(q));
        long[] n = {0};
        jdbc.query(q.select, q.params, rs -> {
            writer.row(values.read(rs));
            if (++n[0] % progressEvery == 0) {
                progress.accept(n[0]);
            }
        });
        writer.finish(messages.get(
                q.locale,
                "ledger.totalRow",
                Messages.count(n[0]),
                q.ledger.unit().label(q.locale)));
        return n[0];
    }

    /** The region, day, span and filters of an export, in words. */
    private String subtitle(Query q) {
        List<String> parts = new ArrayList<>();
        List<Region> path = regions.ancestors(q.region.code());
        parts.add(messages.get(
                q.locale,
                "ledger.regionOf",
                String.join("", path.stream().map(Region::name).toList())));
        parts.add(messages.get(q.locale, "ledger.asOfDay", q.asOf));
        if (q.from != null || q.to != null) {
            parts.add(messages.get(
                    q.locale,
                    "ledger.span",
                    q.ledger.dated().map(c -> c.label(q.locale)).orElse(""),
                    q.from == null ? "…" : q.from.toString(),
                    q.to == null ? "…" : q.to.toString()));
        }
        for (Ledger.Filter f : q.ledger.filters()) {
            String v = q.filters.get(f.key());
            if (v != null) {
                parts.add(f.label(q.locale) + "："
                        + f.option(v).map(o -> o.label(q.locale)).orElse(v));
            }
        }
        return String.join("  ", parts);
    }

    private long totals(Query q, Map<String, BigDecimal> totals) {
        StringBuilder sql = new StringBuilder("select count(*)");
        List<LedgerColumn> summed =
                q.ledger.columns().stream().filter(LedgerColumn::total).toList();
        for (LedgerColumn c : summed) {
            sql.append(", sum(t.").append(c.sqlColumn()).append(')');
        }
        sql.append(q.fromWhere);
        return jdbc.query(sql.toString(), q.params, rs -> {
            rs.next();
            for (int i = 0; i < summed.size(); i++) {
                BigDecimal v = rs.getBigDecimal(i + 2);
                totals.put(summed.get(i).key(), v == null ? BigDecimal.ZERO : v);
            }
            return rs.getLong(1);
        });
    }

    /**
     * A ledger request checked and resolved: {@code from} is the query's {@code from … where …} over the ledger's
     * relation as {@code t}; {@code select} adds the columns and the order.
     */
    private record Query(
            Ledger ledger,
            Region region,
            LocalDate asOf,
            LocalDate from,
            LocalDate to,
            Map<String, String> filters,
            String fromWhere,
            String select,
            Map<String, Object> params,
            Locale locale) {}

    private Query query(Ledger ledger, Request request) {
        RegionReach.Reached r = reach.reach(request.region());
        LocalDate today = LocalDate.now(clock);
        Map<String, Object> params = new HashMap<>();
        params.put("lo", r.range().low());
        params.put("hi", r.range().high());
        params.put("today", today);
        StringBuilder where = new StringBuilder(" from (")
                .append(ledger.sql())
                .append(") t where t.village_code between :lo and :hi");
        LocalDate from = request.from();
        LocalDate to = request.to();
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.invalid("from", messages.get("ledger.error.span", from, to));
        }
        ledger.dated().ifPresent(c -> {
            if (from != null) {
                where.append(" and t.").append(c.sqlColumn()).append(" >= :from");
                params.put("from", from);
            }
            if (to != null) {
                where.append(" and t.").append(c.sqlColumn()).append(" <= :to");
                params.put("to", to);
            }
        });
        Map<String, String> filters = new LinkedHashMap<>();
        for (Ledger.Filter f : ledger.filters()) {
            String v = request.filters().get(f.key());
            if (v == null || v.isBlank()) {
                continue;
            }
            Ledger.Option o = f.option(v.strip())
                    .orElseThrow(() -> ApiException.invalid(
                            f.key(), messages.get("ledger.error.option", v, f.label(messages.locale()))));
            String p = "f_" + f.key().replace('-', '_');
            where.append(" and (")
                    .append(
                            o.condition() != null
                                    ? o.condition()
                                    : f.condition().replace(":value", ":" + p))
                    .append(')');
            params.put(p, o.code());
            filters.put(f.key(), o.code());
        }
        String fromWhere = where.toString();
        String select = "select t.*" + fromWhere + " order by " + ledger.orderBy();
        boolean dated = ledger.dated().isPresent();
        return new Query(
                ledger,
                r.region(),
                today,
                dated ? from : null,
                dated ? to : null,
                filters,
                fromWhere,
                select,
                params,
                messages.locale());
    }

    /** Reads a row's values as its columns' kinds say, resolving labels and region names (cached per request). */
    private final class Values {
        private final Ledger ledger;
        private final Locale locale;
        private final boolean english;
        private final String yes;
        private final String no;
        /** Each column's name in the result (worked out once: it is read for every cell). */
        private final String[] names;

        private final Map<String, String[]> places = new HashMap<>();

        Values(Ledger ledger, Locale locale) {
            this.ledger = ledger;
            this.locale = locale;
            this.english = LedgerColumn.english(locale);
            this.yes = messages.get(locale, "yes");
            this.no = messages.get(locale, "no");
            this.names = ledger.columns().stream()
                    .map(c -> c.kind() == LedgerColumn.Kind.LOCALIZED
                            ? c.sqlColumn() + (english ? "_en" : "_zh")
                            : c.sqlColumn())
                    .toArray(String[]::new);
        }

        List<Object> read(ResultSet rs) throws SQLException {
            List<LedgerColumn> columns = ledger.columns();
            Object[] out = new Object[columns.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = value(columns.get(i), names[i], rs);
            }
            return Arrays.asList(out);
        }

        private Object value(LedgerColumn c, String column, ResultSet rs) throws SQLException {
            return switch (c.kind()) {
                case TEXT, CODE -> rs.getString(column);
                case NOTE -> SensitiveText.mask(rs.getString(column));
                case INTEGER -> {
                    long v = rs.getLong(column);
                    yield rs.wasNull() ? null : v;
                }
                case MONEY -> rs.getBigDecimal(column);
                case DATE -> rs.getObject(column, LocalDate.class);
                case LABEL -> {
                    String code = rs.getString(column);
                    yield code == null ? null : c.labeler().label(code, locale);
                }
                case LABELS -> joined(rs.getArray(column), c);
                case LOCALIZED -> {
                    Object v = rs.getObject(column);
                    yield v instanceof Array a ? joined(a, null) : v == null ? null : v.toString();
                }
                case YES_NO -> {
                    boolean b = rs.getBoolean(column);
                    yield rs.wasNull() ? null : b ? yes : no;
                }
                case TOWNSHIP -> place(rs.getString("village_code"))[0];
                case VILLAGE -> place(rs.getString("village_code"))[1];
            };
        }

        private String joined(Array array, LedgerColumn c) throws SQLException {
            if (array == null) {
                return null;
            }
            Object[] codes = (Object[]) array.getArray();
            List<String> out = new ArrayList<>(codes.length);
            for (Object code : codes) {
                out.add(c == null ? String.valueOf(code) : c.labeler().label(String.valueOf(code), locale));
            }
            return String.join("、", out);
        }

        /** A village's township and village names. */
        private String[] place(String village) {
            return places.computeIfAbsent(village, v -> {
                List<Region> up = regions.ancestors(v);
                // a code the tree does not know is shown as it is; a township's or county's own row has no village
                String[] names = {"", up.isEmpty() ? v : ""};
                for (Region a : up) {
                    // a county's own row (its assets, say) stands under the county's name; a province's or city's
                    // (a partnership of theirs) under theirs
                    if (a.level().digits() <= RegionLevel.COUNTY.digits()
                            && a.code().equals(v)) {
                        names[0] = a.name();
                    } else if (a.level() == RegionLevel.TOWNSHIP) {
                        names[0] = a.name();
                    } else if (a.level() == RegionLevel.VILLAGE) {
                        names[1] = a.name();
                    }
                }
                return names;
            });
        }
    }
}
