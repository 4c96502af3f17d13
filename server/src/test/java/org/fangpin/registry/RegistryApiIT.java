package org.fangpin.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

@IntegrationTest
class RegistryApiIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regionImporter;

    @TempDir
    Path dir;

    static final String HEAD_ID = TestData.id("1970-03-05", 11);
    static final String SPOUSE_ID = TestData.id("1972-07-01", 22);

    @BeforeEach
    void setUp() {
        TestData.reset(jdbc);
        regionImporter.importFile(
                TestData.write(dir, "regions.csv", TestData.REGIONS_CSV), "regions.csv", "t", Locale.CHINA);
    }

    static String household(String no, String village, String wage) {
        return """
                {"householdNo":"%s","villageCode":"%s","address":"一组","status":"EXITED","exitYear":2019,
                 "housingGrade":"B","waterSafe":true,
                 "income":{"year":2025,"wage":%s,"production":3000,"productionCost":1000}}""".formatted(no, village, wage);
    }

    static String person(String name, String id, String relation) {
        return """
                {"name":"%s","idNumber":"%s","relation":"%s","health":"HEALTHY","labourCapacity":"ORDINARY",
                 "medicalInsurance":true,"phone":"13812345678"}""".formatted(name, id, relation);
    }

    private MvcTestResult create(String no, String village, String effective) {
        String body = """
                {"household":%s,"members":[%s,%s],"effectiveDate":"%s","reason":"新识别"}""".formatted(
                        household(no, village, "20000"),
                        person("张大山", HEAD_ID, "HEAD"),
                        person("李春花", SPOUSE_ID, "SPOUSE"),
                        effective);
        return mvc.post()
                .uri("/api/v1/households")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }

    private long createdId(MvcTestResult r) throws Exception {
        return ((Number) JsonPath.read(r.getResponse().getContentAsString(), "$.id")).longValue();
    }

    private MvcTestResult update(long id, String ifMatch, String wage, String effective) {
        var req = mvc.put()
                .uri("/api/v1/households/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"household":%s,"effectiveDate":"%s","reason":"收入核实"}""".formatted(household("H1", TestData.VILLAGE, wage), effective));
        if (ifMatch != null) {
            req = req.header("If-Match", ifMatch);
        }
        return req.exchange();
    }

    @Test
    void createReadAndMaskedOutput() throws Exception {
        MvcTestResult created = create(
                "H1",
                TestData.VILLAGE,
                LocalDate.now(TestData.ZONE).minusDays(10).toString());
        assertThat(created).hasStatus(201).headers().hasValue("ETag", "\"1\"");
        long id = createdId(created);
        assertThat(mvc.get().uri("/api/v1/households/{id}", id))
                .hasStatusOk()
                .bodyJson()
                .satisfies(json -> {
                    assertThat(json).extractingPath("$.memberCount").isEqualTo(2);
                    assertThat(json).extractingPath("$.perCapitaNetIncome").isEqualTo(11000.0);
                    assertThat(json).extractingPath("$.members[0].idNumber").isEqualTo(IdNumber.mask(HEAD_ID));
                    assertThat(json).extractingPath("$.members[0].phone").isEqualTo("138****5678");
                    assertThat(json).extractingPath("$.members[0].sex").isEqualTo("M");
                });
        assertThat(created.getResponse().getContentAsString())
                .doesNotContain(HEAD_ID)
                .doesNotContain("13812345678");
    }

    @Test
    void staleUpdateGets412AndChangesNothing() throws Exception {
        long id = createdId(create(
                "H1",
                TestData.VILLAGE,
                LocalDate.now(TestData.ZONE).minusDays(10).toString()));
        String today = LocalDate.now(TestData.ZONE).toString();
        assertThat(update(id, "\"1\"", "15000", today)).hasStatusOk().headers().hasValue("ETag", "\"2\"");
        // a second user still holding version 1
        MvcTestResult stale = update(id, "\"1\"", "99999", today);
        assertThat(stale).hasStatus(412).hasContentType("application/problem+json");
        assertThat(mvc.get().uri("/api/v1/households/{id}", id))
                .bodyJson()
                .extractingPath("$.income.wage")
                .isEqualTo(15000.0);
        assertThat(jdbc.sql("select count(*) from household where household_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(2);
        assertThat(update(id, null, "1", today)).hasStatus(428);
    }

    @Test
    void asOfQueriesAndTimelineAnswerWhatWasTrueWhen() throws Exception {
        LocalDate start = LocalDate.now(TestData.ZONE).minusDays(60);
        long id = createdId(create("H1", TestData.VILLAGE, start.toString()));
        assertThat(update(id, "\"1\"", "8000", start.plusDays(30).toString())).hasStatusOk();

        assertThat(mvc.get().uri("/api/v1/households/{id}?asOf={d}", id, start.plusDays(10)))
                .bodyJson()
                .extractingPath("$.income.wage")
                .isEqualTo(20000.0);
        assertThat(mvc.get().uri("/api/v1/households/{id}?asOf={d}", id, start.plusDays(30)))
                .bodyJson()
                .extractingPath("$.income.wage")
                .isEqualTo(8000.0);
        assertThat(mvc.get().uri("/api/v1/households/{id}?asOf={d}", id, start.minusDays(1)))
                .hasStatus(404);
        // backdating before the current version is refused
        assertThat(update(id, "\"2\"", "7000", start.plusDays(5).toString())).hasStatus(422);

        assertThat(mvc.get().uri("/api/v1/households/{id}/history", id))
                .hasStatusOk()
                .bodyJson()
                .satisfies(json -> {
                    assertThat(json)
                            .extractingPath("$[?(@.entity=='household' && @.version==2)].changes[0].field")
                            .asArray()
                            .containsExactly("income.wage");
                    assertThat(json)
                            .extractingPath("$[?(@.entity=='household' && @.version==2)].changeReason")
                            .asArray()
                            .containsExactly("收入核实");
                    assertThat(json)
                            .extractingPath("$[?(@.entity=='person')].kind")
                            .asArray()
                            .containsExactly("CREATED", "CREATED");
                });
    }

    @Test
    void problemDocumentsNameFieldsInTheUsersLanguage() {
        String body = """
                {"household":%s,"members":[%s]}""".formatted(household("H1", TestData.VILLAGE, "1"), person("张", "110105194912310021", "HEAD"));
        MvcTestResult zh = mvc.post()
                .uri("/api/v1/households")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
        assertThat(zh).hasStatus(422).hasContentType("application/problem+json");
        assertThat(zh).bodyJson().extractingPath("$.errors[0].field").isEqualTo("idNumber");
        assertThat(zh).bodyJson().extractingPath("$.errors[0].reason").isEqualTo("公民身份号码校验码错误");
        assertThat(zh).bodyJson().extractingPath("$.title").isEqualTo("输入有误");

        MvcTestResult en = mvc.post()
                .uri("/api/v1/households")
                .header("Accept-Language", "en-US")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
        assertThat(en).bodyJson().extractingPath("$.errors[0].reason").isEqualTo("Wrong check digit");

        MvcTestResult beanValidation = mvc.post()
                .uri("/api/v1/households")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"household\":{\"villageCode\":\"x\"},\"members\":[]}")
                .exchange();
        assertThat(beanValidation)
                .hasStatus(422)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .contains("household.householdNo", "members");

        assertThat(mvc.post()
                        .uri("/api/v1/households")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{oops"))
                .hasStatus(400)
                .hasContentType("application/problem+json")
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("请求体不是有效的 JSON。");
    }

    @Test
    void servesTheOpenApiDocument() {
        assertThat(mvc.get().uri("/v3/api-docs"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.paths")
                .asMap()
                .containsKeys("/api/v1/households", "/api/v1/households/{id}", "/api/v1/persons", "/api/v1/regions");
    }

    @Test
    void anIdNumberBelongsToOneActivePerson() {
        assertThat(create("H1", TestData.VILLAGE, LocalDate.now(TestData.ZONE).toString()))
                .hasStatus(201);
        MvcTestResult second =
                create("H2", TestData.VILLAGE_2, LocalDate.now(TestData.ZONE).toString());
        assertThat(second)
                .hasStatus(409)
                .bodyJson()
                .extractingPath("$.errors[0].field")
                .isEqualTo("idNumber");
        assertThat(jdbc.sql("select count(*) from household").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void softDeleteNeedsAReasonAndKeepsHistory() throws Exception {
        long id = createdId(create(
                "H1",
                TestData.VILLAGE,
                LocalDate.now(TestData.ZONE).minusDays(5).toString()));
        assertThat(mvc.delete().uri("/api/v1/households/{id}", id).header("If-Match", "\"1\""))
                .hasStatus(422);
        assertThat(mvc.delete().uri("/api/v1/households/{id}?reason=整户迁出", id).header("If-Match", "\"1\""))
                .hasStatus(204);
        assertThat(mvc.get().uri("/api/v1/households?region={r}", TestData.COUNTY))
                .bodyJson()
                .extractingPath("$.items")
                .asArray()
                .isEmpty();
        assertThat(mvc.get()
                        .uri(
                                "/api/v1/households/{id}?asOf={d}",
                                id,
                                LocalDate.now(TestData.ZONE).minusDays(1)))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.memberCount")
                .isEqualTo(2);
        // the ID numbers are free again for a new registration
        assertThat(create("H9", TestData.VILLAGE_2, LocalDate.now(TestData.ZONE).toString()))
                .hasStatus(201);
    }

    @Test
    void keysetPaginationVisitsEveryHouseholdOnceAndHonoursTheRegion() throws Exception {
        for (int i = 0; i < 7; i++) {
            String body = """
                    {"household":%s,"members":[%s]}""".formatted(
                            household("P" + i, i < 5 ? TestData.VILLAGE : TestData.OTHER_VILLAGE, "1000"),
                            person("户主" + i, TestData.id("1960-01-0" + (i + 1), 11), "HEAD"));
            assertThat(mvc.post()
                            .uri("/api/v1/households")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .hasStatus(201);
        }
        Set<String> seen = new HashSet<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = "";
        do {
            String json = mvc.get()
                    .uri("/api/v1/households?region={r}&limit=2&cursor={c}", TestData.TOWNSHIP, cursor)
                    .exchange()
                    .getResponse()
                    .getContentAsString();
            List<String> nos = JsonPath.read(json, "$.items[*].householdNo");
            pageSizes.add(nos.size());
            nos.forEach(n -> assertThat(seen.add(n)).isTrue());
            cursor = JsonPath.read(json, "$.nextCursor") == null ? null : JsonPath.read(json, "$.nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrder("P0", "P1", "P2", "P3", "P4");
        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(mvc.get().uri("/api/v1/households?name=户主6"))
                .bodyJson()
                .extractingPath("$.items[0].householdNo")
                .isEqualTo("P6");
        assertThat(mvc.get().uri("/api/v1/households?idNumber={id}", TestData.id("1960-01-03", 11)))
                .bodyJson()
                .extractingPath("$.items[0].householdNo")
                .isEqualTo("P2");
        assertThat(mvc.get().uri("/api/v1/households?cursor=garbage")).hasStatus(400);
        // persons: by region and name prefix, and by ID number, paged the same way
        assertThat(mvc.get().uri("/api/v1/persons?region={r}&name=户主&limit=3", TestData.TOWNSHIP))
                .bodyJson()
                .satisfies(json -> {
                    assertThat(json).extractingPath("$.items[*].name").asArray().containsExactly("户主0", "户主1", "户主2");
                    assertThat(json).extractingPath("$.nextCursor").isNotNull();
                });
        assertThat(mvc.get().uri("/api/v1/persons?idNumber={id}", TestData.id("1960-01-06", 11)))
                .bodyJson()
                .extractingPath("$.items[*].name")
                .asArray()
                .containsExactly("户主5");
    }
}
