package org.fangpin.demo;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.fangpin.ip.Universities;
import org.fangpin.pairing.PartnershipDeliveries;
import org.fangpin.pairing.PartnershipDeliveries.Commitment;
import org.fangpin.pairing.PartnershipDeliveries.NewDelivery;
import org.fangpin.pairing.PartnershipItem;
import org.fangpin.pairing.PartnershipKind;
import org.fangpin.pairing.Partnerships;
import org.fangpin.pairing.UnitKind;
import org.fangpin.pairing.WorkTeams;
import org.fangpin.project.FundSource;
import org.fangpin.project.Funds;
import org.fangpin.security.UserAccounts;

/**
 * The demo county's 东西部协作 with an eastern city since three years: last year committed, delivered and reconciled
 * with a signed statement; this year committed and partly delivered — the east–west funds as the county received them,
 * workers placed, purchases, training, and the village's tea factory as a project it helped build (援建项目).
 */
final class DemoPartnerships {

    private DemoPartnerships() {}

    /** A one-page PDF standing for the partner's signed statement. */
    private static final byte[] STATEMENT = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    static int seed(
            UserAccounts accounts,
            WorkTeams teams,
            Partnerships partnerships,
            PartnershipDeliveries deliveries,
            Funds funds,
            Universities universities,
            long teaFactory,
            LocalDate today) {
        WorkTeams.Unit east = accounts.runAs(
                "county",
                () -> teams.addUnit(new WorkTeams.NewUnit("浙江省湖州市（演示）", UnitKind.EASTERN_GOVERNMENT, "湖州市", null)));
        Partnerships.Partnership p = accounts.runAs(
                "county",
                () -> partnerships.create(new Partnerships.NewPartnership(
                        PartnershipKind.EAST_WEST,
                        east.id(),
                        DemoProjects.COUNTY,
                        LocalDate.of(today.getYear() - 3, 4, 1),
                        "县际结对（演示）")));
        int last = today.getYear() - 1;
        int year = today.getYear();
        commit(accounts, deliveries, p.id(), last, "2800000", "40", "600000", "30");
        commit(accounts, deliveries, p.id(), year, "3000000", "50", "800000", "60");
        Funds.Allocation before = allocation(accounts, funds, last, "2800000.00", LocalDate.of(last, 5, 20));
        deliver(accounts, deliveries, p.id(), PartnershipItem.FUNDS, LocalDate.of(last, 6, 1), null, before.id());
        deliver(accounts, deliveries, p.id(), PartnershipItem.LABOUR, LocalDate.of(last, 3, 15), "43", null);
        deliver(
                accounts,
                deliveries,
                p.id(),
                PartnershipItem.CONSUMPTION,
                LocalDate.of(last, 10, 8),
                "612500.00",
                null);
        deliver(accounts, deliveries, p.id(), PartnershipItem.TRAINING, LocalDate.of(last, 9, 2), "30", null);
        int v = accounts.runAs("county", () -> deliveries.detail(p.id()))
                .partnership()
                .version();
        accounts.runAs(
                "county",
                () -> deliveries.reconcile(
                        p.id(), last, v, "双方确认（演示）", "对账确认书.pdf", new ByteArrayInputStream(STATEMENT)));
        // this year: the days spread over the months gone, none after today
        LocalDate jan = LocalDate.of(year, 1, 1);
        LocalDate early = min(jan.plusDays(40), today);
        LocalDate later = min(jan.plusDays(200), today);
        Funds.Allocation now = allocation(accounts, funds, year, "1500000.00", early);
        deliver(accounts, deliveries, p.id(), PartnershipItem.FUNDS, later, null, now.id());
        deliver(accounts, deliveries, p.id(), PartnershipItem.LABOUR, early, "18", null);
        deliver(accounts, deliveries, p.id(), PartnershipItem.CONSUMPTION, later, "320000.00", null);
        deliver(accounts, deliveries, p.id(), PartnershipItem.TRAINING, later, "45", null);
        accounts.runAs("county", () -> deliveries.deliver(p.id(), NewDelivery.project(later, teaFactory)));
        return 1 + technology(accounts, teams, partnerships, deliveries, universities, today);
    }

    /**
     * 科技对口支援 by the demo university, its licence to the village's cooperative (recorded before the partnership)
     * booked by the county as a 科技成果转化 delivery.
     */
    private static int technology(
            UserAccounts accounts,
            WorkTeams teams,
            Partnerships partnerships,
            PartnershipDeliveries deliveries,
            Universities universities,
            LocalDate today) {
        Universities.Named hz = universities.directory().stream()
                .filter(n -> n.name().equals(DemoUniversity.NAME))
                .findFirst()
                .orElse(null);
        if (hz == null) {
            return 0;
        }
        WorkTeams.Unit unit = accounts.runAs(
                "county",
                () -> teams.addUnit(new WorkTeams.NewUnit(DemoUniversity.NAME, UnitKind.UNIVERSITY, "武汉市", hz.id())));
        Partnerships.Partnership p = accounts.runAs(
                "county",
                () -> partnerships.create(new Partnerships.NewPartnership(
                        PartnershipKind.COUNTERPART_SCIENCE,
                        unit.id(),
                        DemoProjects.COUNTY,
                        LocalDate.of(today.getYear() - 3, 9, 1),
                        "科技特派员和茶叶技术支援（演示）")));
        accounts.runAs("county", () -> deliveries.technologyOpen(p.id()))
                .forEach(deal -> accounts.runAs(
                        "county",
                        () -> deliveries.deliver(p.id(), NewDelivery.technology(deal.id(), deal.signedOn()))));
        return 1;
    }

    private static void commit(
            UserAccounts accounts,
            PartnershipDeliveries deliveries,
            long id,
            int year,
            String funds,
            String labour,
            String consumption,
            String training) {
        int v = accounts.runAs("county", () -> deliveries.detail(id))
                .partnership()
                .version();
        accounts.runAs(
                "county",
                () -> deliveries.commit(
                        id,
                        year,
                        v,
                        new PartnershipDeliveries.Commitments(List.of(
                                new Commitment(PartnershipItem.FUNDS, new BigDecimal(funds)),
                                new Commitment(PartnershipItem.LABOUR, new BigDecimal(labour)),
                                new Commitment(PartnershipItem.CONSUMPTION, new BigDecimal(consumption)),
                                new Commitment(PartnershipItem.TRAINING, new BigDecimal(training))))));
    }

    private static Funds.Allocation allocation(
            UserAccounts accounts, Funds funds, int year, String amount, LocalDate issued) {
        return accounts.runAs(
                "county",
                () -> funds.allocate(new Funds.NewAllocation(
                        DemoProjects.COUNTY,
                        year,
                        FundSource.EAST_WEST,
                        "湖财协〔" + year + "〕12号（演示）",
                        new BigDecimal(amount),
                        issued,
                        null)));
    }

    private static void deliver(
            UserAccounts accounts,
            PartnershipDeliveries deliveries,
            long id,
            PartnershipItem item,
            LocalDate on,
            String quantity,
            Long allocation) {
        BigDecimal n = quantity == null ? null : new BigDecimal(quantity);
        NewDelivery delivery = switch (item) {
            case FUNDS -> NewDelivery.funds(on, allocation);
            case LABOUR -> NewDelivery.labour(on, n, null, "组织赴浙江务工");
            case CONSUMPTION -> NewDelivery.consumption(on, n, "湖州市机关事务管理局食堂", "高山茶叶、板栗", "桃园村股份经济合作社");
            default -> NewDelivery.of(item, on, n);
        };
        accounts.runAs("county", () -> deliveries.deliver(id, delivery));
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
