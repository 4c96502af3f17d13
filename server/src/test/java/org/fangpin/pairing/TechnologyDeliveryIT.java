package org.fangpin.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.problem.ApiException;
import org.fangpin.ip.IpTerms.CounterpartyKind;
import org.fangpin.ip.IpTerms.LicenceKind;
import org.fangpin.ip.IpTerms.TransferForm;
import org.fangpin.ip.Patents;
import org.fangpin.ip.TechAssistance;
import org.fangpin.project.ProjectPartnerDeliveries;
import org.fangpin.project.Projects;
import org.fangpin.region.RegionImporter;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.context.WebApplicationContext;

/**
 * 科技帮扶 as a partnership's delivery (issue 25; 004:169, 003:67): a university's licence to a cooperative of a county
 * that the university helps is booked to that partnership as one 科技成果转化 when recorded; one outside the county, or
 * by a university the partnership's unit is not, is not; a deal recorded before the partnership is booked by the county
 * by hand, once, and comes back to be booked when withdrawn. Every figure is read back from the tables.
 */
@IntegrationTest
class TechnologyDeliveryIT {

    static final String PW = "Tech-pass-2026";
    static final String OTHER_COUNTY = "421123000000";
    static final String OTHER_COUNTY_VILLAGE = "421123100201";
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    Partnerships partnerships;

    @Autowired
    PartnershipDeliveries deliveries;

    @Autowired
    WorkTeams teams;

    @Autowired
    Patents patents;

    @Autowired
    TechAssistance assistance;

    @Autowired
    UserAccounts users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @TempDir
    Path dir;

    LocalDate today;
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
        TestData.user(jdbc, encoder, "t-county", "COUNTY", TestData.COUNTY, PW, false);
        today = LocalDate.now(clock);
        mine = university("甲农业大学", "t-uni");
        other = university("乙农业大学", "t-other-uni");
    }

    long university(String name, String user) {
        return TestData.university(jdbc, encoder, name, TestData.PROVINCE, user, PW);
    }

    <T> T as(String user, Supplier<T> work) {
        return users.runAs(user, work);
    }

    /** A granted patent of a university, ready for a deal. */
    long patent(long university, String number) {
        long d = jdbc.sql("insert into ip_disclosure (university_id, title, funding, disclosed_on, created_by)"
                        + " values (?, ?, 'FISCAL', ?, 't') returning id")
                .params(university, "茶树栽培方法" + number, today.minusYears(4))
                .query(Long.class)
                .single();
        return jdbc.sql("""
                        insert into ip_patent (university_id, disclosure_id, number, type, filed_on, granted_on, status,
                            ownership, inventor_share, created_by)
                        values (?, ?, ?, 'INVENTION', ?, ?, 'GRANTED', 'UNIVERSITY', 50, 't') returning id""")
                .params(university, d, number, today.minusYears(4), today.minusYears(3))
                .query(Long.class)
                .single();
    }

    /** A licence of the patent to a cooperative of the region, recorded by the university's office; the deal's id. */
    long licence(String user, long patent, String region, LocalDate signed) {
        int version = jdbc.sql("select version from ip_patent where id = ?")
                .param(patent)
                .query(Integer.class)
                .single();
        Patents.Detail d = as(
                user,
                () -> patents.transfer(
                        patent,
                        version,
                        new Patents.NewTransaction(
                                TransferForm.LICENCE,
                                LicenceKind.GENERAL,
                                "某茶叶专业合作社",
                                CounterpartyKind.COOPERATIVE,
                                region,
                                signed,
                                "HT-" + patent,
                                new BigDecimal("50000"),
                                BigDecimal.ZERO,
                                null)));
        return d.transactions().get(d.transactions().size() - 1).id();
    }

    Partnerships.Partnership partnership(Long university, String name) {
        WorkTeams.Unit unit =
                as("t-county", () -> teams.addUnit(new WorkTeams.NewUnit(name, UnitKind.UNIVERSITY, null, university)));
        return as(
                "t-county",
                () -> partnerships.create(new Partnerships.NewPartnership(
                        PartnershipKind.COUNTERPART_SCIENCE, unit.id(), TestData.COUNTY, today.minusYears(2), null)));
    }

    /** The 科技成果转化 deliveries booked (not withdrawn) per partnership, read from the table. */
    List<Map<String, Object>> booked() {
        return jdbc.sql("""
                        select partnership_id, ip_deal_id, quantity, delivered_on, item from partnership_delivery
                        where ip_deal_id is not null and withdrawn_at is null order by id""").query().listOfRows();
    }

    BigDecimal delivered(long partnership, int year) {
        return as("t-county", () -> deliveries.detail(partnership)).years().stream()
                .filter(y -> y.year() == year)
                .flatMap(y -> y.items().stream())
                .filter(i -> i.item() == PartnershipItem.TECHNOLOGY)
                .map(Partnerships.ItemYear::delivered)
                .findFirst()
                .orElse(BigDecimal.ZERO);
    }

    @Test
    void aDealInTheHelpedCountyIsBookedToTheUniversitysPartnershipWhenRecorded() {
        Partnerships.Partnership p = partnership(mine, "甲农业大学");
        Partnerships.Partnership unlinked = partnership(null, "某高校（未关联）");
        LocalDate signed = today.minusDays(20);
        long deal = licence("t-uni", patent(mine, "ZL1"), TestData.VILLAGE, signed);
        assertThat(booked()).hasSize(1);
        Map<String, Object> row = booked().get(0);
        assertThat(((Number) row.get("partnership_id")).longValue()).isEqualTo(p.id());
        assertThat(((Number) row.get("ip_deal_id")).longValue()).isEqualTo(deal);
        assertThat((BigDecimal) row.get("quantity")).isEqualByComparingTo("1");
        assertThat(row.get("delivered_on").toString()).isEqualTo(signed.toString());
        assertThat(row.get("item")).isEqualTo("TECHNOLOGY");
        assertThat(delivered(p.id(), signed.getYear())).isEqualByComparingTo("1");
        assertThat(delivered(unlinked.id(), signed.getYear())).isEqualByComparingTo("0");
        // the delivery says whom the result went to, and which
        PartnershipDeliveries.Delivery d =
                as("t-county", () -> deliveries.detail(p.id())).deliveries().get(0);
        assertThat(d.ipDealId()).isEqualTo(deal);
        assertThat(d.ipDeal()).contains("某茶叶专业合作社", "茶树栽培方法ZL1", "甲农业大学");
        // nothing of the deal is stored with the delivery: it is read through the reader's own scope
        assertThat(d.description()).isNull();
        // and the region's audit says it was booked
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'partnership' and entity_id = ?"
                                + " and action = 'PARTNERSHIP_DELIVERED'")
                        .param(Long.toString(p.id()))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // a deal in another county, and one of a university no unit is: not booked
        licence("t-uni", patent(mine, "ZL2"), OTHER_COUNTY_VILLAGE, signed);
        long others = licence("t-other-uni", patent(other, "ZL3"), TestData.VILLAGE, signed);
        assertThat(booked()).hasSize(1);
        // nor can the county book the other university's deal to this university's partnership, by hand
        assertThatThrownBy(() -> as(
                        "t-county",
                        () -> deliveries.deliver(p.id(), PartnershipDeliveries.NewDelivery.technology(others, signed))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(x -> x.field())
                                .containsExactly("ipDealId"));
        // nor book the booked deal twice
        assertThatThrownBy(() -> as(
                        "t-county",
                        () -> deliveries.deliver(p.id(), PartnershipDeliveries.NewDelivery.technology(deal, signed))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        assertThat(booked()).hasSize(1);
    }

    @Test
    void aDeliveryNamingAProjectIsListedOnTheProjectForThoseWhoReadPartnerships(
            @Autowired Projects projects,
            @Autowired ProjectPartnerDeliveries onProject,
            @Autowired WebApplicationContext context) {
        TestData.user(jdbc, encoder, "t-village", "VILLAGE", TestData.VILLAGE, PW, false);
        TestData.user(jdbc, encoder, "t-dept", "DEPARTMENT", TestData.COUNTY, PW, false);
        long project = as(
                        "t-village",
                        () -> projects.apply(TestData.application(TestData.VILLAGE, today.getYear(), "茶叶加工厂", null)))
                .id();
        LocalDate signed = today.minusDays(40);
        Partnerships.Partnership p = partnership(mine, "甲农业大学");
        long deal = licence("t-uni", patent(mine, "ZL7"), TestData.VILLAGE, signed);
        // booked when recorded; the county names the project that applies it on a second, manual delivery
        PartnershipDeliveries.Delivery booked =
                as("t-county", () -> deliveries.detail(p.id())).deliveries().get(0);
        int v0 = as("t-county", () -> deliveries.detail(p.id())).partnership().version();
        as(
                "t-county",
                () -> deliveries.withdraw(p.id(), booked.id(), v0, new PartnershipDeliveries.Withdrawal("补记应用项目")));
        assertThat(as("t-county", () -> onProject.ofProject(project))).isEmpty();
        PartnershipDeliveries.Delivery d = as(
                "t-county",
                () -> deliveries.deliver(
                        p.id(),
                        PartnershipDeliveries.NewDelivery.technology(deal, signed)
                                .withProject(project)));
        for (String reader : List.of("t-county", "t-village")) {
            assertThat(as(reader, () -> onProject.ofProject(project)))
                    .as(reader)
                    .singleElement()
                    .satisfies(l -> {
                        assertThat(l.partnershipId()).isEqualTo(p.id());
                        assertThat(l.kind()).isEqualTo(PartnershipKind.COUNTERPART_SCIENCE);
                        assertThat(l.unit()).isEqualTo("甲农业大学");
                        assertThat(l.item()).isEqualTo(PartnershipItem.TECHNOLOGY);
                        assertThat(l.deliveredOn()).isEqualTo(signed);
                        assertThat(l.quantity()).isEqualByComparingTo("1");
                        assertThat(l.unitZh()).isEqualTo("项");
                    });
        }
        // the project's page shows it, in words and in English too
        var mvc = MockMvcTester.create(AsSystemInTests.mockMvc(context));
        for (String lang : List.of("zh", "en")) {
            MvcTestResult page = mvc.get()
                    .uri("/projects/" + project + "?lang=" + lang)
                    .with(SecurityMockMvcRequestPostProcessors.httpBasic("t-village", PW))
                    .exchange();
            assertThat(page).hasStatusOk();
            String html = new String(page.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
            assertThat(html)
                    .contains("id=\"partner-deliveries\"", "甲农业大学", "/partnerships/" + p.id())
                    .contains(lang.equals("zh") ? "科技成果转化" : "Technology results transferred")
                    .contains(lang.equals("zh") ? "1 项" : "1 result<")
                    .doesNotContain("TECHNOLOGY<", "COUNTERPART_SCIENCE<", "project.partnerDeliveries", "??");
        }
        // a department does not read partnerships; a withdrawn delivery is no longer listed
        assertThat(as("t-dept", () -> onProject.ofProject(project))).isEmpty();
        int v1 = as("t-county", () -> deliveries.detail(p.id())).partnership().version();
        as("t-county", () -> deliveries.withdraw(p.id(), d.id(), v1, new PartnershipDeliveries.Withdrawal("重复登记")));
        assertThat(as("t-county", () -> onProject.ofProject(project))).isEmpty();
    }

    @Test
    void aDealBeforeThePartnershipIsBookedByHandOnceAndAgainWhenWithdrawn() {
        LocalDate signed = today.minusDays(40);
        long deal = licence("t-uni", patent(mine, "ZL9"), TestData.VILLAGE, signed);
        assertThat(booked()).isEmpty();
        Partnerships.Partnership p = partnership(mine, "甲农业大学");
        assertThat(as("t-county", () -> deliveries.technologyOpen(p.id())))
                .extracting(TechAssistance.Item::id)
                .containsExactly(deal);
        // the delivery cannot precede the deal, nor name it under another item
        assertThatThrownBy(() -> as(
                        "t-county",
                        () -> deliveries.deliver(
                                p.id(), PartnershipDeliveries.NewDelivery.technology(deal, signed.minusDays(1)))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(x -> x.field())
                                .containsExactly("deliveredOn"));
        assertThat(booked()).isEmpty();
        PartnershipDeliveries.Delivery d = as(
                "t-county",
                () -> deliveries.deliver(
                        p.id(), PartnershipDeliveries.NewDelivery.technology(deal, signed.plusDays(3))));
        assertThat(d.item()).isEqualTo(PartnershipItem.TECHNOLOGY);
        assertThat(d.quantity()).isEqualByComparingTo("1");
        assertThat(as("t-county", () -> deliveries.technologyOpen(p.id()))).isEmpty();
        int version =
                as("t-county", () -> deliveries.detail(p.id())).partnership().version();
        as(
                "t-county",
                () -> deliveries.withdraw(p.id(), d.id(), version, new PartnershipDeliveries.Withdrawal("登记错了年份")));
        assertThat(booked()).isEmpty();
        assertThat(as("t-county", () -> deliveries.technologyOpen(p.id())))
                .extracting(TechAssistance.Item::id)
                .containsExactly(deal);
    }

    @Test
    void theScienceSupportIsChosenAClosedYearKeepsItsFiguresAndAClassifiedTitleStaysMasked() throws Exception {
        Partnerships.Partnership science = partnership(mine, "甲农业大学");
        long unit = science.unitId();
        Partnerships.Partnership designated = as(
                "t-county",
                () -> partnerships.create(new Partnerships.NewPartnership(
                        PartnershipKind.DESIGNATED, unit, TestData.COUNTY, today.minusYears(3), null)));
        LocalDate signed = today.minusDays(5);
        // a classified result's deal: booked to 科技对口支援 (before 定点帮扶), its title masked to the county
        long patent = patent(mine, "ZL7");
        jdbc.sql("update ip_disclosure set classified = true where id = (select disclosure_id from ip_patent where"
                        + " id = ?)")
                .param(patent)
                .update();
        long deal = licence("t-uni", patent, TestData.VILLAGE, signed);
        assertThat(booked())
                .extracting(r -> ((Number) r.get("partnership_id")).longValue())
                .containsExactly(science.id());
        String shown = as("t-county", () -> deliveries.detail(science.id()))
                .deliveries()
                .get(0)
                .ipDeal();
        assertThat(shown).contains("某茶叶专业合作社").doesNotContain("茶树栽培方法ZL7");
        assertThat(jdbc.sql("select count(*) from audit_log where detail::text like '%茶树栽培方法ZL7%'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(delivered(designated.id(), signed.getYear())).isEqualByComparingTo("0");
        // a delivery names a deal only as 科技成果转化
        assertThatThrownBy(() -> as(
                        "t-county",
                        () -> deliveries.deliver(
                                designated.id(),
                                new PartnershipDeliveries.NewDelivery(
                                        PartnershipItem.TRAINING,
                                        signed,
                                        new BigDecimal("3"),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        deal))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(x -> x.field())
                                .containsExactly("ipDealId"));
        // the year confirmed: a later deal of that year is not booked, there or anywhere
        int version = as("t-county", () -> deliveries.detail(science.id()))
                .partnership()
                .version();
        as(
                "t-county",
                () -> deliveries.reconcile(
                        science.id(), signed.getYear(), version, null, "对账.pdf", new ByteArrayInputStream(PDF)));
        licence("t-uni", patent(mine, "ZL8"), TestData.VILLAGE, signed);
        assertThat(booked()).hasSize(1);
    }

    @Test
    void aUnitRecordedBeforeNamesItsUniversityLaterOnceOnly() {
        Partnerships.Partnership p = partnership(null, "甲农业大学");
        LocalDate signed = today.minusDays(3);
        licence("t-uni", patent(mine, "ZL4"), TestData.VILLAGE, signed);
        assertThat(booked()).isEmpty();
        as("t-county", () -> teams.linkUniversity(p.unitId(), new WorkTeams.UnitUniversity(mine)));
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'UNIT_UNIVERSITY'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        long next = licence("t-uni", patent(mine, "ZL5"), TestData.VILLAGE, signed);
        assertThat(booked())
                .extracting(r -> ((Number) r.get("ip_deal_id")).longValue())
                .containsExactly(next);
        // another unit cannot name the same university
        assertThatThrownBy(() -> as(
                        "t-county",
                        () -> teams.addUnit(new WorkTeams.NewUnit("甲农大（重复）", UnitKind.UNIVERSITY, null, mine))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
    }

    @Test
    void onlyAUniversityUnitNamesAUniversity() {
        assertThatThrownBy(() -> as(
                        "t-county",
                        () -> teams.addUnit(new WorkTeams.NewUnit("县农业局", UnitKind.COUNTY_ORGAN, null, mine))))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(x -> x.field())
                                .containsExactly("universityId"));
        assertThatThrownBy(() -> as(
                        "t-county",
                        () -> teams.addUnit(new WorkTeams.NewUnit("某大学", UnitKind.UNIVERSITY, null, 999_999L))))
                .isInstanceOf(ApiException.class);
        assertThat(jdbc.sql("select count(*) from assist_unit")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
