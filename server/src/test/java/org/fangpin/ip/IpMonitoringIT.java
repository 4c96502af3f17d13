package org.fangpin.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.casework.Inbox;
import org.fangpin.common.problem.ApiException;
import org.fangpin.ip.IpTerms.CounterpartyKind;
import org.fangpin.ip.IpTerms.LicenceKind;
import org.fangpin.ip.IpTerms.ResearchType;
import org.fangpin.ip.IpTerms.ReviewConclusion;
import org.fangpin.ip.IpTerms.ReviewSubject;
import org.fangpin.ip.IpTerms.TransferForm;
import org.fangpin.ip.IpTerms.WorkKind;
import org.fangpin.region.RegionImporter;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * 备案 and monitoring (000:126–130), 代表作评价 (000:24–48) and 科技帮扶 in scope, each against figures counted here from
 * the tables: the lines of 非正常申请 at their edges, the three years after grant to the day, the 备案 file's rows, the
 * county that sees its own region's deals and nothing of their money.
 */
@IntegrationTest
class IpMonitoringIT {

    static final String PW = "Ip-pass-2026";
    static final String OTHER_COUNTY_VILLAGE = "421123100201";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    UserAccounts users;

    @Autowired
    Clock clock;

    @Autowired
    IpMonitoring monitoring;

    @Autowired
    Patents patents;

    @Autowired
    Reviews reviews;

    @Autowired
    TechAssistance assistance;

    @Autowired
    PatentListUpload upload;

    @Autowired
    WebApplicationContext context;

    @Autowired
    Inbox inbox;

    @Autowired
    Inventions inventions;

    @Autowired
    Universities universities;

    @TempDir
    Path dir;

    LocalDate today;
    int lastYear;
    long mine;
    long other;

    @BeforeEach
    void prepare() {
        TestData.reset(jdbc);
        String csv = TestData.REGIONS_CSV + """
                421123000000,麻城县,421100000000,3
                421123100000,南湖镇,421123000000,4
                421123100201,东村,421123100000,5
                """;
        regions.importFile(TestData.write(dir, "r.csv", csv), "r.csv", "t", Locale.CHINA);
        today = LocalDate.now(clock);
        lastYear = today.getYear() - 1;
        mine = university("甲大学", "x-uni");
        other = university("乙大学", "x-other-uni");
        TestData.user(jdbc, encoder, "x-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "x-town", "TOWNSHIP", TestData.OTHER_TOWNSHIP, PW, false);
    }

    long university(String name, String user) {
        return TestData.university(jdbc, encoder, name, TestData.PROVINCE, user, PW);
    }

    <T> T as(String user, Supplier<T> work) {
        return users.runAs(user, work);
    }

    /** A disclosure and {@code n} patents of a university, filed and granted on the days given. */
    List<Long> patents(long university, int n, LocalDate filed, LocalDate granted) {
        long d = jdbc.sql("insert into ip_disclosure (university_id, title, funding, disclosed_on, created_by)"
                        + " values (?, '测试成果', 'FISCAL', ?, 't') returning id")
                .params(university, filed.minusDays(10))
                .query(Long.class)
                .single();
        return jdbc.sql("""
                        insert into ip_patent (university_id, disclosure_id, number, type, filed_on, granted_on, status,
                            ownership, inventor_share, created_by)
                        select ?, ?, 'ZL' || (? * 100000 + g)::text || '.1', 'INVENTION', ?, ?, ?, 'UNIVERSITY', 50, 't'
                        from generate_series(1, ?) g returning id""")
                .params(university, d, d * 1000 + university, filed, granted, granted == null ? "FILED" : "GRANTED", n)
                .query(Long.class)
                .list();
    }

    int version(long patent) {
        return jdbc.sql("select version from ip_patent where id = ?")
                .param(patent)
                .query(Integer.class)
                .single();
    }

    Patents.Detail deal(long patent, String contract, LocalDate signed, String region, String amount) {
        return as(
                "x-uni",
                () -> patents.transfer(
                        patent,
                        version(patent),
                        new Patents.NewTransaction(
                                TransferForm.LICENCE,
                                LicenceKind.GENERAL,
                                "某茶叶专业合作社",
                                CounterpartyKind.COOPERATIVE,
                                region,
                                signed,
                                contract,
                                new BigDecimal(amount),
                                BigDecimal.ZERO,
                                null)));
    }

    @Test
    void irregularApplicationsAreJudgedAtTheLinesOf000126() {
        patents(mine, 100, LocalDate.of(lastYear, 6, 1), null);
        for (int i = 1; i <= 5; i++) {
            LocalDate on = LocalDate.of(lastYear, 1, 10 + i);
            String no = "2024100000" + i + ".1";
            as("x-uni", () -> monitoring.notify(new IpMonitoring.NewIrregular(no, on, null)));
        }
        // five in the first quarter, five of a hundred filed: on both lines, over neither
        IpMonitoring.IrregularYear y = as("x-uni", () -> monitoring.irregular(lastYear));
        assertThat(y.filings())
                .isEqualTo(jdbc.sql("select count(*) from ip_patent where university_id = ? and extract(year from"
                                + " filed_on) = ?")
                        .params(mine, lastYear)
                        .query(Long.class)
                        .single());
        assertThat(y.perQuarter()).containsExactly(5L, 0L, 0L, 0L);
        assertThat(y.share()).isEqualByComparingTo("0.05");
        assertThat(y.verdict().warning()).isFalse();
        // a sixth in the second quarter: six of a hundred is over the share, no quarter over five
        as(
                "x-uni",
                () -> monitoring.notify(
                        new IpMonitoring.NewIrregular("20241000006.1", LocalDate.of(lastYear, 4, 2), null)));
        y = as("x-uni", () -> monitoring.irregular(lastYear));
        assertThat(y.verdict().shareOver()).isTrue();
        assertThat(y.verdict().overQuarters()).isEmpty();
        // a sixth in the first quarter: that quarter is over too
        as(
                "x-uni",
                () -> monitoring.notify(
                        new IpMonitoring.NewIrregular("20241000007.1", LocalDate.of(lastYear, 3, 30), null)));
        y = as("x-uni", () -> monitoring.irregular(lastYear));
        assertThat(y.verdict().overQuarters()).containsExactly(1);
        // the same application twice: refused, nothing added; the other university sees none of it
        assertThatThrownBy(() -> as(
                        "x-uni",
                        () -> monitoring.notify(
                                new IpMonitoring.NewIrregular("20241000007.1", LocalDate.of(lastYear, 5, 1), null))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThat(as("x-other-uni", () -> monitoring.irregular(lastYear)).notices())
                .isZero();
    }

    @Test
    void unusedThreeYearsAfterGrantToTheDay() {
        long onTheDay =
                patents(mine, 1, today.minusYears(4), today.minusYears(3)).get(0);
        long dayShort = patents(
                        mine, 1, today.minusYears(4), today.minusYears(3).plusDays(1))
                .get(0);
        long used = patents(mine, 1, today.minusYears(6), today.minusYears(5)).get(0);
        long excused =
                patents(mine, 1, today.minusYears(6), today.minusYears(5)).get(0);
        patents(other, 1, today.minusYears(6), today.minusYears(5));
        deal(used, "HT-1", today.minusYears(1), null, "1000");
        as(
                "x-uni",
                () -> monitoring.unusedReason(excused, version(excused), new IpMonitoring.UnusedReason("涉及国防需求，暂缓实施")));
        List<Long> listed = as("x-uni", monitoring::unused).stream()
                .map(IpMonitoring.Unused::patentId)
                .toList();
        assertThat(listed).containsExactly(onTheDay).doesNotContain(dayShort, used, excused);
        // published for open licence: it stays on the list, marked
        as(
                "x-uni",
                () -> monitoring.openLicence(
                        onTheDay, version(onTheDay), new IpMonitoring.OpenLicence("普通许可，入门费 0，提成 3%", today)));
        assertThat(as("x-uni", monitoring::unused).get(0).openLicenceOn()).isEqualTo(today);
    }

    @Test
    void theFilingListsTheYearsDealsOnceEachNamesItsContract() throws Exception {
        List<Long> ps = patents(mine, 3, LocalDate.of(lastYear - 2, 3, 1), LocalDate.of(lastYear - 1, 3, 1));
        deal(ps.get(0), "HT-A", LocalDate.of(lastYear, 3, 1), null, "50000");
        long missing = deal(ps.get(1), null, LocalDate.of(lastYear, 7, 1), TestData.VILLAGE, "8000")
                .transactions()
                .get(0)
                .id();
        deal(ps.get(2), "HT-OLD", LocalDate.of(lastYear - 1, 5, 1), null, "9000"); // another year's
        long first = jdbc.sql("select id from ip_transaction where contract_no = 'HT-A'")
                .query(Long.class)
                .single();
        as(
                "x-uni",
                () -> patents.receive(
                        ps.get(0),
                        first,
                        version(ps.get(0)),
                        new Patents.NewReceipt(LocalDate.of(lastYear, 4, 1), new BigDecimal("20000"), null)));
        as(
                "x-uni",
                () -> patents.receive(
                        ps.get(0),
                        first,
                        version(ps.get(0)),
                        new Patents.NewReceipt(today, new BigDecimal("30000"), null)));

        assertThatThrownBy(() -> as("x-uni", () -> monitoring.prepareFiling(lastYear)))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .singleElement()
                                .satisfies(p -> assertThat(p.reason())
                                        .contains(
                                                "某茶叶专业合作社",
                                                LocalDate.of(lastYear, 7, 1).toString())));
        assertThat(jdbc.sql("select count(*) from ip_filing").query(Long.class).single())
                .isZero();
        as("x-uni", () -> patents.contract(ps.get(1), missing, version(ps.get(1)), new Patents.Contract("HT-B")));
        byte[] file = as("x-uni", () -> monitoring.prepareFiling(lastYear));

        // the file's rows against the deals of the year read here
        List<List<String>> expected = jdbc.sql("""
                        select p.number, t.counterparty, t.contract_no, t.amount,
                               (select coalesce(sum(r.amount), 0) from ip_receipt r where r.transaction_id = t.id
                                and extract(year from r.received_on) = :y) received
                        from ip_transaction t join ip_patent p on p.id = t.patent_id
                        where p.university_id = :u and extract(year from t.signed_on) = :y order by t.signed_on""")
                .param("u", mine)
                .param("y", lastYear)
                .query((rs, i) -> List.of(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBigDecimal(4).stripTrailingZeros().toPlainString(),
                        rs.getBigDecimal(5).stripTrailingZeros().toPlainString()))
                .list();
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(file))) {
            List<Row> all = wb.getFirstSheet().read();
            assertThat(all.get(0).getCellText(0)).contains("甲大学", Integer.toString(lastYear));
            // the rows after the header (the reader leaves out the empty row above it)
            int header = 0;
            while (!"序号".equals(all.get(header).getCellText(0))) {
                header++;
            }
            for (Row r : all.subList(header + 1, all.size())) {
                rows.add(List.of(
                        r.getCellText(1),
                        r.getCellText(6),
                        r.getCellText(8),
                        new BigDecimal(r.getCellText(10)).stripTrailingZeros().toPlainString(),
                        new BigDecimal(r.getCellText(11)).stripTrailingZeros().toPlainString()));
            }
        }
        assertThat(rows).isEqualTo(expected).hasSize(2);
        assertThat(rows.get(0).get(4)).isEqualTo("20000"); // this year's receipt is next year's
        IpMonitoring.FilingStatus s = as("x-uni", monitoring::filingStatus);
        assertThat(s.year()).isEqualTo(lastYear);
        assertThat(s.preparedAt()).isNotNull();
        assertThat(s.remind() || s.overdue()).isFalse();
        // not for a year still running
        assertThatThrownBy(() -> as("x-uni", () -> monitoring.prepareFiling(today.getYear())))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(p -> p.field())
                                .containsExactly("year"));
    }

    @Test
    void aCountySeesTheDealsOfItsRegionAndNothingOfTheirMoney() throws Exception {
        List<Long> ps = patents(mine, 2, today.minusYears(3), today.minusYears(2));
        deal(ps.get(0), "HT-1", today.minusMonths(2), TestData.VILLAGE, "60000");
        deal(ps.get(1), "HT-2", today.minusMonths(1), OTHER_COUNTY_VILLAGE, "7000");
        as(
                "x-uni",
                () -> patents.payFee(
                        ps.get(0),
                        version(ps.get(0)),
                        new Patents.NewFee(
                                IpTerms.FeeKind.ANNUAL,
                                today.minusMonths(3),
                                new BigDecimal("900"),
                                IpTerms.Payer.INVENTOR,
                                IpTerms.FeeFunds.OWN,
                                null)));
        // a person is never tagged with a region
        assertThatThrownBy(() -> as(
                        "x-uni",
                        () -> patents.transfer(
                                ps.get(1),
                                version(ps.get(1)),
                                new Patents.NewTransaction(
                                        TransferForm.TRANSFER,
                                        null,
                                        "王某",
                                        CounterpartyKind.PERSON,
                                        TestData.VILLAGE,
                                        today,
                                        "HT-3",
                                        BigDecimal.TEN,
                                        BigDecimal.ZERO,
                                        null))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(p -> p.field())
                                .containsExactly("region"));
        List<TechAssistance.Item> county = as("x-county", () -> assistance.list());
        assertThat(county).extracting(TechAssistance.Item::region).containsExactly(TestData.VILLAGE);
        assertThat(county.get(0).university()).isEqualTo("甲大学");
        assertThat(as("x-town", () -> assistance.list())).isEmpty(); // another township of the county
        var mvc = AsSystemInTests.mockMvc(context);
        String json = mvc.perform(
                        MockMvcRequestBuilders.get("/api/v1/ip/assistance").with(httpBasic("x-county", PW)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(json).contains("某茶叶专业合作社").doesNotContain("fee", "inventor", "split", "share", "900");
        // a classified result is named to nobody outside its university
        jdbc.sql("update ip_disclosure set classified = true").update();
        assertThat(as("x-county", () -> assistance.list()))
                .extracting(TechAssistance.Item::title)
                .containsExactly("Classified result"); // in the locale of the work (no request here)
        // the county reaches none of the university's own records
        assertThat(mvc.perform(MockMvcRequestBuilders.get("/api/v1/ip/patents/" + ps.get(0))
                                .with(httpBasic("x-county", PW)))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void anExistingListLoadsAllOrNothingWithEachWrongRowNamed() {
        long taken = patents(mine, 1, LocalDate.of(2019, 1, 1), null).get(0);
        String takenNo = jdbc.sql("select number from ip_patent where id = ?")
                .param(taken)
                .query(String.class)
                .single();
        String header = "专利号,专利名称,专利类型,申请日,授权日,权属,发明人产权比例,发明人收益比例,发明人,学院,经费来源,科研项目\n";
        String bad = header
                + "ZL201910000001.1,一种灌溉装置,实用新型,2019-03-01,2019-11-01,高校所有,,70,张三:60；李四:40,工学院,财政资金,\n"
                + "ZL201910000002.1,一种施肥方法,发明,2019-04-01,,高校所有,,70,张三:60；李四:30,工学院,财政资金,\n"
                + "ZL201910000003.1,一种育苗盘,发明,2019-13-01,,高校所有,,70,王五:100,工学院,财政资金,\n"
                + "ZL201910000001.1,重复的号,发明,2019-05-01,,高校所有,,70,王五:100,工学院,财政资金,\n"
                + takenNo + ",已有的号,发明,2019-05-01,,高校所有,,70,王五:100,工学院,财政资金,\n"
                + "ZL201910000004.1,一种采摘器,外观,2019-06-01,,高校所有,,70,赵六,工学院,财政资金,\n";
        long before =
                jdbc.sql("select count(*) from ip_patent").query(Long.class).single();
        var report =
                as("x-uni", () -> upload.upload(TestData.write(dir, "bad.csv", bad), "bad.csv", "x-uni", Locale.CHINA));
        assertThat(report.applied()).isFalse();
        assertThat(report.errors())
                .extracting(e -> e.row() + ":" + e.column())
                .contains("3:发明人", "4:申请日", "5:专利号", "6:专利号", "7:专利类型", "7:发明人");
        assertThat(report.errors()).noneMatch(e -> e.row() == 2);
        assertThat(jdbc.sql("select count(*) from ip_patent").query(Long.class).single())
                .isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from ip_disclosure where imported")
                        .query(Long.class)
                        .single())
                .isZero();

        String good = header
                + "ZL201910000001.1,一种灌溉装置,实用新型,2019-03-01,2019-11-01,高校所有,,70,张三:60；李四:40,工学院,财政资金,"
                + "重点研发计划A\n"
                + "ZL201910000002.1,一种施肥方法,INVENTION,2019-04-01,,所有权分割,30,70,张三:50；李四:50,工学院,委托项目,\n";
        var ok = as(
                "x-uni", () -> upload.upload(TestData.write(dir, "good.csv", good), "good.csv", "x-uni", Locale.CHINA));
        assertThat(ok.applied()).as(ok.errors().toString()).isTrue();
        assertThat(ok.inserted()).isEqualTo(2);
        assertThat(jdbc.sql("select p.number || '/' || p.ownership || '/' || coalesce(p.granted_on::text, '-') || '/'"
                                + " || d.imported || '/' || (select string_agg(i.name || i.share::int, ',' order by i.seq)"
                                + " from ip_inventor i where i.disclosure_id = d.id) from ip_patent p join ip_disclosure d"
                                + " on d.id = p.disclosure_id where d.imported order by p.number")
                        .query(String.class)
                        .list())
                .containsExactly(
                        "ZL201910000001.1/UNIVERSITY/2019-11-01/true/张三60,李四40",
                        "ZL201910000002.1/SPLIT/-/true/张三50,李四50");
        assertThat(as("x-uni", monitoring::projects)).contains("重点研发计划A");
        // the same list loaded by the other university's office lands in its own (a number is unique per university)
        var theirs = as(
                "x-other-uni",
                () -> upload.upload(
                        TestData.write(dir, "theirs.csv", good), "theirs.csv", "x-other-uni", Locale.CHINA));
        assertThat(theirs.applied()).as(theirs.errors().toString()).isTrue();
        assertThat(jdbc.sql("select p.university_id, count(*) from ip_patent p join ip_disclosure d on d.id ="
                                + " p.disclosure_id where d.imported group by 1 order by 1")
                        .query((rs, i) -> rs.getLong(1) + "=" + rs.getLong(2))
                        .list())
                .containsExactly(mine + "=2", other + "=2");
    }

    @Test
    void theSplitFollowsTheOwnershipAndEachEvaluationCountsOnce() {
        long own = patents(mine, 1, today.minusYears(3), today.minusYears(2)).get(0);
        long split = patents(mine, 1, today.minusYears(3), today.minusYears(2)).get(0);
        jdbc.sql("update ip_patent set ownership = 'INVENTOR', inventor_share = 80 where id = ?")
                .param(own)
                .update();
        jdbc.sql("update ip_patent set ownership = 'SPLIT', inventor_ownership = 40 where id = ?")
                .param(split)
                .update();
        IpTerms.Payer inventor = IpTerms.Payer.INVENTOR;
        as(
                "x-uni",
                () -> patents.payFee(
                        own,
                        version(own),
                        new Patents.NewFee(
                                IpTerms.FeeKind.APPLICATION,
                                today.minusYears(3),
                                new BigDecimal("500"),
                                inventor,
                                IpTerms.FeeFunds.OWN,
                                null)));
        // the university pays nothing for the inventors' own patent (000:96)
        assertThatThrownBy(() -> as(
                        "x-uni",
                        () -> patents.payFee(
                                own,
                                version(own),
                                new Patents.NewFee(
                                        IpTerms.FeeKind.ANNUAL,
                                        today,
                                        new BigDecimal("500"),
                                        IpTerms.Payer.UNIVERSITY,
                                        IpTerms.FeeFunds.OWN,
                                        null))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(p -> p.field())
                                .containsExactly("payer"));
        as(
                "x-uni",
                () -> patents.payFee(
                        split,
                        version(split),
                        new Patents.NewFee(
                                IpTerms.FeeKind.APPLICATION,
                                today.minusYears(3),
                                new BigDecimal("1000"),
                                IpTerms.Payer.UNIVERSITY,
                                IpTerms.FeeFunds.FISCAL,
                                null)));
        as(
                "x-uni",
                () -> patents.payFee(
                        split,
                        version(split),
                        new Patents.NewFee(
                                IpTerms.FeeKind.ANNUAL,
                                today.minusYears(1),
                                new BigDecimal("500"),
                                inventor,
                                IpTerms.FeeFunds.OWN,
                                null)));
        for (long p : List.of(own, split)) {
            long tx = deal(p, "HT-" + p, today.minusMonths(6), null, "10000")
                    .transactions()
                    .get(0)
                    .id();
            as(
                    "x-uni",
                    () -> patents.receive(
                            p,
                            tx,
                            version(p),
                            new Patents.NewReceipt(today.minusMonths(5), new BigDecimal("10000"), null)));
        }
        // the inventors' own: they keep 80 % of (income − fees) and pay the university the rest
        IncomeSplit.Statement o = as("x-uni", () -> patents.detail(own)).split();
        assertThat(o.rule()).isEqualTo(IncomeSplit.Rule.NOT_FILED_BY_UNIVERSITY);
        assertThat(o.university())
                .isEqualByComparingTo(
                        new BigDecimal("10000").subtract(new BigDecimal("500")).multiply(new BigDecimal("0.20")));
        // split 40/60: each gets its fees back and its part of the rest
        IncomeSplit.Statement sp = as("x-uni", () -> patents.detail(split)).split();
        assertThat(sp.rule()).isEqualTo(IncomeSplit.Rule.SPLIT_OWNERSHIP);
        BigDecimal rest = new BigDecimal("10000").subtract(new BigDecimal("1500"));
        assertThat(sp.inventors())
                .isEqualByComparingTo(rest.multiply(new BigDecimal("0.40")).add(new BigDecimal("500")));
        assertThat(sp.university()).isEqualByComparingTo(new BigDecimal("10000").subtract(sp.inventors()));
        // a receipt booked on another patent's deal, a contract of another university: not found
        long splitDeal = jdbc.sql("select id from ip_transaction where patent_id = ?")
                .param(split)
                .query(Long.class)
                .single();
        assertThatThrownBy(() -> as(
                        "x-uni",
                        () -> patents.receive(
                                own, splitDeal, version(own), new Patents.NewReceipt(today, BigDecimal.ONE, null))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThatThrownBy(() -> as(
                        "x-other-uni",
                        () -> patents.contract(split, splitDeal, version(split), new Patents.Contract("X"))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
        // a stale version is refused
        assertThatThrownBy(() -> as(
                        "x-uni",
                        () -> patents.payFee(
                                split,
                                version(split) - 1,
                                new Patents.NewFee(
                                        IpTerms.FeeKind.ANNUAL,
                                        today,
                                        BigDecimal.TEN,
                                        IpTerms.Payer.UNIVERSITY,
                                        IpTerms.FeeFunds.OWN,
                                        null))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED));
    }

    @Test
    void decisionsAreDueNinetyDaysAheadAndWhileTheFeeMayStillBePaid() {
        long ahead = patents(mine, 1, today.minusYears(3).plusDays(30), today.minusYears(2))
                .get(0);
        long late = patents(mine, 1, today.minusYears(2).minusMonths(2), today.minusYears(1))
                .get(0);
        long tooLate = patents(mine, 1, today.minusYears(2).minusMonths(7), today.minusYears(1))
                .get(0);
        long pending = patents(mine, 1, today.minusYears(1).plusDays(10), null).get(0);
        List<Patents.DecisionDue> due = as("x-uni", patents::due);
        assertThat(due)
                .extracting(d -> d.patentId() + "/" + d.dueOn())
                .containsExactly(
                        late + "/" + today.minusYears(2).minusMonths(2).plusYears(2),
                        ahead + "/" + today.minusYears(3).plusDays(30).plusYears(3));
        assertThat(due).extracting(Patents.DecisionDue::patentId).doesNotContain(tooLate, pending);
        // the same decisions wait in the office's 待办, the late one past its day, each opening its patent
        Inbox.Tasks work = as("x-uni", () -> inbox.tasks(Inbox.Action.DECIDE_PATENT_FEE, 0, 50));
        assertThat(work.groups()).containsExactly(new Inbox.Group(Inbox.Action.DECIDE_PATENT_FEE, 2, 1));
        assertThat(work.tasks())
                .extracting(Inbox.Task::path, Inbox.Task::overdue)
                .containsExactly(tuple("/ip/patents/" + late, true), tuple("/ip/patents/" + ahead, false));
        // another university's office and a county have none of them
        assertThat(as("x-other-uni", () -> inbox.tasks(null, 0, 50)).groups()).isEmpty();
        assertThat(as("x-county", () -> inbox.tasks(null, 0, 50)).groups())
                .extracting(Inbox.Group::action)
                .doesNotContain(Inbox.Action.DECIDE_PATENT_FEE);
        // decided: no longer due
        Patents.DecisionDue first = due.get(0);
        as(
                "x-uni",
                () -> patents.decide(
                        late,
                        version(late),
                        new Patents.NewMaintenance(first.feeYear(), IpTerms.MaintenanceDecision.MAINTAIN, "仍在许可实施")));
        assertThat(as("x-uni", patents::due))
                .extracting(Patents.DecisionDue::patentId)
                .containsExactly(ahead);
        assertThat(as("x-uni", () -> inbox.tasks(null, 0, 50)).groups())
                .containsExactly(new Inbox.Group(Inbox.Action.DECIDE_PATENT_FEE, 1, 0));
        // the pending one granted: its grant is recorded once
        as("x-uni", () -> patents.grant(pending, version(pending), new Patents.Grant(today)));
        assertThat(jdbc.sql("select status from ip_patent where id = ?")
                        .param(pending)
                        .query(String.class)
                        .single())
                .isEqualTo("GRANTED");
        assertThatThrownBy(() -> as("x-uni", () -> patents.grant(pending, version(pending), new Patents.Grant(today))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
    }

    @Test
    void aReviewJudgesAFewWorksByTheirInnovationWithReviewersWhoDeclareTheirInterests() {
        long patent = patents(mine, 1, today.minusYears(3), today.minusYears(2)).get(0);
        long theirs =
                patents(other, 1, today.minusYears(3), today.minusYears(2)).get(0);
        Reviews.NewWork work = new Reviews.NewWork(WorkKind.PATENT, "茶树抗寒栽培方法", "解决了高海拔茶区冻害问题", patent, null);
        Reviews.Reviewer fair = new Reviews.Reviewer("周教授", "某农业大学", false, null);
        Reviews.Reviewer involved = new Reviews.Reviewer("吴研究员", "本校", true, "项目合作者");
        // six works where five are allowed; a work without its innovation; a reviewer who does not declare; another
        // university's patent
        List<Reviews.NewWork> six = java.util.Collections.nCopies(6, work);
        assertThatThrownBy(() -> as(
                        "x-uni",
                        () -> reviews.create(new Reviews.NewReview(
                                ReviewSubject.TEAM, "茶树团队", ResearchType.APPLIED, "聘期考核", today, six, List.of(fair)))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .anySatisfy(p -> assertThat(p.field()).isEqualTo("works")));
        assertThatThrownBy(() -> as(
                        "x-uni",
                        () -> reviews.create(new Reviews.NewReview(
                                ReviewSubject.TEAM,
                                "茶树团队",
                                ResearchType.APPLIED,
                                "聘期考核",
                                today,
                                List.of(
                                        new Reviews.NewWork(WorkKind.PAPER, "论文", " ", null, null),
                                        new Reviews.NewWork(WorkKind.PATENT, "别校专利", "创新", theirs, null)),
                                List.of(new Reviews.Reviewer("郑教授", null, null, null))))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(p -> p.field())
                                .contains("works[0].innovation", "works[1].patentId", "reviewers[0].conflict"));
        assertThat(jdbc.sql("select count(*) from ip_review").query(Long.class).single())
                .isZero();

        // only recused reviewers: no conclusion; with a fair one: once
        Reviews.Review recused = as(
                "x-uni",
                () -> reviews.create(new Reviews.NewReview(
                        ReviewSubject.PERSON,
                        "张明",
                        ResearchType.TRANSFER,
                        "职称评审",
                        today,
                        List.of(work),
                        List.of(involved))));
        assertThatThrownBy(() -> as(
                        "x-uni",
                        () -> reviews.conclude(
                                recused.id(),
                                recused.version(),
                                new Reviews.Conclusion("成果转化效益明显", ReviewConclusion.PASSED))))
                .isInstanceOf(ApiException.class);
        Reviews.Review r = as(
                "x-uni",
                () -> reviews.create(new Reviews.NewReview(
                        ReviewSubject.PERSON,
                        "张明",
                        ResearchType.TRANSFER,
                        "职称评审",
                        today,
                        List.of(work),
                        List.of(involved, fair))));
        Reviews.Review done = as(
                "x-uni",
                () -> reviews.conclude(
                        r.id(), r.version(), new Reviews.Conclusion("成果转化效益明显", ReviewConclusion.PASSED)));
        assertThat(done.conclusion()).isEqualTo(ReviewConclusion.PASSED);
        assertThatThrownBy(() -> as(
                        "x-uni",
                        () -> reviews.conclude(
                                r.id(), done.version(), new Reviews.Conclusion("再议", ReviewConclusion.NOT_PASSED))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThatThrownBy(() -> as("x-other-uni", () -> reviews.get(r.id())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    @Test
    void aClassifiedResultIsReadOnlyByOfficeUsersClearedForIt() throws Exception {
        long patent = patents(mine, 1, today.minusYears(2), today.minusYears(1)).get(0);
        long disclosure = jdbc.sql("select disclosure_id from ip_patent where id = ?")
                .param(patent)
                .query(Long.class)
                .single();
        jdbc.sql("update ip_disclosure set classified = true, title = '某型号密级成果' where id = ?")
                .param(disclosure)
                .update();
        TestData.user(jdbc, encoder, "x-admin", "ADMIN", null, PW, false);
        // not cleared: the title masked in every list, the disclosure closed
        String masked = as("x-uni", () -> inventions.list()).get(0).title();
        assertThat(masked).isNotEqualTo("某型号密级成果");
        assertThat(as("x-uni", () -> patents.list()).get(0).title()).isEqualTo(masked);
        assertThat(as("x-uni", () -> patents.detail(patent)).patent().title()).isEqualTo(masked);
        assertThatThrownBy(() -> as("x-uni", () -> inventions.get(disclosure)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        var mvc = AsSystemInTests.mockMvc(context);
        String listed = mvc.perform(
                        MockMvcRequestBuilders.get("/api/v1/ip/patents").with(httpBasic("x-uni", PW)))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(listed).doesNotContain("某型号密级成果");
        // the administrator clears the office user (a county cannot); the title is read, the disclosure opened
        assertThat(mvc.perform(MockMvcRequestBuilders.put("/api/v1/ip/universities/" + mine + "/users/x-uni/clearance")
                                .with(httpBasic("x-county", PW))
                                .contentType("application/json")
                                .content("{\"cleared\":true}"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        var cleared = mvc.perform(
                        MockMvcRequestBuilders.put("/api/v1/ip/universities/" + mine + "/users/x-uni/clearance")
                                .with(httpBasic("x-admin", PW))
                                .contentType("application/json")
                                .content("{\"cleared\":true}"))
                .andReturn()
                .getResponse();
        assertThat(cleared.getStatus()).as(cleared.getContentAsString()).isEqualTo(200);
        assertThat(jdbc.sql("select cleared from ip_university_user where username = 'x-uni'")
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(as("x-uni", () -> inventions.get(disclosure)).title()).isEqualTo("某型号密级成果");
        assertThat(as("x-uni", () -> patents.list()).get(0).title()).isEqualTo("某型号密级成果");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'IP_CLEARANCE_SET'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // the clearance is the one account's: the other university's office stays uncleared
        assertThat(as("x-other-uni", () -> universities.cleared())).isFalse();
    }
}
