package org.fangpin.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.problem.ApiException;
import org.fangpin.demo.DemoLoader;
import org.fangpin.quality.Reconciliations;
import org.fangpin.registry.HouseholdFields;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.HousingGrade;
import org.fangpin.registry.MonitoringState;
import org.fangpin.registry.Registry;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.context.WebApplicationContext;

/**
 * An inspector checks a city's draw: each sheet starts from the registry's facts on the frame's day (read here from
 * the tables), facts left out keep them, verdicts the household's standing does not allow are refused, a second
 * record needs the version, and 错退率, 漏评率 and 认可度 add up to what the test itself recorded.
 */
@IntegrationTest
class FieldChecksIT {

    static final String PW = "Checks-pass-2026";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoLoader demo;

    @Autowired
    SampleDraws draws;

    @Autowired
    FieldChecks checks;

    @Autowired
    Registry registry;

    @Autowired
    Reconciliations reconciliations;

    @Autowired
    UserAccounts users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @Autowired
    WebApplicationContext context;

    @Test
    void anInspectorChecksTheDrawnHouseholdsAndTheRatesAddUp() throws Exception {
        TestData.reset(jdbc);
        demo.load(3000, 12);
        TestData.user(jdbc, encoder, "fc-city", "CITY", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "fc-insp", "INSPECTOR", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "fc-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        LocalDate today = LocalDate.now(clock);

        SampleDraws.SampleDraw d = users.runAs(
                "fc-city",
                () -> draws.draw(
                        new SampleDraws.SampleRequest(TestData.COUNTY, null, "fc-1", new BigDecimal("0.02"), 3, null)));
        List<FieldChecks.DrawnHousehold> drawn = users.runAs("fc-insp", () -> checks.households(d.id()));
        assertThat(drawn).hasSize(d.households().size());
        assertThat(drawn).allMatch(x -> x.verdict() == null);

        // each sheet starts from the registry's facts, read here from the tables
        for (FieldChecks.DrawnHousehold x : drawn) {
            FieldChecks.CheckSheet s = users.runAs("fc-insp", () -> checks.sheet(d.id(), x.householdId()));
            Map<String, Object> h = jdbc.sql("select housing_grade, water_safe, monitoring_state from household"
                            + " where household_id = ? and valid_to is null")
                    .param(x.householdId())
                    .query()
                    .singleRow();
            boolean dropout = jdbc.sql("select count(*) > 0 from person where household_id = ? and valid_to is null"
                            + " and not deleted and school_status = 'DROPOUT'")
                    .param(x.householdId())
                    .query(Boolean.class)
                    .single();
            boolean uninsured = jdbc.sql("select count(*) > 0 from person where household_id = ?"
                            + " and valid_to is null and not deleted and not medical_insurance")
                    .param(x.householdId())
                    .query(Boolean.class)
                    .single();
            assertThat(s.registry().housing()).isEqualTo(!List.of("C", "D").contains(h.get("housing_grade")));
            assertThat(s.registry().water()).isEqualTo(!Boolean.FALSE.equals(h.get("water_safe")));
            assertThat(s.registry().education()).isEqualTo(!dropout);
            assertThat(s.registry().medical()).isEqualTo(!uninsured);
            assertThat(s.monitoringState().name()).isEqualTo(h.get("monitoring_state"));
            assertThat(s.check()).isNull();
        }

        // the inspector records: some eliminated households wrongly exited, some unmonitored ones missed, some
        // households not recognising the work; the test keeps its own tally
        List<FieldChecks.DrawnHousehold> eliminated = drawn.stream()
                .filter(x -> x.monitoringState() == MonitoringState.ELIMINATED)
                .toList();
        List<FieldChecks.DrawnHousehold> none = drawn.stream()
                .filter(x -> x.monitoringState() == MonitoringState.NONE)
                .toList();
        assertThat(eliminated).hasSizeGreaterThanOrEqualTo(3);
        assertThat(none).hasSizeGreaterThanOrEqualTo(3);
        int wrongExits = 0;
        int missed = 0;
        int recognised = 0;
        int asked = 0;
        int checked = 0;
        int eliminatedChecked = 0;
        List<FieldChecks.DrawnHousehold> unvisited = new ArrayList<>();
        int noneChecked = 0;
        for (int i = 0; i < drawn.size(); i++) {
            FieldChecks.DrawnHousehold x = drawn.get(i);
            boolean marked = eliminated.indexOf(x) == 0 || (none.indexOf(x) >= 0 && none.indexOf(x) < 2);
            if (i % 5 == 4 && !marked) {
                unvisited.add(x);
                continue; // not visited yet
            }
            CheckVerdict v = CheckVerdict.CORRECT;
            if (x.monitoringState() == MonitoringState.ELIMINATED && eliminated.indexOf(x) < 1) {
                v = CheckVerdict.WRONG_EXIT;
            } else if (x.monitoringState() == MonitoringState.NONE && none.indexOf(x) < 2) {
                v = CheckVerdict.MISSED;
            }
            Boolean rec = i % 7 == 3 ? null : i % 4 != 1;
            CheckVerdict verdict = v;
            users.runAs(
                    "fc-insp",
                    () -> checks.record(
                            d.id(),
                            x.householdId(),
                            null,
                            new FieldChecks.CheckRecord(
                                    null, null, null, null, null, null, verdict, rec, null, today)));
            checked++;
            wrongExits += v == CheckVerdict.WRONG_EXIT ? 1 : 0;
            missed += v == CheckVerdict.MISSED ? 1 : 0;
            recognised += Boolean.TRUE.equals(rec) ? 1 : 0;
            asked += rec == null ? 0 : 1;
            eliminatedChecked += x.monitoringState() == MonitoringState.ELIMINATED ? 1 : 0;
            noneChecked += x.monitoringState() == MonitoringState.NONE ? 1 : 0;
        }
        FieldChecks.SampleResults results = users.runAs("fc-city", () -> checks.results(d.id()));
        FieldChecks.CheckTally t = results.total();
        assertThat(t.drawn()).isEqualTo(drawn.size());
        assertThat(t.checked()).isEqualTo(checked);
        assertThat(wrongExits).isEqualTo(1);
        assertThat(missed).isEqualTo(2);
        assertThat(t.wrongExit().count()).isEqualTo(wrongExits);
        assertThat(t.wrongExit().base()).isEqualTo(eliminatedChecked);
        assertThat(t.missed().count()).isEqualTo(missed);
        assertThat(t.missed().base()).isEqualTo(noneChecked);
        assertThat(t.recognition().count()).isEqualTo(recognised);
        assertThat(t.recognition().base()).isEqualTo(asked);
        assertThat(t.wrongExit().share())
                .isEqualByComparingTo(BigDecimal.valueOf(wrongExits)
                        .divide(BigDecimal.valueOf(eliminatedChecked), 4, RoundingMode.HALF_UP));
        // the limits: 2 % at most, 90 % at least (national defaults)
        assertThat(t.wrongExit().met()).isEqualTo(wrongExits * 50 <= eliminatedChecked);
        assertThat(t.missed().met()).isEqualTo(missed * 50 <= noneChecked);
        assertThat(t.recognition().met()).isEqualTo(recognised * 10 >= asked * 9);
        assertThat(results.counties())
                .extracting(FieldChecks.CheckTally::region)
                .containsExactly(TestData.COUNTY);
        assertThat(results.counties().get(0).checked()).isEqualTo(checked);
        // per county, for the reconciliation: the households checked and those found wrong, as the test tallied
        FieldChecks.CountyChecks tallied = new FieldChecks.CountyChecks(checked, wrongExits + missed);
        assertThat(users.runAs("fc-city", checks::byCounty)).containsExactly(Map.entry(TestData.COUNTY, tallied));
        // … in the county's reconciliation for those who may read draws; a township's user sees no field figures
        assertThat(users.runAs("fc-city", () -> reconciliations.counties(null)))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.checked()).isEqualTo(tallied.checked());
                    assertThat(c.checkedWrong()).isEqualTo(tallied.wrong());
                    assertThat(c.factsAgree()).isFalse();
                });
        assertThat(users.runAs("fc-town", () -> reconciliations.counties(null)))
                .allSatisfy(c -> assertThat(c.checked()).isNull());

        // a fact the inspector saw otherwise is kept; those left out are the registry's
        FieldChecks.DrawnHousehold first = drawn.get(0);
        FieldChecks.CheckSheet before = users.runAs("fc-insp", () -> checks.sheet(d.id(), first.householdId()));
        FieldChecks.FieldCheck again = users.runAs(
                "fc-insp",
                () -> checks.record(
                        d.id(),
                        first.householdId(),
                        before.check().version(),
                        new FieldChecks.CheckRecord(
                                new BigDecimal("6543.21"),
                                null,
                                null,
                                null,
                                !before.registry().housing(),
                                null,
                                before.check().verdict(),
                                true,
                                "房屋漏雨",
                                today)));
        assertThat(again.version()).isEqualTo(2);
        assertThat(again.found().perCapitaIncome()).isEqualByComparingTo("6543.21");
        assertThat(again.found().housing()).isEqualTo(!before.registry().housing());
        assertThat(again.found().water()).isEqualTo(before.registry().water());
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'FIELD_CHECKED'")
                        .query(Long.class)
                        .single())
                .isEqualTo(checked + 1L);

        // refusals: a verdict the standing does not allow, a day outside the frame's day and today; nothing kept
        FieldChecks.DrawnHousehold unchecked = unvisited.get(0);
        CheckVerdict wrong = unchecked.monitoringState() == MonitoringState.ELIMINATED
                ? CheckVerdict.MISSED
                : CheckVerdict.WRONG_EXIT;
        assertThatThrownBy(() -> users.runAs(
                        "fc-insp",
                        () -> checks.record(
                                d.id(),
                                unchecked.householdId(),
                                null,
                                new FieldChecks.CheckRecord(
                                        new BigDecimal("-1"),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        wrong,
                                        null,
                                        null,
                                        today.plusDays(1)))))
                .isInstanceOf(ApiException.class)
                .satisfies(x -> assertThat(((ApiException) x).fieldProblems())
                        .extracting(p -> p.field())
                        .containsExactlyInAnyOrder("verdict", "checkedOn", "perCapitaIncome"));
        // a household not drawn
        long notDrawn = jdbc.sql("select min(household_id) from household where village_code like '421122%'"
                        + " and household_id <> all(?)")
                .param(drawn.stream()
                        .map(FieldChecks.DrawnHousehold::householdId)
                        .toArray(Long[]::new))
                .query(Long.class)
                .single();
        assertThatThrownBy(() -> users.runAs("fc-insp", () -> checks.sheet(d.id(), notDrawn)))
                .isInstanceOf(ApiException.class)
                .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(jdbc.sql("select count(*) from field_check")
                        .query(Long.class)
                        .single())
                .isEqualTo((long) checked);

        // over HTTP: a replacement without If-Match is refused (428), a stale one too (412); a township checks nothing
        MockMvcTester mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        String uri = "/api/v1/samples/" + d.id() + "/households/" + first.householdId() + "/check";
        String body = "{\"verdict\":\"CORRECT\",\"recognised\":true}";
        assertThat(mvc.put()
                        .uri(uri)
                        .with(httpBasic("fc-insp", PW))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .exchange())
                .hasStatus(428);
        assertThat(mvc.put()
                        .uri(uri)
                        .with(httpBasic("fc-insp", PW))
                        .with(csrf())
                        .header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .exchange())
                .hasStatus(412);
        assertThat(mvc.put()
                        .uri(uri)
                        .with(httpBasic("fc-insp", PW))
                        .with(csrf())
                        .header("If-Match", "\"2\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .exchange())
                .hasStatusOk()
                .hasHeader("ETag", "\"3\"");
        assertThat(mvc.put()
                        .uri("/api/v1/samples/" + d.id() + "/households/" + unchecked.householdId() + "/check")
                        .with(httpBasic("fc-town", PW))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .exchange())
                .hasStatus(403);
        assertThat(mvc.get()
                        .uri("/api/v1/samples/" + d.id() + "/results")
                        .with(httpBasic("fc-insp", PW))
                        .exchange())
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.total.checked")
                .isEqualTo(checked);
        // the list for the field: every household drawn, in the order drawn, its check so far in words
        var export = mvc.get()
                .uri("/api/v1/samples/" + d.id() + "/export")
                .with(httpBasic("fc-insp", PW))
                .header("Accept-Language", "zh-CN")
                .exchange();
        assertThat(export).hasStatusOk();
        try (ReadableWorkbook wb = new ReadableWorkbook(
                new ByteArrayInputStream(export.getResponse().getContentAsByteArray()))) {
            List<Row> data = wb.getFirstSheet().read().stream().skip(1).toList();
            List<FieldChecks.DrawnHousehold> listed = users.runAs("fc-insp", () -> checks.households(d.id()));
            assertThat(data).hasSize(listed.size());
            for (int i = 0; i < listed.size(); i++) {
                FieldChecks.DrawnHousehold x = listed.get(i);
                String no = jdbc.sql("select household_no from household where household_id = ? and valid_to is null")
                        .param(x.householdId())
                        .query(String.class)
                        .single();
                assertThat(data.get(i).getCellAsString(1)).hasValue(no);
                assertThat(data.get(i).getCellAsString(13).orElse(""))
                        .isEqualTo(x.verdict() == null ? "" : x.verdict().zh());
            }
        }
        // an inspector of the county checked never sees which of its households were drawn
        TestData.user(jdbc, encoder, "fc-county-insp", "INSPECTOR", TestData.COUNTY, PW, false);
        assertThat(users.runAs("fc-county-insp", checks::byCounty)).isEmpty();
        assertThat(mvc.get()
                        .uri("/api/v1/samples/" + d.id() + "/export")
                        .with(httpBasic("fc-county-insp", PW))
                        .exchange())
                .hasStatus(404);
        assertThat(mvc.get()
                        .uri("/api/v1/samples/" + d.id() + "/households")
                        .with(httpBasic("fc-county-insp", PW))
                        .exchange())
                .hasStatus(404);
        assertThat(mvc.get()
                        .uri("/api/v1/samples")
                        .with(httpBasic("fc-county-insp", PW))
                        .exchange())
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.length()")
                .isEqualTo(0);
    }

    @Test
    void anInspectorTakesPhotosThatOnlyThoseWhoMaySeeTheSheetSee() throws Exception {
        TestData.reset(jdbc);
        demo.load(400, 16);
        TestData.user(jdbc, encoder, "fp-city", "CITY", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "fp-insp", "INSPECTOR", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "fp-county-insp", "INSPECTOR", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "fp-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        SampleDraws.SampleDraw d = users.runAs(
                "fp-city", () -> draws.draw(new SampleDraws.SampleRequest(TestData.COUNTY, null, "fp", null, null, 1)));
        long h = d.households().get(0).householdId();
        MockMvcTester mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        String photos = "/api/v1/samples/" + d.id() + "/households/" + h + "/photos";
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1};
        var added = mvc.post()
                .uri(photos)
                .multipart()
                .file(new MockMultipartFile("file", "../门前 照片.jpg", "image/jpeg", jpeg))
                .with(httpBasic("fp-insp", PW))
                .with(csrf())
                .exchange();
        assertThat(added).hasStatus(201);
        String id = JsonPath.read(added.getResponse().getContentAsString(), "$.id");
        assertThat((String) JsonPath.read(added.getResponse().getContentAsString(), "$.fileName"))
                .isEqualTo("门前 照片.jpg");
        // not an image: refused with the reason, nothing kept
        assertThat(mvc.post()
                        .uri(photos)
                        .multipart()
                        .file(new MockMultipartFile("file", "x.jpg", "image/jpeg", "<html>".getBytes()))
                        .with(httpBasic("fp-insp", PW))
                        .with(csrf())
                        .header("Accept-Language", "zh-CN")
                        .exchange())
                .hasStatus(422)
                .bodyText()
                .contains("PDF、JPEG 或 PNG");
        // a township may not add photos to a check (403); the county checked does not see the draw's households (404)
        assertThat(mvc.post()
                        .uri(photos)
                        .multipart()
                        .file(new MockMultipartFile("file", "y.jpg", "image/jpeg", jpeg))
                        .with(httpBasic("fp-town", PW))
                        .with(csrf())
                        .exchange())
                .hasStatus(403);
        assertThat(mvc.get()
                        .uri(photos + "/" + id)
                        .with(httpBasic("fp-county-insp", PW))
                        .exchange())
                .hasStatus(404);
        assertThat(jdbc.sql("select count(*) from field_check_photo")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        // the organiser reads it back, byte for byte; the read is audited
        var read =
                mvc.get().uri(photos + "/" + id).with(httpBasic("fp-city", PW)).exchange();
        assertThat(read).hasStatusOk().hasHeader("X-Content-Type-Options", "nosniff");
        assertThat(read.getResponse().getContentAsByteArray()).isEqualTo(jpeg);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'FIELD_CHECK_PHOTO_READ' and entity_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        // the check's page lists it and offers the camera to the inspector
        var page = mvc.get()
                .uri("/assessment/samples/" + d.id() + "/households/" + h)
                .with(httpBasic("fp-insp", PW))
                .header("Accept-Language", "zh-CN")
                .exchange();
        assertThat(page).hasStatusOk();
        assertThat(page.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("核查照片", "门前 照片.jpg", "capture=\"environment\"", photos + "/" + id);
    }

    @Test
    void aSheetShowsTheHouseholdAsItStoodOnTheFramesDay() {
        TestData.reset(jdbc);
        demo.load(600, 15);
        TestData.user(jdbc, encoder, "fd-city", "CITY", TestData.CITY, PW, false);
        LocalDate today = LocalDate.now(clock);
        LocalDate frameDay = today.minusDays(30);
        SampleDraws.SampleDraw d = users.runAs(
                "fd-city",
                () -> draws.draw(new SampleDraws.SampleRequest(TestData.COUNTY, frameDay, "fd", null, null, 1)));
        // a drawn household safely housed then, and unchanged since before the frame's day
        long id = jdbc.sql("select s.household_id from sample_household s join household h on h.household_id ="
                        + " s.household_id and h.valid_to is null where s.draw_id = ? and h.valid_from <= ?"
                        + " and h.housing_grade in ('A', 'B') order by 1 limit 1")
                .params(d.id(), frameDay)
                .query(Long.class)
                .single();
        HouseholdView now = registry.household(id).orElseThrow();
        HouseholdFields f = now.fields();
        registry.updateHousehold(
                id,
                now.version(),
                new HouseholdFields(
                        f.householdNo(),
                        f.villageCode(),
                        f.address(),
                        f.identity(),
                        f.identityFlags(),
                        f.exitYear(),
                        f.monitoringState(),
                        f.monitoringCategory(),
                        f.monitoringSince(),
                        f.riskCauses(),
                        f.eliminatedOn(),
                        f.eliminationKind(),
                        HousingGrade.D,
                        f.waterSafe(),
                        f.income(),
                        null),
                new Registry.Change("test", today, "房屋鉴定为 D 级"));
        FieldChecks.CheckSheet s = users.runAs("fd-city", () -> checks.sheet(d.id(), id));
        // the sheet starts from the frame's day: safe then, whatever the registry says today
        assertThat(s.registry().housing()).isTrue();
        assertThat(registry.household(id).orElseThrow().housingGrade()).isEqualTo(HousingGrade.D);
    }

    /**
     * 离线核查回传: the inspector exports the list, fills it in offline and uploads it. A file with any row in error
     * records nothing and names each row and why; a good one records each check as entered on its page (facts left
     * as prefilled are the registry's), passes over households not checked and checks already on record, and does
     * nothing the second time; a check changed after the export is not overwritten.
     */
    @Test
    void anInspectorFillsTheListInOfflineAndUploadsIt() throws Exception {
        TestData.reset(jdbc);
        demo.load(2000, 12);
        TestData.user(jdbc, encoder, "fu-city", "CITY", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "fu-insp", "INSPECTOR", TestData.CITY, PW, false);
        LocalDate today = LocalDate.now(clock);
        SampleDraws.SampleDraw d = users.runAs(
                "fu-city",
                () -> draws.draw(new SampleDraws.SampleRequest(
                        TestData.COUNTY, today.minusDays(3), "fu-1", new BigDecimal("0.02"), 3, null)));
        List<FieldChecks.DrawnHousehold> drawn = users.runAs("fu-insp", () -> checks.households(d.id()));
        FieldChecks.DrawnHousehold exited = drawn.stream()
                .filter(x -> x.monitoringState() == MonitoringState.ELIMINATED)
                .findFirst()
                .orElseThrow();
        FieldChecks.DrawnHousehold notMonitored = drawn.stream()
                .filter(x -> x.monitoringState() == MonitoringState.NONE)
                .findFirst()
                .orElseThrow();
        FieldChecks.DrawnHousehold done = drawn.stream()
                .filter(x -> x != exited && x != notMonitored)
                .findFirst()
                .orElseThrow();
        users.runAs(
                "fu-insp",
                () -> checks.record(
                        d.id(),
                        done.householdId(),
                        null,
                        new FieldChecks.CheckRecord(
                                null, null, null, null, null, null, CheckVerdict.CORRECT, true, "已走访", today)));
        MockMvcTester mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        var export = mvc.get()
                .uri("/api/v1/samples/" + d.id() + "/export")
                .with(httpBasic("fu-insp", PW))
                .header("Accept-Language", "zh-CN")
                .exchange();
        assertThat(export).hasStatusOk();
        List<List<String>> sheet = cells(export.getResponse().getContentAsByteArray());
        List<String> header = sheet.get(0);
        int no = header.indexOf("户编号");
        int verdict = header.indexOf("核查结论");
        int income = header.indexOf("人均纯收入（元）");
        int water = header.indexOf("饮水安全有保障");
        int recognised = header.indexOf("群众认可");
        int day = header.indexOf("核查日期");
        int note = header.indexOf("备注");
        int version = header.indexOf("核查版本");
        assertThat(List.of(no, verdict, income, water, recognised, day, note, version))
                .allMatch(i -> i >= 0);
        assertThat(sheet).hasSize(drawn.size() + 1);
        Map<String, Integer> rowOf = new java.util.HashMap<>();
        for (int r = 1; r < sheet.size(); r++) {
            rowOf.put(sheet.get(r).get(no), r);
        }
        String exitedNo = number(exited.householdId());
        String noneNo = number(notMonitored.householdId());
        String doneNo = number(done.householdId());
        // the check on record is in the sheet as recorded, with its version; the rest prefilled, no verdict
        List<String> doneRow = sheet.get(rowOf.get(doneNo));
        assertThat(doneRow.get(verdict)).isEqualTo("认定准确");
        assertThat(doneRow.get(recognised)).isEqualTo("认可");
        assertThat(doneRow.get(day)).isEqualTo(today.toString());
        assertThat(doneRow.get(version)).isEqualTo("1");
        FieldChecks.CheckSheet exitedSheet = users.runAs("fu-insp", () -> checks.sheet(d.id(), exited.householdId()));
        List<String> exitedRow = sheet.get(rowOf.get(exitedNo));
        assertThat(exitedRow.get(verdict)).isEmpty();
        assertThat(exitedRow.get(water)).isEqualTo(exitedSheet.registry().water() ? "是" : "否");

        // a file with mistakes: nothing recorded, each row named with its column and reason
        List<List<String>> bad = copy(sheet);
        bad.get(rowOf.get(exitedNo)).set(verdict, "漏评"); // not monitored households only
        bad.get(rowOf.get(exitedNo)).set(day, today.toString());
        bad.get(rowOf.get(noneNo)).set(verdict, "漏评");
        bad.get(rowOf.get(noneNo)).set(water, "也许");
        bad.get(rowOf.get(noneNo)).set(day, "");
        List<String> stranger = new ArrayList<>(bad.get(rowOf.get(noneNo)));
        stranger.set(no, "9999999999999999");
        bad.add(stranger);
        var refused = upload(mvc, d.id(), bad);
        assertThat(refused).hasStatus(422);
        String problem = refused.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(JsonPath.<Integer>read(problem, "$.errorCount")).isEqualTo(4);
        List<Map<String, Object>> errors = JsonPath.read(problem, "$.errors");
        assertThat(errors)
                .extracting(e -> e.get("row") + "/" + e.get("column"))
                .containsExactlyInAnyOrder(
                        (rowOf.get(exitedNo) + 1) + "/核查结论",
                        (rowOf.get(noneNo) + 1) + "/饮水安全有保障",
                        (rowOf.get(noneNo) + 1) + "/核查日期",
                        bad.size() + "/户编号");
        assertThat(jdbc.sql("select count(*) from field_check")
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);

        // the good file: two checks recorded, the facts given kept and the rest the registry's
        List<List<String>> good = copy(sheet);
        List<String> e = good.get(rowOf.get(exitedNo));
        e.set(verdict, "错退");
        e.set(income, "4321.5");
        e.set(water, "否");
        e.set(recognised, "不认可");
        e.set(day, today.minusDays(1).toString());
        e.set(note, "收入未达标");
        List<String> n = good.get(rowOf.get(noneNo));
        n.set(verdict, "漏评");
        n.set(day, today.toString());
        long auditedBefore = audited();
        var applied = upload(mvc, d.id(), good);
        assertThat(applied).hasStatusOk();
        String report = applied.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(JsonPath.<Boolean>read(report, "$.applied")).isTrue();
        assertThat(JsonPath.<Integer>read(report, "$.rows")).isEqualTo(drawn.size());
        assertThat(JsonPath.<Integer>read(report, "$.inserted")).isEqualTo(2);
        assertThat(JsonPath.<Integer>read(report, "$.updated")).isZero();
        assertThat(JsonPath.<Integer>read(report, "$.unchanged")).isEqualTo(drawn.size() - 2);
        FieldChecks.FieldCheck wrongExit = users.runAs("fu-insp", () -> checks.sheet(d.id(), exited.householdId()))
                .check();
        assertThat(wrongExit.verdict()).isEqualTo(CheckVerdict.WRONG_EXIT);
        assertThat(wrongExit.found().perCapitaIncome()).isEqualByComparingTo("4321.50");
        assertThat(wrongExit.found().water()).isFalse();
        assertThat(wrongExit.found().housing()).isEqualTo(exitedSheet.registry().housing());
        assertThat(wrongExit.found().education())
                .isEqualTo(exitedSheet.registry().education());
        assertThat(wrongExit.recognised()).isFalse();
        assertThat(wrongExit.note()).isEqualTo("收入未达标");
        assertThat(wrongExit.checkedOn()).isEqualTo(today.minusDays(1));
        assertThat(wrongExit.checkedBy()).isEqualTo("fu-insp");
        FieldChecks.FieldCheck missed = users.runAs("fu-insp", () -> checks.sheet(d.id(), notMonitored.householdId()))
                .check();
        assertThat(missed.verdict()).isEqualTo(CheckVerdict.MISSED);
        assertThat(missed.recognised()).isNull();
        assertThat(audited()).isEqualTo(auditedBefore + 2);
        // the same file again changes nothing
        var twice = upload(mvc, d.id(), good);
        assertThat(twice).hasStatusOk();
        assertThat(JsonPath.<Integer>read(
                        twice.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.unchanged"))
                .isEqualTo(drawn.size());
        assertThat(audited()).isEqualTo(auditedBefore + 2);

        // someone changes a check after the export: the sheet's older version does not overwrite it
        users.runAs(
                "fu-insp",
                () -> checks.record(
                        d.id(),
                        done.householdId(),
                        1,
                        new FieldChecks.CheckRecord(
                                null, null, null, null, null, null, CheckVerdict.CORRECT, false, "复核", today)));
        List<List<String>> stale = copy(good);
        stale.get(rowOf.get(doneNo)).set(note, "离线补充");
        var overwrite = upload(mvc, d.id(), stale);
        assertThat(overwrite).hasStatus(422);
        List<Map<String, Object>> staleErrors =
                JsonPath.read(overwrite.getResponse().getContentAsString(StandardCharsets.UTF_8), "$.errors");
        assertThat(staleErrors)
                .extracting(x -> x.get("row") + "/" + x.get("column"))
                .containsExactly((rowOf.get(doneNo) + 1) + "/核查版本");
        assertThat(users.runAs("fu-insp", () -> checks.sheet(d.id(), done.householdId()))
                        .check()
                        .note())
                .isEqualTo("复核");

        // the page: the inspector uploads and sees the outcome, each rejected row too; then exports again
        assertThat(pageUpload(mvc, d.id(), stale)).contains("未导入", "核查版本", "fu-insp");
        var again = mvc.get()
                .uri("/api/v1/samples/" + d.id() + "/export")
                .with(httpBasic("fu-insp", PW))
                .header("Accept-Language", "zh-CN")
                .exchange();
        List<List<String>> fresh = cells(again.getResponse().getContentAsByteArray());
        fresh.get(rowOf.get(doneNo)).set(note, "离线补充");
        assertThat(pageUpload(mvc, d.id(), fresh)).contains("导入成功", "上传核查结果");
        assertThat(users.runAs("fu-insp", () -> checks.sheet(d.id(), done.householdId()))
                        .check()
                        .note())
                .isEqualTo("离线补充");
        // an inspector of the county drawn cannot upload to the city's draw: it is not theirs to see (404)
        TestData.user(jdbc, encoder, "fu-county-insp", "INSPECTOR", TestData.COUNTY, PW, false);
        assertThat(mvc.post()
                        .uri("/api/v1/samples/" + d.id() + "/checks")
                        .multipart()
                        .file(new MockMultipartFile("file", "核查.xlsx", XLSX, xlsx(good)))
                        .with(httpBasic("fu-county-insp", PW))
                        .with(csrf())
                        .exchange())
                .hasStatus(404);
        // a row with entries but no verdict is refused, not passed over
        List<List<String>> unsure = copy(fresh);
        List<String> untouched = unsure.stream()
                .skip(1)
                .filter(r -> r.get(verdict).isEmpty())
                .findFirst()
                .orElseThrow();
        untouched.set(note, "未见户主");
        var noVerdict = upload(mvc, d.id(), unsure);
        assertThat(noVerdict).hasStatus(422);
        assertThat(noVerdict.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("请填写核查结论");
        // a township user may not upload
        TestData.user(jdbc, encoder, "fu-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        assertThat(mvc.post()
                        .uri("/api/v1/samples/" + d.id() + "/checks")
                        .multipart()
                        .file(new MockMultipartFile("file", "核查.xlsx", XLSX, xlsx(good)))
                        .with(httpBasic("fu-town", PW))
                        .with(csrf())
                        .exchange())
                .hasStatus(403);
    }

    private String pageUpload(MockMvcTester mvc, long draw, List<List<String>> rows) throws Exception {
        var page = mvc.post()
                .uri("/assessment/samples/" + draw + "/checks")
                .multipart()
                .file(new MockMultipartFile("file", "核查.xlsx", XLSX, xlsx(rows)))
                .with(httpBasic("fu-insp", PW))
                .with(csrf())
                .header("Accept-Language", "zh-CN")
                .exchange();
        assertThat(page).hasStatusOk();
        return page.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long audited() {
        return jdbc.sql("select count(*) from audit_log where action = 'FIELD_CHECKED'")
                .query(Long.class)
                .single();
    }

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private org.springframework.test.web.servlet.assertj.MvcTestResult upload(
            MockMvcTester mvc, long draw, List<List<String>> rows) throws Exception {
        return mvc.post()
                .uri("/api/v1/samples/" + draw + "/checks")
                .multipart()
                .file(new MockMultipartFile("file", "核查.xlsx", XLSX, xlsx(rows)))
                .with(httpBasic("fu-insp", PW))
                .with(csrf())
                .header("Accept-Language", "zh-CN")
                .exchange();
    }

    private String number(long household) {
        return jdbc.sql("select household_no from household where household_id = ? and valid_to is null")
                .param(household)
                .query(String.class)
                .single();
    }

    /** The first sheet's cells as text, as the field would see them (a date as yyyy-mm-dd). */
    private static List<List<String>> cells(byte[] xlsx) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row r : wb.getFirstSheet().read()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < 18; i++) {
                    org.dhatim.fastexcel.reader.Cell c = i < r.getCellCount() ? r.getCell(i) : null;
                    if (c == null || c.getType() == org.dhatim.fastexcel.reader.CellType.EMPTY) {
                        row.add("");
                    } else if (c.getType() == org.dhatim.fastexcel.reader.CellType.NUMBER
                            && out.size() > 0
                            && out.get(0).get(i).equals("核查日期")) {
                        row.add(c.asDate().toLocalDate().toString());
                    } else {
                        row.add(c.getText());
                    }
                }
                out.add(row);
            }
        }
        return out;
    }

    private static List<List<String>> copy(List<List<String>> rows) {
        return new ArrayList<>(
                rows.stream().map(r -> (List<String>) new ArrayList<>(r)).toList());
    }

    /** Rows written back as text cells, as a spreadsheet saved by hand would hold them. */
    private static byte[] xlsx(List<List<String>> rows) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(out, "test", "1.0");
        org.dhatim.fastexcel.Worksheet ws = wb.newWorksheet("抽查名单");
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                if (!rows.get(r).get(c).isEmpty()) {
                    ws.inlineString(r, c, rows.get(r).get(c));
                }
            }
        }
        wb.finish();
        return out.toByteArray();
    }
}
