package org.fangpin.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import org.assertj.core.groups.Tuple;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.RowError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@IntegrationTest
class RegionImportIT {

    @Autowired
    RegionImporter importer;

    @Autowired
    RegionDirectory regions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvcTester mvc;

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        TestData.reset(jdbc);
    }

    private ImportReport importCsv(String content) {
        return importer.importFile(TestData.write(dir, "r.csv", content), "r.csv", "test", Locale.CHINA);
    }

    @Test
    void importsATreeAndAnswersPathsChildrenAndSearch() {
        ImportReport r = importCsv(TestData.REGIONS_CSV);
        assertThat(r.applied()).isTrue();
        assertThat(r.inserted()).isEqualTo(8);
        assertThat(regions.ancestors(TestData.VILLAGE))
                .extracting(Region::name)
                .containsExactly("湖北省", "黄冈市", "红安县", "城关镇", "桃园村");
        assertThat(regions.children(TestData.TOWNSHIP, LocalDate.now(TestData.ZONE)))
                .extracting(Region::code)
                .containsExactly(TestData.VILLAGE, TestData.VILLAGE_2);
        assertThat(regions.searchByNamePrefix("八里", 10))
                .extracting(Region::code)
                .containsExactly(TestData.OTHER_TOWNSHIP);
    }

    @Test
    void reimportChangesNothingAndARenameIsRecorded() {
        importCsv(TestData.REGIONS_CSV);
        ImportReport again = importCsv(TestData.REGIONS_CSV);
        assertThat(again.applied()).isTrue();
        assertThat(again.inserted() + again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(8);

        ImportReport renamed = importCsv(TestData.REGIONS_CSV.replace("桃园村", "桃花源村"));
        assertThat(renamed.updated()).isEqualTo(1);
        assertThat(regions.find(TestData.VILLAGE))
                .get()
                .extracting(Region::name)
                .isEqualTo("桃花源村");
        assertThat(jdbc.sql("select old_name || '>' || new_name from region_change where code = ?")
                        .param(TestData.VILLAGE)
                        .query(String.class)
                        .list())
                .containsExactly("桃园村>桃花源村");
    }

    @Test
    void rejectsOrphansBadCodesAndDuplicatesWithRowsAndChangesNothing() {
        String bad = TestData.REGIONS_CSV
                + "421122102201,孤儿村,421122102000,5\n" // row 10: parent does not exist
                + "4211221002,短码村,421122100000,5\n" // row 11: not 12 digits
                + "421122100203,错级村,421122100000,4\n" // row 12: shape does not fit level 4
                + "421122100201,重复村,421122100000,5\n"; // row 13: duplicate of row 6
        ImportReport r = importCsv(bad);
        assertThat(r.applied()).isFalse();
        assertThat(r.errors())
                .extracting(RowError::row, RowError::column)
                .contains(Tuple.tuple(11L, "code"), Tuple.tuple(12L, "code"));
        assertThat(r.errors()).anySatisfy(e -> {
            assertThat(e.row()).isEqualTo(13L);
            assertThat(e.reason()).contains("重复").contains("6");
        });
        // the orphan is reported once per-row checks pass; fix those and it shows
        ImportReport orphan = importCsv(TestData.REGIONS_CSV + "421122102201,孤儿村,421122102000,5\n");
        assertThat(orphan.applied()).isFalse();
        assertThat(orphan.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(10L);
            assertThat(e.column()).isEqualTo("parent_code");
            assertThat(e.reason()).contains("上级区划不存在");
        });
        assertThat(regions.count()).isZero();
    }

    @Test
    void acceptsGbkWithChineseHeadersAndLevelNames() {
        String gbk = """
                区划代码,名称,上级代码,级别
                420000000000,湖北省,,省
                421100000000,黄冈市,420000000000,市
                """;
        Path f = TestData.write(dir, "gbk.csv", gbk, Charset.forName("GBK"));
        ImportReport r = importer.importFile(f, "gbk.csv", "test", Locale.CHINA);
        assertThat(r.applied()).isTrue();
        assertThat(regions.find(TestData.CITY)).get().extracting(Region::name).isEqualTo("黄冈市");
    }

    @Test
    void apiServesRegionsAndProblemDocuments() {
        importCsv(TestData.REGIONS_CSV);
        assertThat(mvc.get().uri("/api/v1/regions/{c}/ancestors", TestData.VILLAGE))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[*].code")
                .asArray()
                .containsExactly(
                        TestData.PROVINCE, TestData.CITY, TestData.COUNTY, TestData.TOWNSHIP, TestData.VILLAGE);
        assertThat(mvc.get().uri("/api/v1/regions?q=柳"))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[0].code")
                .isEqualTo(TestData.VILLAGE_2);
        assertThat(mvc.get().uri("/api/v1/regions/999999999999").header("Accept-Language", "en"))
                .hasStatus(404)
                .hasContentType("application/problem+json")
                .bodyJson()
                .extractingPath("$.detail")
                .isEqualTo("No region 999999999999");
        assertThat(mvc.get().uri("/api/v1/regions/999999999999"))
                .bodyJson()
                .extractingPath("$.title")
                .isEqualTo("未找到");
    }
}
