package org.fangpin.pairing.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
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
import org.fangpin.pairing.MemberStatus;
import org.fangpin.pairing.TeamPost;
import org.fangpin.pairing.WorkTeams;
import org.fangpin.region.DataScope;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.IdNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 驻村干部花名册: the members at work in the caller's reach as an XLSX sheet (ID number and phone masked, as every view
 * shows them), and the roster upload (XLSX or CSV: 行政区划代码, 姓名, 公民身份号码, 联系电话, 派出单位, 职务, 任期起, 任期止) that
 * sends each member to their village's team — starting the team, sent by the member's unit, where the village has
 * none — by the same rules as the page: one 第一书记 per village, nobody on two teams, the term's bounds. All or
 * nothing: every rejected row comes back with its line, column and reason.
 */
@Component
class RosterSheets {

    static final String KIND = "team-roster";

    /** The upload's columns (the sheet adds the village's name and the status, which the upload ignores). */
    enum Column implements ColumnMap.Column {
        VILLAGE("行政区划代码", "Village code", true),
        NAME("姓名", "Name", true),
        ID("公民身份号码", "ID number", true),
        PHONE("联系电话", "Phone", false),
        UNIT("派出单位", "Sending unit", true),
        POST("职务", "Post", true),
        FROM("任期起", "Term from", true),
        TO("任期止", "Term to", false);

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
    private final WorkTeams teams;
    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final RegionDirectory regions;
    private final Messages messages;

    RosterSheets(
            ImportRunner runner,
            WorkTeams teams,
            JdbcClient jdbc,
            DataScope dataScope,
            RegionDirectory regions,
            Messages messages) {
        this.runner = runner;
        this.teams = teams;
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.regions = regions;
        this.messages = messages;
    }

    /** The members at work in the caller's reach, by village, as the sheet (masked; the upload's columns first). */
    void sheet(Locale locale, OutputStream out) throws IOException {
        List<WorkTeams.Team> at = teams.overview(false).teams();
        Workbook wb = new Workbook(out, "Fangpin", "1.0");
        Worksheet ws = wb.newWorksheet(messages.get(locale, "team.rosterTitle"));
        List<String> headers = new ArrayList<>();
        for (Column c : Column.values()) {
            headers.add(c.header());
        }
        headers.add(messages.get(locale, "team.rosterVillage"));
        headers.add(messages.get(locale, "team.field.status"));
        for (int c = 0; c < headers.size(); c++) {
            ws.value(0, c, headers.get(c));
            ws.width(c, c == 0 || c == 2 ? 20 : 14);
        }
        ws.range(0, 0, 0, headers.size() - 1).style().bold().fillColor("EEEEEE").set();
        int r = 1;
        for (WorkTeams.Team t : at) {
            for (WorkTeams.Member m : t.members()) {
                if (m.status() != MemberStatus.ON_DUTY) {
                    continue;
                }
                ws.value(r, 0, t.village());
                ws.value(r, 1, m.name());
                ws.value(r, 2, m.idNumber());
                if (m.phone() != null) {
                    ws.value(r, 3, m.phone());
                }
                ws.value(r, 4, m.unitName());
                ws.value(r, 5, m.post().label(locale));
                ws.value(r, 6, m.termFrom().toString());
                ws.value(r, 7, m.termTo().toString());
                ws.value(r, 8, t.villageName());
                ws.value(r, 9, m.status().label(locale));
                r++;
            }
        }
        ws.range(1, 0, Math.max(1, r - 1), 7).style().format("@").set();
        ws.freezePane(0, 1);
        wb.finish();
    }

    /** Sends the members of a roster (all or nothing). */
    ImportReport upload(Path file, String fileName, String user, Locale locale) {
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
        Map<String, Long> units = new HashMap<>();
        jdbc.sql("select name, id from assist_unit").query(rs -> {
            units.put(rs.getString(1), rs.getLong(2));
        });
        long rows = 0;
        long sent = 0;
        for (TabularRow row : reader) {
            rows++;
            long line = row.row();
            long before = errors.count();
            String village = cols.get(row, Column.VILLAGE);
            Optional<Region> place = regions.find(village)
                    .filter(x -> x.level() == RegionLevel.VILLAGE && x.validTo() == null)
                    .filter(x -> dataScope.current().covers(x.code()));
            if (place.isEmpty()) {
                errors.add(new RowError(
                        line, cols.label(Column.VILLAGE), village, messages.get(locale, "team.roster.village")));
            }
            String unitName = cols.get(row, Column.UNIT);
            Long unit = units.get(unitName);
            if (unit == null) {
                errors.add(new RowError(line, cols.label(Column.UNIT), unitName, messages.get(locale, "team.units")));
            }
            String postText = cols.get(row, Column.POST);
            TeamPost post = post(postText);
            if (post == null) {
                errors.add(new RowError(
                        line, cols.label(Column.POST), postText, messages.get(locale, "team.roster.post")));
            }
            LocalDate from = date(row, cols, Column.FROM, line, errors, locale, true);
            LocalDate to = date(row, cols, Column.TO, line, errors, locale, false);
            if (errors.count() > before) {
                continue;
            }
            String phone = cols.get(row, Column.PHONE);
            WorkTeams.NewMember member = new WorkTeams.NewMember(
                    cols.get(row, Column.NAME),
                    cols.get(row, Column.ID),
                    phone.isEmpty() ? null : phone,
                    unit,
                    post,
                    from,
                    to);
            // each row under a savepoint: a row refused (even by a unique index) leaves the next ones checkable
            try {
                Savepoints.attempt(conn, () -> {
                    long team = team(place.get().code(), unit, from);
                    return teams.addMember(team, teams.get(team).version(), member);
                });
                sent++;
            } catch (ApiException e) {
                if (e.fieldProblems().isEmpty()) {
                    errors.add(new RowError(line, "", "", messages.get(locale, e.messageKey(), e.args())));
                }
                for (FieldProblem fp : e.fieldProblems()) {
                    Column c = column(fp.field());
                    errors.add(new RowError(
                            line,
                            c == null ? fp.field() : cols.label(c),
                            c == null ? "" : shown(row, cols, c),
                            fp.reason()));
                }
            }
        }
        return new ImportRunner.Counts(rows, errors.count() > 0 ? 0 : sent, 0, 0);
    }

    /** The village's team at work, or one started for the member's unit on the day the term begins. */
    private long team(String village, long unit, LocalDate from) {
        return jdbc.sql("select id from work_team where village_code = ? and ended_on is null")
                .param(village)
                .query(Long.class)
                .optional()
                .orElseGet(() -> teams.start(new WorkTeams.NewTeam(village, from, List.of(unit)))
                        .id());
    }

    /** A field a rule refused, as the sheet's column. */
    private static Column column(String field) {
        return switch (field) {
            case "village" -> Column.VILLAGE;
            case "name" -> Column.NAME;
            case "idNumber" -> Column.ID;
            case "phone" -> Column.PHONE;
            case "unitId", "unitIds" -> Column.UNIT;
            case "post" -> Column.POST;
            case "termFrom", "startedOn" -> Column.FROM;
            case "termTo" -> Column.TO;
            default -> null;
        };
    }

    /** What the row holds in a column, as the report shows it: never an ID number in full. */
    private static String shown(TabularRow row, ColumnMap<Column> cols, Column c) {
        String v = cols.get(row, c);
        return c == Column.ID ? IdNumber.mask(v) : v;
    }

    private static TeamPost post(String v) {
        for (TeamPost p : TeamPost.values()) {
            if (v.equals(p.zh()) || v.equalsIgnoreCase(p.en()) || v.equalsIgnoreCase(p.name())) {
                return p;
            }
        }
        return null;
    }

    private LocalDate date(
            TabularRow row,
            ColumnMap<Column> cols,
            Column c,
            long line,
            ErrorCollector errors,
            Locale locale,
            boolean required) {
        String v = cols.get(row, c);
        if (v.isEmpty()) {
            if (required) {
                errors.add(new RowError(line, cols.label(c), v, messages.get(locale, "team.required")));
            }
            return null;
        }
        Optional<LocalDate> d = Cells.date(v);
        if (d.isEmpty()) {
            errors.add(new RowError(line, cols.label(c), v, messages.get(locale, "team.roster.date")));
        }
        return d.orElse(null);
    }
}
