package org.fangpin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.IdNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

/**
 * Region data scope: a township user sees and changes only its own township; the administrator sees no household
 * data; an inspector reads but cannot write.
 */
@IntegrationTest
class ScopeIT {

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    RegionImporter regions;

    @TempDir
    Path dir;

    MockMvcTester mvc;
    long mine;
    long theirs;

    @BeforeEach
    void setUp() throws Exception {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        user("other-town", "TOWNSHIP", TestData.OTHER_TOWNSHIP);
        user("inspector1", "INSPECTOR", TestData.COUNTY);
        mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        theirs = create(IntegrationTest.COUNTY_USER, IntegrationTest.COUNTY_PASSWORD, "S1", TestData.VILLAGE, 11);
        mine = create("other-town", "Scope-pass-123", "S2", TestData.OTHER_VILLAGE, 12);
    }

    private void user(String name, String role, String region) {
        TestData.user(jdbc, encoder, name, role, region, "Scope-pass-123", false);
    }

    private long create(String user, String password, String no, String village, int seq) throws Exception {
        String body = """
                {"household":{"householdNo":"%s","villageCode":"%s","status":"ORDINARY"},
                 "members":[{"name":"户主%s","idNumber":"%s","relation":"HEAD"}]}""".formatted(no, village, no, TestData.id("1970-01-01", seq));
        var r = mvc.post()
                .uri("/api/v1/households")
                .with(httpBasic(user, password))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
        assertThat(r).hasStatus(201);
        return ((Number) JsonPath.read(r.getResponse().getContentAsString(), "$.id")).longValue();
    }

    private RequestPostProcessor town() {
        return httpBasic("other-town", "Scope-pass-123");
    }

    @Test
    void aTownshipSeesOnlyItsOwnHouseholds() {
        assertThat(mvc.get().uri("/api/v1/households/{id}", mine).with(town())).hasStatusOk();
        // another township's household does not exist for this user
        assertThat(mvc.get().uri("/api/v1/households/{id}", theirs).with(town()))
                .hasStatus(404);
        assertThat(mvc.get().uri("/api/v1/households/{id}/history", theirs).with(town()))
                .hasStatus(404);
        assertThat(mvc.get().uri("/api/v1/households").with(town()))
                .bodyJson()
                .extractingPath("$.items[*].householdNo")
                .asArray()
                .containsExactly("S2");
        assertThat(mvc.get().uri("/api/v1/persons?name=户主").with(town()))
                .bodyJson()
                .extractingPath("$.items[*].name")
                .asArray()
                .containsExactly("户主S2");
        // asking for the whole county narrows to the own township; another township is refused
        assertThat(mvc.get()
                        .uri("/api/v1/households?region={r}", TestData.COUNTY)
                        .with(town()))
                .bodyJson()
                .extractingPath("$.items[*].householdNo")
                .asArray()
                .containsExactly("S2");
        assertThat(mvc.get()
                        .uri("/api/v1/households?region={r}", TestData.TOWNSHIP)
                        .with(town()))
                .hasStatus(403)
                .bodyJson()
                .extractingPath("$.type")
                .isEqualTo("urn:fangpin:problem:out-of-scope");
        assertThat(mvc.get()
                        .uri("/api/v1/households/export?region={r}", TestData.TOWNSHIP)
                        .with(town()))
                .hasStatus(403);
    }

    @Test
    void aTownshipCannotChangeOrCreateOutsideItsRegion() {
        assertThat(mvc.delete()
                        .uri("/api/v1/households/{id}?reason=x", theirs)
                        .with(town())
                        .header("If-Match", "\"1\""))
                .hasStatus(404);
        assertThat(mvc.post()
                        .uri("/api/v1/households")
                        .with(town())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"household":{"householdNo":"S9","villageCode":"%s","status":"ORDINARY"},
                                 "members":[{"name":"乙","idNumber":"%s","relation":"HEAD"}]}""".formatted(TestData.VILLAGE, TestData.id("1971-01-01", 13))))
                .hasStatus(403);
        // moving its own household into another township is refused too
        assertThat(mvc.put()
                        .uri("/api/v1/households/{id}", mine)
                        .with(town())
                        .header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"household":{"householdNo":"S2","villageCode":"%s","status":"ORDINARY"}}""".formatted(TestData.VILLAGE)))
                .hasStatus(403);
    }

    @Test
    void importsOutsideTheRegionAreRejectedRowByRow() {
        String csv = "户编号,行政区划代码,户类型,姓名,公民身份号码,与户主关系\n"
                + "S7," + TestData.OTHER_VILLAGE + ",一般农户,丙," + TestData.id("1972-01-01", 15) + ",户主\n"
                + "S8," + TestData.VILLAGE + ",一般农户,丁," + TestData.id("1973-01-01", 17) + ",户主\n";
        var file = new MockMultipartFile("file", "x.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        var result = mvc.post()
                .uri("/api/v1/households/import")
                .multipart()
                .file(file)
                .with(town())
                .exchange();
        assertThat(result).hasStatus(422);
        assertThat(result)
                .bodyJson()
                .extractingPath("$.errors[*].row")
                .asArray()
                .containsExactly(3);
        // an existing household of the other township cannot be taken over by its number
        String takeover = "户编号,行政区划代码,户类型,姓名,公民身份号码,与户主关系\n" + "S1," + TestData.OTHER_VILLAGE + ",一般农户,戊,"
                + TestData.id("1974-01-01", 19) + ",户主\n";
        var second = mvc.post()
                .uri("/api/v1/households/import")
                .multipart()
                .file(new MockMultipartFile("file", "y.csv", "text/csv", takeover.getBytes(StandardCharsets.UTF_8)))
                .with(town())
                .exchange();
        assertThat(second).hasStatus(422);
        assertThat(second)
                .bodyJson()
                .extractingPath("$.errors[0].reason")
                .asString()
                .contains("数据范围以外");
        assertThat(jdbc.sql("select count(*) from household where household_no in ('S7', 'S8')")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void fullIdNumbersOnlyWithThePermissionAndEveryViewIsAudited() throws Exception {
        var county = httpBasic(IntegrationTest.COUNTY_USER, IntegrationTest.COUNTY_PASSWORD);
        long person = jdbc.sql("select person_id from person where household_id = ? and valid_to is null")
                .param(theirs)
                .query(Long.class)
                .single();
        String full = TestData.id("1970-01-01", 11);
        assertThat(mvc.get().uri("/api/v1/persons/{id}/sensitive", person).with(county))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.idNumber")
                .isEqualTo(full);
        assertThat(jdbc.sql("select actor from audit_log where action = 'VIEW_SENSITIVE' and entity_id = ?")
                        .param(String.valueOf(person))
                        .query(String.class)
                        .list())
                .containsExactly(IntegrationTest.COUNTY_USER);
        // an inspector reads the household but not the full numbers, and exports them masked
        var inspector = httpBasic("inspector1", "Scope-pass-123");
        assertThat(mvc.get().uri("/api/v1/persons/{id}/sensitive", person).with(inspector))
                .hasStatus(403);
        assertThat(mvc.get()
                        .uri("/api/v1/households/export?region={r}", TestData.COUNTY)
                        .with(inspector))
                .hasStatusOk()
                .bodyText()
                .contains(IdNumber.mask(full))
                .doesNotContain(full);
        // another township's user does not even learn the person exists
        assertThat(mvc.get().uri("/api/v1/persons/{id}/sensitive", person).with(town()))
                .hasStatus(404);
    }

    @Test
    void theAdministratorSeesNoHouseholdsAndAnInspectorCannotWrite() {
        var admin = httpBasic("admin", IntegrationTest.ADMIN_PASSWORD);
        assertThat(mvc.get().uri("/api/v1/households").with(admin))
                .bodyJson()
                .extractingPath("$.items")
                .asArray()
                .isEmpty();
        assertThat(mvc.get().uri("/api/v1/households/{id}", mine).with(admin)).hasStatus(404);
        var inspector = httpBasic("inspector1", "Scope-pass-123");
        assertThat(mvc.get().uri("/api/v1/households/{id}", mine).with(inspector))
                .hasStatusOk();
        assertThat(mvc.delete()
                        .uri("/api/v1/households/{id}?reason=x", mine)
                        .with(inspector)
                        .header("If-Match", "\"1\""))
                .hasStatus(403)
                .bodyJson()
                .extractingPath("$.title")
                .isEqualTo("无权操作");
    }
}
