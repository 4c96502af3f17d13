package org.fangpin.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.importing.TabularReader;
import org.fangpin.common.importing.TabularRow;
import org.fangpin.region.RegionImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * 驻村干部花名册: a roster with bad rows is refused whole, each row with its line, column and reason (an ID number never
 * in full), nothing sent; the clean roster starts the village's team and sends its members by the page's rules; the
 * roster downloads as XLSX with the members at work, masked.
 */
@IntegrationTest
class RosterIT {

    static final String PW = "Roster-pass-2026";
    static final String HEADER = "行政区划代码,姓名,公民身份号码,联系电话,派出单位,职务,任期起,任期止\n";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @Autowired
    WebApplicationContext context;

    @TempDir
    Path dir;

    private MockHttpServletResponse upload(MockMvc mvc, String csv) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.multipart("/api/v1/teams/roster")
                        .file(new MockMultipartFile(
                                "file", "roster.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(httpBasic("r-county", PW)))
                .andReturn()
                .getResponse();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void aRosterIsSentWholeOrNotAtAll() throws Exception {
        TestData.reset(jdbc);
        String csv = TestData.REGIONS_CSV + "421123000000,麻城县,421100000000,3\n421123100000,南湖镇,421123000000,4\n"
                + "421123100201,东村,421123100000,5\n";
        regions.importFile(TestData.write(dir, "r.csv", csv), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "r-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "r-village", "VILLAGE", TestData.VILLAGE, PW, false);
        jdbc.sql("insert into assist_unit (name, kind, created_by) values ('县交通运输局', 'COUNTY_ORGAN', 't')")
                .update();
        MockMvc mvc = AsSystemInTests.mockMvc(context);
        LocalDate from = LocalDate.now(clock).minusMonths(1);
        String secretary = TestData.id("1984-05-12", 11);
        String member = TestData.id("1990-01-17", 12);

        // every bad row named, nothing sent
        String bad = HEADER
                + TestData.VILLAGE + ",陈志远," + secretary + ",13800000001,县交通运输局,第一书记," + from + ",\n"
                + "421123100201,外县人," + TestData.id("1980-01-01", 13) + ",,县交通运输局,队员," + from + ",\n"
                + TestData.VILLAGE + ",无名单位," + TestData.id("1980-01-01", 14) + ",,某不存在的单位,队员," + from + ",\n"
                + TestData.VILLAGE + ",职务错," + TestData.id("1980-01-01", 15) + ",,县交通运输局,书记员," + from + ",\n"
                + TestData.VILLAGE + ",日期错," + TestData.id("1980-01-01", 16) + ",,县交通运输局,队员,明年,\n"
                + TestData.VILLAGE + ",又一书记," + TestData.id("1980-01-01", 17) + ",,县交通运输局,第一书记," + from + ",\n"
                + TestData.VILLAGE + ",号码错,12345,,县交通运输局,队员," + from + ",\n";
        MockHttpServletResponse refused = upload(mvc, bad);
        assertThat(refused.getStatus()).as(refused.getContentAsString()).isEqualTo(422);
        String body = refused.getContentAsString(StandardCharsets.UTF_8);
        List<Integer> rows = JsonPath.read(body, "$.errors[*].row");
        assertThat(rows).containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8);
        assertThat(body).contains("辖区", "帮扶单位", "第一书记", "日期").doesNotContain(TestData.id("1980-01-01", 17));
        assertThat(count("work_team") + count("team_member")).isZero();

        // the clean roster: the team started, its members sent
        MockHttpServletResponse sent = upload(
                mvc,
                HEADER
                        + TestData.VILLAGE + ",陈志远," + secretary + ",13800000001,县交通运输局,第一书记," + from + ",\n"
                        + TestData.VILLAGE + ",王晓梅," + member + ",,县交通运输局,队员," + from + ","
                        + from.plusYears(2) + "\n");
        assertThat(sent.getStatus()).as(sent.getContentAsString()).isEqualTo(200);
        assertThat(count("work_team")).isEqualTo(1);
        assertThat(jdbc.sql("select string_agg(post, ',' order by post) from team_member where status = 'ON_DUTY'")
                        .query(String.class)
                        .single())
                .isEqualTo("FIRST_SECRETARY,MEMBER");
        // sending them again: nobody on two teams, one 第一书记 — refused, nothing added
        MockHttpServletResponse again =
                upload(mvc, HEADER + TestData.VILLAGE + ",陈志远," + secretary + ",,县交通运输局,第一书记," + from + ",\n");
        assertThat(again.getStatus()).isEqualTo(422);
        assertThat(count("team_member")).isEqualTo(2);

        // the roster as XLSX, read back: the two members, their ID numbers masked
        var started = mvc.perform(
                        MockMvcRequestBuilders.get("/api/v1/teams/roster.xlsx").with(httpBasic("r-village", PW)))
                .andReturn();
        MockHttpServletResponse xlsx = mvc.perform(MockMvcRequestBuilders.asyncDispatch(started))
                .andReturn()
                .getResponse();
        assertThat(xlsx.getStatus()).isEqualTo(200);
        Path file = dir.resolve("roster.xlsx");
        Files.write(file, xlsx.getContentAsByteArray());
        List<String> names = new ArrayList<>();
        try (TabularReader reader = TabularReader.open(file, "roster.xlsx")) {
            assertThat(reader.header()).startsWith("行政区划代码", "姓名", "公民身份号码");
            for (TabularRow r : reader) {
                names.add(r.cell(1));
                assertThat(r.cell(2)).doesNotContain(secretary.substring(6, 14)).contains("*");
            }
        }
        assertThat(names).containsExactlyInAnyOrder("陈志远", "王晓梅");
    }
}
