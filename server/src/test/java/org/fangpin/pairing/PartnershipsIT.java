package org.fangpin.pairing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.problem.ApiException;
import org.fangpin.project.FundSource;
import org.fangpin.project.Funds;
import org.fangpin.region.RegionImporter;
import org.fangpin.reporting.Ledgers;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * 定点帮扶 and 东西部协作: partnerships kept by the county (the province for its own pairs) and seen by the regions in and
 * under them; a year's commitments against the deliveries booked — funds as the allocation received from the right
 * source, workers placed with their households, purchases with buyer and product — reconciled by the figures the test
 * itself sent; a wrong delivery withdrawn; the year confirmed with the partner's signed statement and closed. Each
 * refusal changes nothing.
 */
@IntegrationTest
class PartnershipsIT {

    static final String PW = "Part-pass-2026";
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
    Funds funds;

    @Autowired
    Ledgers ledgers;

    @Autowired
    UserAccounts users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @Autowired
    WebApplicationContext context;

    @TempDir
    Path dir;

    LocalDate today;
    MockMvc mvc;

    private void prepare() {
        TestData.reset(jdbc);
        String csv = TestData.REGIONS_CSV + """
                421123000000,麻城县,421100000000,3
                421123100000,南湖镇,421123000000,4
                421123100201,东村,421123100000,5
                """;
        regions.importFile(TestData.write(dir, "r.csv", csv), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "x-village", "VILLAGE", TestData.VILLAGE, PW, false);
        TestData.user(jdbc, encoder, "x-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "x-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "x-other", "COUNTY", OTHER_COUNTY, PW, false);
        TestData.user(jdbc, encoder, "x-city", "CITY", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "x-prov", "PROVINCE", TestData.PROVINCE, PW, false);
        today = LocalDate.now(clock);
        mvc = AsSystemInTests.mockMvc(context);
    }

    private <T> T as(String user, Supplier<T> work) {
        return users.runAs(user, work);
    }

    private static void refused(HttpStatus status, Runnable action) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private static void invalid(Runnable action, String... fields) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        ApiException.class,
                        e -> assertThat(e.fieldProblems())
                                .extracting(p -> p.field())
                                .containsExactlyInAnyOrder(fields));
    }

    /** A 脱贫户 registered through the API by the county office of its village. */
    private long household(String user, String no, String village) throws Exception {
        String body = "{\"household\":{\"householdNo\":\"" + no + "\",\"villageCode\":\"" + village + "\","
                + "\"identity\":\"EXITED\",\"exitYear\":2019},\"members\":[{\"name\":\"户主"
                + no.substring(no.length() - 2) + "\",\"idNumber\":\""
                + TestData.id("1960-01-01", Integer.parseInt(no.substring(no.length() - 2)))
                + "\",\"relation\":\"HEAD\"}]}";
        var created = mvc.perform(MockMvcRequestBuilders.post("/api/v1/households")
                        .with(httpBasic(user, PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        return ((Number) JsonPath.read(created.getContentAsString(StandardCharsets.UTF_8), "$.id")).longValue();
    }

    private long state() {
        return jdbc.sql("select count(*) from partnership_delivery")
                        .query(Long.class)
                        .single()
                + 1000
                        * jdbc.sql("select count(*) from partnership_commitment")
                                .query(Long.class)
                                .single()
                + 1_000_000
                        * jdbc.sql("select count(*) from partnership")
                                .query(Long.class)
                                .single()
                + jdbc.sql("select coalesce(sum(version), 0) from partnership")
                        .query(Long.class)
                        .single();
    }

    private PartnershipDeliveries.NewDelivery delivery(PartnershipItem item, LocalDate on, String quantity) {
        return PartnershipDeliveries.NewDelivery.of(item, on, quantity == null ? null : new BigDecimal(quantity));
    }

    @Test
    void aCountyKeepsItsPartnershipsAndEveryFigureReconciles() throws Exception {
        prepare();
        int year = today.getYear();
        LocalDate start = LocalDate.of(year - 1, 3, 1);
        WorkTeams.Unit east = as(
                "x-county",
                () -> teams.addUnit(new WorkTeams.NewUnit("浙江省湖州市", UnitKind.EASTERN_GOVERNMENT, "湖州", null)));
        WorkTeams.Unit organ =
                as("x-prov", () -> teams.addUnit(new WorkTeams.NewUnit("国家某部", UnitKind.CENTRAL_ORGAN, "北京", null)));
        WorkTeams.Unit firm = as(
                "x-county",
                () -> teams.addUnit(new WorkTeams.NewUnit("某民营企业", UnitKind.PRIVATE_ENTERPRISE, null, null)));

        // what is wrong comes back field by field; nothing is made
        long before = state();
        invalid(
                () -> as(
                        "x-county",
                        () -> partnerships.create(new Partnerships.NewPartnership(
                                PartnershipKind.EAST_WEST, organ.id(), TestData.COUNTY, start, null))),
                "unitId");
        invalid(
                () -> as(
                        "x-county",
                        () -> partnerships.create(new Partnerships.NewPartnership(
                                PartnershipKind.DESIGNATED, organ.id(), TestData.VILLAGE, start, null))),
                "region");
        invalid(
                () -> as(
                        "x-county",
                        () -> partnerships.create(new Partnerships.NewPartnership(
                                PartnershipKind.EAST_WEST, east.id(), TestData.PROVINCE, today.plusDays(1), null))),
                "region",
                "startedOn");
        invalid(
                () -> as(
                        "x-prov",
                        () -> partnerships.create(new Partnerships.NewPartnership(
                                PartnershipKind.DESIGNATED, organ.id(), TestData.COUNTY, start, null))),
                "region");
        refused(
                HttpStatus.FORBIDDEN,
                () -> as(
                        "x-town",
                        () -> partnerships.create(new Partnerships.NewPartnership(
                                PartnershipKind.EAST_WEST, east.id(), TestData.TOWNSHIP, start, null))));
        assertThat(state()).isEqualTo(before);

        Partnerships.Partnership ew = as(
                "x-county",
                () -> partnerships.create(new Partnerships.NewPartnership(
                        PartnershipKind.EAST_WEST, east.id(), TestData.COUNTY, start, "县际结对")));
        Partnerships.Partnership designated = as(
                "x-county",
                () -> partnerships.create(new Partnerships.NewPartnership(
                        PartnershipKind.DESIGNATED, organ.id(), TestData.COUNTY, start, null)));
        Partnerships.Partnership village = as(
                "x-county",
                () -> partnerships.create(new Partnerships.NewPartnership(
                        PartnershipKind.ENTERPRISE_VILLAGE, firm.id(), TestData.VILLAGE, start, null)));
        Partnerships.Partnership province = as(
                "x-prov",
                () -> partnerships.create(new Partnerships.NewPartnership(
                        PartnershipKind.EAST_WEST, east.id(), TestData.PROVINCE, start, null)));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "x-county",
                        () -> partnerships.create(new Partnerships.NewPartnership(
                                PartnershipKind.EAST_WEST, east.id(), TestData.COUNTY, start, null))));

        // who sees what: the regions in and under a partnership, never another county
        assertThat(as("x-town", () -> partnerships.list(null, false)))
                .extracting(Partnerships.Partnership::id)
                .containsExactlyInAnyOrder(ew.id(), designated.id(), village.id(), province.id());
        assertThat(as("x-village", () -> partnerships.list(null, false)))
                .extracting(Partnerships.Partnership::id)
                .containsExactlyInAnyOrder(ew.id(), designated.id(), village.id(), province.id());
        assertThat(as("x-other", () -> partnerships.list(null, false)))
                .extracting(Partnerships.Partnership::id)
                .containsExactly(province.id());
        assertThat(as("x-city", () -> partnerships.list(PartnershipKind.EAST_WEST, false)))
                .extracting(Partnerships.Partnership::id)
                .containsExactlyInAnyOrder(ew.id(), province.id());
        refused(HttpStatus.NOT_FOUND, () -> as("x-other", () -> deliveries.detail(ew.id())));
        assertThat(as("x-town", () -> deliveries.detail(ew.id())).editable()).isFalse();
        assertThat(as("x-county", () -> deliveries.detail(province.id())).editable())
                .isFalse();

        // commitments: checked item by item, the version required, kept by the county only
        int v = as("x-county", () -> partnerships.find(ew.id(), false)).version();
        before = state();
        invalid(
                () -> as(
                        "x-county",
                        () -> deliveries.commit(
                                ew.id(),
                                year,
                                v,
                                new PartnershipDeliveries.Commitments(List.of(
                                        new PartnershipDeliveries.Commitment(
                                                PartnershipItem.FUNDS, new BigDecimal("-1")),
                                        new PartnershipDeliveries.Commitment(
                                                PartnershipItem.LABOUR, new BigDecimal("2.5")),
                                        new PartnershipDeliveries.Commitment(
                                                PartnershipItem.LABOUR, new BigDecimal("2")))))),
                "items[0].quantity",
                "items[1].quantity",
                "items[2].item");
        invalid(
                () -> as(
                        "x-county",
                        () -> deliveries.commit(
                                ew.id(), year - 3, v, new PartnershipDeliveries.Commitments(List.of()))),
                "year");
        refused(
                HttpStatus.PRECONDITION_FAILED,
                () -> as(
                        "x-county",
                        () -> deliveries.commit(
                                ew.id(), year, v + 1, new PartnershipDeliveries.Commitments(List.of()))));
        refused(
                HttpStatus.FORBIDDEN,
                () -> as(
                        "x-prov",
                        () -> deliveries.commit(ew.id(), year, v, new PartnershipDeliveries.Commitments(List.of()))));
        assertThat(state()).isEqualTo(before);
        Map<PartnershipItem, BigDecimal> committed = new EnumMap<>(PartnershipItem.class);
        committed.put(PartnershipItem.FUNDS, new BigDecimal("3000000.00"));
        committed.put(PartnershipItem.LABOUR, new BigDecimal("50"));
        committed.put(PartnershipItem.CONSUMPTION, new BigDecimal("800000.50"));
        committed.put(PartnershipItem.PROJECTS, new BigDecimal("2"));
        Partnerships.Detail d = as(
                "x-county",
                () -> deliveries.commit(
                        ew.id(),
                        year,
                        v,
                        new PartnershipDeliveries.Commitments(committed.entrySet().stream()
                                .map(e -> new PartnershipDeliveries.Commitment(e.getKey(), e.getValue()))
                                .toList())));
        assertThat(d.partnership().version()).isGreaterThan(v);

        // deliveries: funds are the allocation of the county from the east–west source, booked once
        Funds.Allocation central = as(
                "x-county",
                () -> funds.allocate(new Funds.NewAllocation(
                        TestData.COUNTY,
                        year,
                        FundSource.CENTRAL_LINKAGE,
                        "鄂财农发〔" + year + "〕1号",
                        new BigDecimal("1000000.00"),
                        today,
                        null)));
        Funds.Allocation eastFunds = as(
                "x-county",
                () -> funds.allocate(new Funds.NewAllocation(
                        TestData.COUNTY,
                        year,
                        FundSource.EAST_WEST,
                        "湖财〔" + year + "〕9号",
                        new BigDecimal("1200000.00"),
                        today,
                        null)));
        LocalDate on = today.withDayOfYear(1);
        before = state();
        invalid(
                () -> as("x-county", () -> deliveries.deliver(ew.id(), delivery(PartnershipItem.FUNDS, on, null))),
                "allocationId");
        invalid(
                () -> as(
                        "x-county",
                        () -> deliveries.deliver(ew.id(), PartnershipDeliveries.NewDelivery.funds(on, central.id()))),
                "allocationId");
        invalid(
                () -> as(
                        "x-county",
                        () -> deliveries.deliver(
                                ew.id(),
                                new PartnershipDeliveries.NewDelivery(
                                        PartnershipItem.CONSUMPTION,
                                        today.plusDays(1),
                                        new BigDecimal("-5"),
                                        3,
                                        null,
                                        null,
                                        null,
                                        null,
                                        " ",
                                        null,
                                        null,
                                        null))),
                "deliveredOn",
                "quantity",
                "personDays",
                "buyer",
                "product");
        invalid(
                () -> as(
                        "x-county",
                        () -> deliveries.deliver(ew.id(), delivery(PartnershipItem.LABOUR, start.minusDays(1), "3"))),
                "deliveredOn");
        long stranger = household("x-other", "421123100201000009", OTHER_COUNTY_VILLAGE);
        invalid(
                () -> as(
                        "x-county",
                        () -> deliveries.deliver(
                                ew.id(),
                                PartnershipDeliveries.NewDelivery.labour(
                                        on, new BigDecimal("3"), List.of(stranger), null))),
                "householdIds");
        refused(
                HttpStatus.FORBIDDEN,
                () -> as("x-town", () -> deliveries.deliver(ew.id(), delivery(PartnershipItem.TRAINING, on, "30"))));
        assertThat(state()).isEqualTo(before);

        PartnershipDeliveries.Delivery money = as(
                "x-county",
                () -> deliveries.deliver(ew.id(), PartnershipDeliveries.NewDelivery.funds(on, eastFunds.id())));
        assertThat(money.quantity()).isEqualByComparingTo(eastFunds.amount());
        assertThat(money.allocationNo()).isEqualTo(eastFunds.documentNo());
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "x-county",
                        () -> deliveries.deliver(
                                ew.id(), PartnershipDeliveries.NewDelivery.funds(on, eastFunds.id()))));
        long h1 = household("x-county", "421122100201000001", TestData.VILLAGE);
        long h2 = household("x-county", "421122101201000002", TestData.OTHER_VILLAGE);
        PartnershipDeliveries.Delivery placed = as(
                "x-county",
                () -> deliveries.deliver(
                        ew.id(),
                        PartnershipDeliveries.NewDelivery.labour(
                                on, new BigDecimal("12"), List.of(h1, h2, h1), "赴浙江务工")));
        assertThat(placed.households()).isEqualTo(2);
        as(
                "x-county",
                () -> deliveries.deliver(
                        ew.id(),
                        PartnershipDeliveries.NewDelivery.consumption(
                                on, new BigDecimal("250000.25"), "湖州市机关食堂", "茶叶", "桃园村合作社")));
        PartnershipDeliveries.Delivery wrong = as(
                "x-county",
                () -> deliveries.deliver(
                        ew.id(),
                        PartnershipDeliveries.NewDelivery.consumption(
                                on, new BigDecimal("99999.00"), "误录", "误录", null)));
        as("x-county", () -> deliveries.deliver(ew.id(), delivery(PartnershipItem.TRAINING, on, "30")));
        as("x-county", () -> deliveries.deliver(designated.id(), delivery(PartnershipItem.TRAINING, on, "15")));

        // a wrong delivery is withdrawn with its reason, never edited
        int v2 = as("x-county", () -> partnerships.find(ew.id(), false)).version();
        invalid(
                () -> as(
                        "x-county",
                        () -> deliveries.withdraw(ew.id(), wrong.id(), v2, new PartnershipDeliveries.Withdrawal(" "))),
                "reason");
        as(
                "x-county",
                () -> deliveries.withdraw(ew.id(), wrong.id(), v2, new PartnershipDeliveries.Withdrawal("重复录入")));

        // the figures: what this test sent, summed here
        Map<PartnershipItem, BigDecimal> delivered = new EnumMap<>(PartnershipItem.class);
        delivered.put(PartnershipItem.FUNDS, eastFunds.amount());
        delivered.put(PartnershipItem.LABOUR, new BigDecimal("12"));
        delivered.put(PartnershipItem.CONSUMPTION, new BigDecimal("250000.25"));
        delivered.put(PartnershipItem.TRAINING, new BigDecimal("30"));
        Partnerships.Year y = as("x-county", () -> deliveries.detail(ew.id())).years().stream()
                .filter(x -> x.year() == year)
                .findFirst()
                .orElseThrow();
        for (Partnerships.ItemYear i : y.items()) {
            assertThat(i.committed())
                    .as(i.item().name())
                    .isEqualByComparingTo(committed.getOrDefault(i.item(), BigDecimal.ZERO));
            assertThat(i.delivered())
                    .as(i.item().name())
                    .isEqualByComparingTo(delivered.getOrDefault(i.item(), BigDecimal.ZERO));
        }
        assertThat(y.items().stream()
                        .filter(i -> i.item() == PartnershipItem.FUNDS)
                        .findFirst()
                        .orElseThrow()
                        .rate())
                .isEqualByComparingTo("40.0");
        // the county's summary adds the designated partnership's training; the other county's sees neither
        Partnerships.Summary s = as("x-county", () -> partnerships.summary(year));
        assertThat(s.partnerships()).isEqualTo(4); // its three and the province's
        assertThat(s.items().stream()
                        .filter(i -> i.item() == PartnershipItem.TRAINING)
                        .findFirst()
                        .orElseThrow()
                        .delivered())
                .isEqualByComparingTo("45");
        assertThat(as("x-other", () -> partnerships.summary(year)).items())
                .allSatisfy(i -> assertThat(i.delivered()).isZero());

        // 协作台账: one row per partnership, year and item, the same figures
        Ledgers.Page page = as(
                "x-county",
                () -> ledgers.page(
                        "partnerships", new Ledgers.Request(null, null, null, Map.of("kind", "EAST_WEST")), 1, 100));
        assertThat(page.total()).isEqualTo(5); // FUNDS, LABOUR, CONSUMPTION, PROJECTS, TRAINING of this year
        for (Ledgers.Row r : page.rows()) {
            PartnershipItem item = java.util.Arrays.stream(PartnershipItem.values())
                    .filter(i -> i.zh().equals(r.values().get(6))
                            || i.en().equals(r.values().get(6)))
                    .findFirst()
                    .orElseThrow();
            assertThat((BigDecimal) r.values().get(8))
                    .isEqualByComparingTo(committed.getOrDefault(item, BigDecimal.ZERO));
            assertThat((BigDecimal) r.values().get(9))
                    .isEqualByComparingTo(delivered.getOrDefault(item, BigDecimal.ZERO));
        }

        // 每年对账: the statement required; then the year is closed
        int v3 = as("x-county", () -> partnerships.find(ew.id(), false)).version();
        invalid(() -> as("x-county", () -> deliveries.reconcile(ew.id(), year, v3, null, null, null)), "statement");
        invalid(
                () -> as(
                        "x-county",
                        () -> deliveries.reconcile(
                                ew.id(), year + 1, v3, null, "s.pdf", new ByteArrayInputStream(PDF))),
                "year");
        Partnerships.Detail closed = as(
                "x-county",
                () -> deliveries.reconcile(ew.id(), year, v3, "双方确认", "确认书.pdf", new ByteArrayInputStream(PDF)));
        Partnerships.Year confirmed = closed.years().stream()
                .filter(x -> x.year() == year)
                .findFirst()
                .orElseThrow();
        assertThat(confirmed.reconciliation()).isNotNull();
        for (int i = 0; i < confirmed.items().size(); i++) {
            assertThat(confirmed.reconciliation().items().get(i).committed())
                    .isEqualByComparingTo(confirmed.items().get(i).committed());
            assertThat(confirmed.reconciliation().items().get(i).delivered())
                    .isEqualByComparingTo(confirmed.items().get(i).delivered());
        }
        int v4 = closed.partnership().version();
        before = state();
        refused(
                HttpStatus.CONFLICT,
                () -> as("x-county", () -> deliveries.deliver(ew.id(), delivery(PartnershipItem.TRAINING, on, "1"))));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "x-county",
                        () -> deliveries.commit(ew.id(), year, v4, new PartnershipDeliveries.Commitments(List.of()))));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "x-county",
                        () -> deliveries.withdraw(
                                ew.id(), placed.id(), v4, new PartnershipDeliveries.Withdrawal("改"))));
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "x-county",
                        () -> deliveries.reconcile(ew.id(), year, v4, null, "s.pdf", new ByteArrayInputStream(PDF))));
        assertThat(state()).isEqualTo(before);
        // next year stays open
        as(
                "x-county",
                () -> deliveries.commit(
                        ew.id(),
                        year + 1,
                        v4,
                        new PartnershipDeliveries.Commitments(List.of(new PartnershipDeliveries.Commitment(
                                PartnershipItem.FUNDS, new BigDecimal("3000000"))))));

        // the township reads the statement it may see; the other county cannot
        PartnershipDeliveries.Statement st = as("x-town", () -> deliveries.statement(ew.id(), year));
        assertThat(java.nio.file.Files.readAllBytes(st.path())).isEqualTo(PDF);
        refused(HttpStatus.NOT_FOUND, () -> as("x-other", () -> deliveries.statement(ew.id(), year)));

        // an ended partnership: not before its last delivery; its year still counted and reconcilable
        int dv = as("x-county", () -> partnerships.find(designated.id(), false)).version();
        if (on.minusDays(1).isAfter(start)) {
            invalid(
                    () -> as(
                            "x-county",
                            () -> partnerships.end(designated.id(), dv, new Partnerships.End(on.minusDays(1), "调整"))),
                    "on");
        }
        Partnerships.Partnership ended =
                as("x-county", () -> partnerships.end(designated.id(), dv, new Partnerships.End(today, "结对调整")));
        assertThat(as("x-county", () -> partnerships.summary(year)).items().stream()
                        .filter(i -> i.item() == PartnershipItem.TRAINING)
                        .findFirst()
                        .orElseThrow()
                        .delivered())
                .isEqualByComparingTo("45");
        refused(
                HttpStatus.CONFLICT,
                () -> as(
                        "x-county",
                        () -> deliveries.commit(
                                designated.id(),
                                year,
                                ended.version(),
                                new PartnershipDeliveries.Commitments(List.of()))));
        assertThat(as(
                                "x-county",
                                () -> deliveries.reconcile(
                                        designated.id(),
                                        year,
                                        ended.version(),
                                        null,
                                        "s.pdf",
                                        new ByteArrayInputStream(PDF)))
                        .years()
                        .stream()
                        .anyMatch(y2 -> y2.year() == year && y2.reconciliation() != null))
                .isTrue();

        // every change is audited
        assertThat(jdbc.sql("select action from audit_log where entity = 'partnership' and entity_id = ?"
                                + " order by seq")
                        .param(Long.toString(ew.id()))
                        .query(String.class)
                        .list())
                .contains(
                        "PARTNERSHIP_ADDED",
                        "PARTNERSHIP_COMMITTED",
                        "PARTNERSHIP_DELIVERED",
                        "PARTNERSHIP_DELIVERY_WITHDRAWN",
                        "PARTNERSHIP_RECONCILED",
                        "PARTNERSHIP_STATEMENT_READ");
    }
}
