package org.fangpin.registry.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.fangpin.common.Labelled;
import org.fangpin.common.importing.Cells;
import org.fangpin.common.importing.ColumnMap;
import org.fangpin.common.importing.RowError;
import org.fangpin.common.importing.TabularRow;
import org.fangpin.region.RegionCode;
import org.fangpin.registry.Education;
import org.fangpin.registry.EliminationKind;
import org.fangpin.registry.Health;
import org.fangpin.registry.HouseholdColumn;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdIdentity;
import org.fangpin.registry.HouseholdStatus;
import org.fangpin.registry.HousingGrade;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.IdentityFlag;
import org.fangpin.registry.Income;
import org.fangpin.registry.LabourCapacity;
import org.fangpin.registry.MonitoringCategory;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.PersonFields;
import org.fangpin.registry.Registry;
import org.fangpin.registry.Relation;
import org.fangpin.registry.RiskCause;
import org.fangpin.registry.SchoolStatus;
import org.fangpin.registry.WorkStatus;

/**
 * Reads one row of the household template into a household and a member, checking every cell against its column
 * (choices by label or code, dates, numbers and their ranges, amounts, lengths, ID numbers per GB 11643) and the
 * cross-field rules of {@link HouseholdRules}; each problem goes to the caller's sink with the row, the column's
 * header as the file names it, the value (ID and phone numbers masked) and the reason in the importer's language.
 * Needs no database and keeps no state between rows, so the import checks rows on several threads at once.
 */
public final class HouseholdRowParser {

    /** The user's messages: a key of {@code messages_*.properties} and its arguments, in the importer's language. */
    @FunctionalInterface
    public interface Messages {
        String get(String key, Object... args);
    }

    /** A row that passed every check, with its parsed ID number. */
    public record Parsed(HouseholdFields household, PersonFields person, IdNumber.Parsed id) {}

    private static final Pattern HOUSEHOLD_NO = Pattern.compile(HouseholdFields.HOUSEHOLD_NO_PATTERN);
    private static final Pattern PHONE = Pattern.compile(PersonFields.PHONE_PATTERN);

    // the API's Bean Validation limits, read from its records: the import accepts what the API accepts
    private static final int HOUSEHOLD_NO_MAX = FieldLimits.maxLength(HouseholdFields.class, "householdNo");
    private static final int ADDRESS_MAX = FieldLimits.maxLength(HouseholdFields.class, "address");
    private static final int NAME_MAX = FieldLimits.maxLength(PersonFields.class, "name");
    private static final int ETHNICITY_MAX = FieldLimits.maxLength(PersonFields.class, "ethnicity");
    private static final int WORK_PLACE_MAX = FieldLimits.maxLength(PersonFields.class, "workPlace");
    private static final FieldLimits.Range EXIT_YEAR = FieldLimits.range(HouseholdFields.class, "exitYear");
    private static final FieldLimits.Range INCOME_YEAR = FieldLimits.range(Income.class, "year");
    private static final FieldLimits.Range DISABILITY_GRADE = FieldLimits.range(PersonFields.class, "disabilityGrade");
    private static final FieldLimits.Range WORK_MONTHS = FieldLimits.range(PersonFields.class, "workMonths");

    private final ColumnMap<HouseholdColumn> cols;
    private final LocalDate today;
    private final Messages messages;

    /** {@code today} decides which birth dates and years lie in the future. */
    public HouseholdRowParser(ColumnMap<HouseholdColumn> cols, LocalDate today, Messages messages) {
        this.cols = cols;
        this.today = today;
        this.messages = messages;
    }

    /** The row's household and member, or empty when any check failed (each failure reported to {@code sink}). */
    public Optional<Parsed> parse(TabularRow row, Consumer<RowError> sink) {
        return new Check(sink).parse(row);
    }

    /** One row's checks and how many failed. */
    private final class Check {
        private final Consumer<RowError> sink;
        private int found;

        Check(Consumer<RowError> sink) {
            this.sink = sink;
        }

        private void error(long row, HouseholdColumn col, String value, String reason) {
            sink.accept(new RowError(row, cols.label(col), value, reason));
            found++;
        }

        private String msg(String key, Object... args) {
            return messages.get(key, args);
        }

        Optional<Parsed> parse(TabularRow row) {
            String householdNo = cols.get(row, HouseholdColumn.HOUSEHOLD_NO);
            if (cols.number(row, HouseholdColumn.HOUSEHOLD_NO) && householdNo.length() > 15) {
                // more digits than Excel keeps of a number: the last ones are gone
                error(
                        row.row(),
                        HouseholdColumn.HOUSEHOLD_NO,
                        householdNo,
                        msg("import.error.code-as-number", cols.label(HouseholdColumn.HOUSEHOLD_NO)));
            } else if (householdNo.isEmpty()
                    || householdNo.length() > HOUSEHOLD_NO_MAX
                    || !HOUSEHOLD_NO.matcher(householdNo).matches()) {
                error(row.row(), HouseholdColumn.HOUSEHOLD_NO, householdNo, msg("registry.error.household-no"));
            }
            String village = cols.get(row, HouseholdColumn.VILLAGE_CODE);
            if (!RegionCode.isWellFormed(village)) {
                error(row.row(), HouseholdColumn.VILLAGE_CODE, village, msg("registry.error.village"));
            }
            String address = cols.get(row, HouseholdColumn.ADDRESS);
            if (address.length() > ADDRESS_MAX) {
                error(
                        row.row(),
                        HouseholdColumn.ADDRESS,
                        address.substring(0, 20) + "…",
                        msg("import.error.too-long", ADDRESS_MAX));
            }
            // 户属性 and 监测状态, or the one 户类型 of files made before them
            HouseholdIdentity identity = cols.has(HouseholdColumn.IDENTITY) || !cols.has(HouseholdColumn.STATUS)
                    ? required(row, HouseholdColumn.IDENTITY, HouseholdIdentity.class)
                    : null;
            @SuppressWarnings("deprecation")
            HouseholdStatus status = !cols.has(HouseholdColumn.IDENTITY) && cols.has(HouseholdColumn.STATUS)
                    ? required(row, HouseholdColumn.STATUS, HouseholdStatus.class)
                    : null;
            List<IdentityFlag> flags = cols.has(HouseholdColumn.IDENTITY_FLAGS)
                    ? list(row, HouseholdColumn.IDENTITY_FLAGS, IdentityFlag.class)
                    : null;
            MonitoringState state = optional(row, HouseholdColumn.MONITORING_STATE, MonitoringState.class);
            MonitoringCategory category = optional(row, HouseholdColumn.MONITORING_CATEGORY, MonitoringCategory.class);
            LocalDate since = date(row, HouseholdColumn.MONITORING_SINCE);
            List<RiskCause> causes = list(row, HouseholdColumn.RISK_CAUSES, RiskCause.class);
            LocalDate eliminatedOn = date(row, HouseholdColumn.ELIMINATED_ON);
            EliminationKind kind = optional(row, HouseholdColumn.ELIMINATION_KIND, EliminationKind.class);
            Integer exitYear = number(row, HouseholdColumn.EXIT_YEAR, EXIT_YEAR);
            HousingGrade grade = optional(row, HouseholdColumn.HOUSING_GRADE, HousingGrade.class);
            Boolean water = bool(row, HouseholdColumn.WATER_SAFE);
            Income income = new Income(
                    number(row, HouseholdColumn.INCOME_YEAR, INCOME_YEAR),
                    money(row, HouseholdColumn.INCOME_WAGE),
                    money(row, HouseholdColumn.INCOME_PRODUCTION),
                    money(row, HouseholdColumn.INCOME_PROPERTY),
                    money(row, HouseholdColumn.INCOME_TRANSFER),
                    money(row, HouseholdColumn.PRODUCTION_COST));

            String name = cols.get(row, HouseholdColumn.NAME);
            if (name.isEmpty() || name.length() > NAME_MAX) {
                error(row.row(), HouseholdColumn.NAME, name, msg("registry.error.name"));
            }
            String idText = cols.get(row, HouseholdColumn.ID_NUMBER);
            Optional<IdNumber.Problem> idProblem = IdNumber.problem(idText, today);
            if (cols.number(row, HouseholdColumn.ID_NUMBER)) {
                // Excel keeps 15 digits of a number: an ID typed into a cell not formatted as text is already wrong
                error(
                        row.row(),
                        HouseholdColumn.ID_NUMBER,
                        IdNumber.mask(idText),
                        msg("import.error.code-as-number", cols.label(HouseholdColumn.ID_NUMBER)));
            } else
                idProblem.ifPresent(p -> error(
                        row.row(),
                        HouseholdColumn.ID_NUMBER,
                        IdNumber.mask(idText),
                        msg("idnumber." + p.name().toLowerCase(Locale.ROOT))));
            Relation relation = required(row, HouseholdColumn.RELATION, Relation.class);
            String phone = cols.get(row, HouseholdColumn.PHONE);
            if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
                error(row.row(), HouseholdColumn.PHONE, Registry.maskPhone(phone), msg("registry.error.phone"));
            }
            String ethnicity = cols.get(row, HouseholdColumn.ETHNICITY);
            if (ethnicity.length() > ETHNICITY_MAX) {
                error(row.row(), HouseholdColumn.ETHNICITY, ethnicity, msg("import.error.too-long", ETHNICITY_MAX));
            }
            String workPlace = cols.get(row, HouseholdColumn.WORK_PLACE);
            if (workPlace.length() > WORK_PLACE_MAX) {
                error(
                        row.row(),
                        HouseholdColumn.WORK_PLACE,
                        workPlace.substring(0, 20) + "…",
                        msg("import.error.too-long", WORK_PLACE_MAX));
            }
            PersonFields person = new PersonFields(
                    idText.toUpperCase(Locale.ROOT),
                    name,
                    relation,
                    blankToNull(phone),
                    blankToNull(ethnicity),
                    optional(row, HouseholdColumn.EDUCATION, Education.class),
                    optional(row, HouseholdColumn.SCHOOL_STATUS, SchoolStatus.class),
                    optional(row, HouseholdColumn.HEALTH, Health.class),
                    number(row, HouseholdColumn.DISABILITY_GRADE, DISABILITY_GRADE),
                    optional(row, HouseholdColumn.LABOUR_CAPACITY, LabourCapacity.class),
                    optional(row, HouseholdColumn.WORK_STATUS, WorkStatus.class),
                    blankToNull(workPlace),
                    number(row, HouseholdColumn.WORK_MONTHS, WORK_MONTHS),
                    flag(row, HouseholdColumn.MEDICAL_INSURANCE),
                    flag(row, HouseholdColumn.PENSION_INSURANCE),
                    flag(row, HouseholdColumn.DIBAO),
                    flag(row, HouseholdColumn.TEKUN),
                    flag(row, HouseholdColumn.DISABILITY_SUBSIDY));
            if (found > 0 || (identity == null && status == null) || relation == null) {
                return Optional.empty();
            }
            HouseholdFields household = new HouseholdFields(
                    householdNo,
                    village,
                    blankToNull(address),
                    identity,
                    flags,
                    exitYear,
                    state,
                    category,
                    since,
                    causes,
                    eliminatedOn,
                    kind,
                    grade,
                    water,
                    income,
                    status);
            List<HouseholdRules.Violation> violations = new ArrayList<>(HouseholdRules.check(household, today));
            HouseholdRules.check(person, today).stream()
                    .filter(v -> !v.field().equals("idNumber"))
                    .forEach(violations::add);
            for (HouseholdRules.Violation v : violations) {
                HouseholdColumn col = HouseholdColumn.forField(v.field());
                error(row.row(), col, cols.get(row, col), msg(v.messageKey(), v.args()));
            }
            if (!violations.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(
                    new Parsed(household, person, IdNumber.parse(idText, today).orElseThrow()));
        }

        private <E extends Enum<E> & Labelled> E required(TabularRow row, HouseholdColumn col, Class<E> type) {
            String text = cols.get(row, col);
            if (text.isEmpty()) {
                error(row.row(), col, text, msg("import.error.required"));
                return null;
            }
            return optional(row, col, type);
        }

        private <E extends Enum<E> & Labelled> E optional(TabularRow row, HouseholdColumn col, Class<E> type) {
            String text = cols.get(row, col);
            if (text.isEmpty()) {
                return null;
            }
            Optional<E> v = Labelled.parse(type, text);
            if (v.isEmpty()) {
                error(row.row(), col, text, msg("import.error.choice", allowed(type)));
            }
            return v.orElse(null);
        }

        /** A cell of several values separated by 、 , ; or |, each a label or code of {@code type}. */
        private <E extends Enum<E> & Labelled> List<E> list(TabularRow row, HouseholdColumn col, Class<E> type) {
            String text = cols.get(row, col);
            List<E> out = new ArrayList<>();
            if (text.isEmpty()) {
                return out;
            }
            for (String part : text.split("[、,，;；|]")) {
                if (part.isBlank()) {
                    continue;
                }
                Optional<E> c = Labelled.parse(type, part);
                if (c.isEmpty()) {
                    error(row.row(), col, part.strip(), msg("import.error.choice", allowed(type)));
                } else if (!out.contains(c.get())) {
                    out.add(c.get());
                }
            }
            out.sort(null);
            return out;
        }

        private LocalDate date(TabularRow row, HouseholdColumn col) {
            String text = cols.get(row, col);
            if (text.isEmpty()) {
                return null;
            }
            Optional<LocalDate> v = Cells.date(text);
            if (v.isEmpty()) {
                error(row.row(), col, text, msg("import.error.date"));
            }
            return v.orElse(null);
        }

        private Integer number(TabularRow row, HouseholdColumn col, FieldLimits.Range range) {
            String text = cols.get(row, col);
            if (text.isEmpty()) {
                return null;
            }
            Optional<Integer> v = Cells.integer(text).filter(range::contains);
            if (v.isEmpty()) {
                error(row.row(), col, text, msg("import.error.range", range.min(), range.max()));
            }
            return v.orElse(null);
        }

        private BigDecimal money(TabularRow row, HouseholdColumn col) {
            String text = cols.get(row, col);
            if (text.isEmpty()) {
                return null;
            }
            Optional<BigDecimal> v = Cells.money(text);
            if (v.isEmpty()) {
                error(row.row(), col, text, msg("import.error.money"));
            }
            return v.orElse(null);
        }

        private Boolean bool(TabularRow row, HouseholdColumn col) {
            String text = cols.get(row, col);
            if (text.isEmpty()) {
                return null;
            }
            Optional<Boolean> v = Cells.bool(text);
            if (v.isEmpty()) {
                error(row.row(), col, text, msg("import.error.bool"));
            }
            return v.orElse(null);
        }

        private boolean flag(TabularRow row, HouseholdColumn col) {
            return Boolean.TRUE.equals(bool(row, col));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static <E extends Enum<E> & Labelled> String allowed(Class<E> type) {
        return String.join(
                "/", Arrays.stream(type.getEnumConstants()).map(Labelled::zh).toList());
    }
}
