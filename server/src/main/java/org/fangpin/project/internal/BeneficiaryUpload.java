package org.fangpin.project.internal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.Cells;
import org.fangpin.common.importing.ColumnMap;
import org.fangpin.common.importing.ErrorCollector;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.ImportRunner;
import org.fangpin.common.importing.RowError;
import org.fangpin.common.importing.TabularReader;
import org.fangpin.common.importing.TabularRow;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.project.BenefitLink;
import org.fangpin.project.ProjectBeneficiaries;
import org.fangpin.project.Projects;
import org.fangpin.registry.RegistryLedgers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * 受益农户名单上传: a project's list of the households it reaches as a sheet (XLSX or CSV: 户编号, 联农带农方式, 计划受益,
 * 实际受益, 备注), replacing the list, all or nothing. Each household is found by its number; the way by its label in
 * either language or its code. Every rejected row comes back with its line, column and reason — and the rules of a
 * list entered on the page ({@link ProjectBeneficiaries#replace}) apply to every row — and nothing changes.
 */
@Component
class BeneficiaryUpload {

    static final String KIND = "project-beneficiaries";

    /** The sheet's columns. */
    enum Column implements ColumnMap.Column {
        NO("户编号", "Household no.", true),
        WAY("联农带农方式", "Way", true),
        PLANNED("计划受益（元）", "Planned (yuan)", false),
        ACTUAL("实际受益（元）", "Got (yuan)", false),
        NOTE("备注", "Note", false);

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
    private final Projects projects;
    private final ProjectBeneficiaries beneficiaries;
    private final JdbcClient jdbc;
    private final Messages messages;

    BeneficiaryUpload(
            ImportRunner runner,
            Projects projects,
            ProjectBeneficiaries beneficiaries,
            JdbcClient jdbc,
            Messages messages) {
        this.runner = runner;
        this.projects = projects;
        this.beneficiaries = beneficiaries;
        this.jdbc = jdbc;
        this.messages = messages;
    }

    /**
     * The project's list as the sheet the upload reads (户编号 as text, the way by its label in the reader's language):
     * downloaded, changed and uploaded again; with no households, the empty template. A department user, who reads only
     * the totals, gets the template.
     */
    void sheet(long projectId, Locale locale, java.io.OutputStream out) throws java.io.IOException {
        List<ProjectBeneficiaries.Beneficiary> items =
                beneficiaries.of(projectId).items();
        org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(out, "Fangpin", "1.0");
        org.dhatim.fastexcel.Worksheet ws = wb.newWorksheet(messages.get(locale, "project.beneficiariesTitle"));
        Column[] columns = Column.values();
        for (int c = 0; c < columns.length; c++) {
            ws.value(0, c, columns[c].header());
            ws.width(c, c == 0 ? 22 : c == columns.length - 1 ? 30 : 16);
        }
        ws.range(0, 0, 0, columns.length - 1).style().bold().fillColor("EEEEEE").set();
        ws.range(1, 0, Math.max(1, items.size()), 0).style().format("@").set();
        for (int i = 0; i < items.size(); i++) {
            ProjectBeneficiaries.Beneficiary b = items.get(i);
            int r = i + 1;
            ws.value(r, 0, b.householdNo());
            ws.value(r, 1, b.way().label(locale));
            if (b.planned() != null) {
                ws.value(r, 2, b.planned());
            }
            if (b.actual() != null) {
                ws.value(r, 3, b.actual());
            }
            if (b.note() != null) {
                ws.value(r, 4, b.note());
            }
        }
        ws.freezePane(0, 1);
        wb.finish();
    }

    /** Uploads a project's list (404 for a project outside the caller's reach, before anything is read). */
    ImportReport upload(long projectId, Path file, String fileName, String user, Locale locale) {
        Projects.Project p = projects.get(projectId);
        return runner.run(
                new ImportRunner.Request(KIND, file, fileName, user, locale),
                (id, reader, conn, errors) -> load(p, reader, errors, locale));
    }

    private ImportRunner.Counts load(Projects.Project p, TabularReader reader, ErrorCollector errors, Locale locale) {
        ColumnMap<Column> cols = ColumnMap.of(reader.header(), Column.class);
        for (Column c : EnumSet.allOf(Column.class)) {
            if (c.required() && !cols.has(c)) {
                errors.add(new RowError(1, c.header(), "", messages.get(locale, "import.error.missing-column")));
            }
        }
        if (errors.count() > 0) {
            return new ImportRunner.Counts(0, 0, 0, 0);
        }
        List<String[]> read = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        for (TabularRow row : reader) {
            read.add(new String[] {
                cols.get(row, Column.NO),
                cols.get(row, Column.WAY),
                cols.get(row, Column.PLANNED),
                cols.get(row, Column.ACTUAL),
                cols.get(row, Column.NOTE)
            });
            lines.add(row.row());
        }
        // the households by number (the registry's present ones); the scope and the region are the list's rules
        Map<String, Long> byNo = new HashMap<>();
        String[] numbers = read.stream().map(r -> r[0]).distinct().toArray(String[]::new);
        if (numbers.length > 0) {
            jdbc.sql("select m.household_no, m.household_id from (" + RegistryLedgers.MARKS
                            + ") m where m.household_no = any(?)")
                    .param(numbers)
                    .query((java.sql.ResultSet rs) -> {
                        byNo.put(rs.getString(1), rs.getLong(2));
                    });
        }
        List<ProjectBeneficiaries.NewBeneficiary> list = new ArrayList<>();
        List<Long> listLines = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            String[] r = read.get(i);
            long line = lines.get(i);
            boolean ok = true;
            Long household = byNo.get(r[0]);
            if (household == null) {
                errors.add(new RowError(line, cols.label(Column.NO), r[0], messages.get(locale, "project.upload.no")));
                ok = false;
            }
            BenefitLink way = way(r[1]);
            if (way == null) {
                errors.add(
                        new RowError(line, cols.label(Column.WAY), r[1], messages.get(locale, "project.upload.way")));
                ok = false;
            }
            BigDecimal planned = money(r[2], line, cols.label(Column.PLANNED), errors, locale);
            BigDecimal actual = money(r[3], line, cols.label(Column.ACTUAL), errors, locale);
            if (ok) {
                list.add(new ProjectBeneficiaries.NewBeneficiary(
                        household, way, planned, actual, r[4].isEmpty() ? null : r[4]));
                listLines.add(line);
            }
        }
        // the rows read are checked by the list's own rules even when others could not be read, so that the report
        // names every wrong row; the runner keeps nothing when any is wrong
        try {
            int version = projects.get(p.id()).version();
            beneficiaries.replace(p.id(), version, list);
        } catch (ApiException e) {
            if (e.fieldProblems().isEmpty()) {
                throw e;
            }
            // each problem of the list, back on the line it came from
            for (FieldProblem fp : e.fieldProblems()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("beneficiaries\\[(\\d+)]\\.(\\w+)")
                        .matcher(fp.field());
                if (m.matches()) {
                    int k = Integer.parseInt(m.group(1));
                    Column c = switch (m.group(2)) {
                        case "householdId" -> Column.NO;
                        case "way" -> Column.WAY;
                        case "planned" -> Column.PLANNED;
                        case "actual" -> Column.ACTUAL;
                        default -> Column.NOTE;
                    };
                    String[] r = read.get(lines.indexOf(listLines.get(k)));
                    errors.add(new RowError(listLines.get(k), cols.label(c), r[c.ordinal()], fp.reason()));
                } else {
                    errors.add(new RowError(1, "", "", fp.reason()));
                }
            }
            return new ImportRunner.Counts(read.size(), 0, 0, 0);
        }
        return new ImportRunner.Counts(read.size(), errors.count() > 0 ? 0 : list.size(), 0, 0);
    }

    /** A way by its label in either language or its code. */
    private static BenefitLink way(String v) {
        for (BenefitLink l : BenefitLink.values()) {
            if (v.equals(l.zh()) || v.equalsIgnoreCase(l.en()) || v.equalsIgnoreCase(l.name())) {
                return l;
            }
        }
        return null;
    }

    private BigDecimal money(String v, long line, String column, ErrorCollector errors, Locale locale) {
        if (v.isEmpty()) {
            return null;
        }
        var parsed = Cells.money(v);
        if (parsed.isEmpty()) {
            errors.add(new RowError(line, column, v, messages.get(locale, "project.upload.money")));
            return null;
        }
        return parsed.get();
    }
}
