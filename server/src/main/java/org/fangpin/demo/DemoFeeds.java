package org.fangpin.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fangpin.feed.FeedIntake;
import org.fangpin.feed.FeedType;
import org.fangpin.registry.Health;
import org.fangpin.registry.HouseholdColumn;
import org.fangpin.registry.WorkStatus;

/**
 * Department feeds for the demo county, deterministic from the seed, so monitoring has more than the registry to go
 * on: 医保 claims of the ill (a few heavy enough to alert), 人社 wages of migrant workers for the last three months,
 * 住建 assessments of a few houses, and a flood in one village. Sent through the real intake, as the departments
 * would.
 */
final class DemoFeeds {

    private DemoFeeds() {}

    record Sent(FeedType type, long rows) {}

    static List<Sent> send(FeedIntake intake, Path householdsCsv, long seed, LocalDate today) {
        Random rnd = new Random(seed * 31 + 7);
        List<Map<String, Object>> claims = new ArrayList<>();
        List<Map<String, Object>> wages = new ArrayList<>();
        List<Map<String, Object>> housing = new ArrayList<>();
        String floodVillage = null;
        String lastHousehold = "";
        YearMonth thisMonth = YearMonth.from(today);
        try (Reader in = Files.newBufferedReader(householdsCsv, StandardCharsets.UTF_8)) {
            for (CSVRecord r : CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                String id = r.get(HouseholdColumn.ID_NUMBER.header());
                String household = r.get(HouseholdColumn.HOUSEHOLD_NO.header());
                String health = r.get(HouseholdColumn.HEALTH.header());
                String work = r.get(HouseholdColumn.WORK_STATUS.header());
                if (floodVillage == null) {
                    floodVillage = r.get(HouseholdColumn.VILLAGE_CODE.header());
                }
                boolean ill = !health.isBlank() && !health.equals(Health.HEALTHY.zh());
                if ((ill && rnd.nextDouble() < 0.6) || rnd.nextDouble() < 0.03) {
                    int visits = 1 + rnd.nextInt(ill ? 4 : 1);
                    for (int v = 0; v < visits; v++) {
                        double total =
                                ill ? 2_000 + Math.pow(rnd.nextDouble(), 2) * 58_000 : 200 + rnd.nextDouble() * 1_800;
                        double own = total * (0.3 + rnd.nextDouble() * 0.2);
                        claims.add(Map.of(
                                "idNumber", id,
                                "visitDate",
                                        today.minusDays(1 + rnd.nextInt(330)).toString(),
                                "totalCost", money(total),
                                "reimbursed", money(total - own),
                                "outOfPocket", money(own),
                                "majorIllness", String.valueOf(ill && total > 30_000)));
                    }
                }
                boolean away =
                        !work.isBlank() && !work.equals(WorkStatus.NONE.zh()) && !work.equals(WorkStatus.LOCAL.zh());
                if (away && rnd.nextDouble() < 0.8) {
                    double monthly = 2_500 + rnd.nextDouble() * 3_500;
                    for (int m = 1; m <= 3; m++) {
                        wages.add(Map.of(
                                "idNumber",
                                id,
                                "month",
                                thisMonth.minusMonths(m).toString(),
                                "wage",
                                money(monthly * (0.85 + rnd.nextDouble() * 0.3))));
                    }
                }
                if (!household.equals(lastHousehold)) {
                    lastHousehold = household;
                    if (rnd.nextDouble() < 0.01) {
                        housing.add(Map.of(
                                "householdNo",
                                household,
                                "housingGrade",
                                rnd.nextDouble() < 0.7 ? "C" : "D",
                                "assessedOn",
                                today.minusDays(10 + rnd.nextInt(200)).toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Sent> out = new ArrayList<>();
        out.add(send(intake, FeedType.MEDICAL_CLAIM, "DEMO-YB-" + thisMonth, thisMonth.minusMonths(1), claims));
        out.add(send(intake, FeedType.EMPLOYMENT, "DEMO-RS-" + thisMonth, thisMonth.minusMonths(1), wages));
        out.add(send(intake, FeedType.HOUSING, "DEMO-ZJ-" + thisMonth, thisMonth.minusMonths(1), housing));
        if (floodVillage != null) {
            Map<String, Object> flood = new LinkedHashMap<>();
            flood.put("regionCode", floodVillage);
            flood.put("disasterType", "FLOOD");
            flood.put("severity", "III");
            flood.put("startDate", today.minusDays(40).toString());
            flood.put("endDate", today.minusDays(33).toString());
            out.add(send(intake, FeedType.DISASTER, "DEMO-YJ-" + thisMonth, thisMonth.minusMonths(1), List.of(flood)));
        }
        return out;
    }

    private static Sent send(
            FeedIntake intake, FeedType type, String key, YearMonth period, List<Map<String, Object>> rows) {
        if (rows.isEmpty()) {
            return new Sent(type, 0);
        }
        FeedIntake.Result r = intake.receiveRows(
                type, new FeedIntake.BatchHeader(key, period, type.department()), rows, Locale.CHINA);
        if (r.batch().isEmpty()) {
            throw new IllegalStateException(
                    "demo feed " + type + " rejected: " + r.report().errors());
        }
        return new Sent(type, rows.size());
    }

    private static String money(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
