package org.fangpin.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.casework.Cases;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.feed.FeedIntake;
import org.fangpin.ip.Inventions;
import org.fangpin.ip.IpMonitoring;
import org.fangpin.ip.Patents;
import org.fangpin.ip.Universities;
import org.fangpin.monitoring.MonitoringRuns;
import org.fangpin.pairing.Helpers;
import org.fangpin.pairing.LeaderVisits;
import org.fangpin.pairing.PartnershipDeliveries;
import org.fangpin.pairing.Partnerships;
import org.fangpin.pairing.WorkTeams;
import org.fangpin.project.AssetCare;
import org.fangpin.project.AssetDisposals;
import org.fangpin.project.AssetIncomes;
import org.fangpin.project.Assets;
import org.fangpin.project.Funds;
import org.fangpin.project.ProjectBeneficiaries;
import org.fangpin.project.Projects;
import org.fangpin.region.RegionDesignations;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.fangpin.registry.Registry;
import org.fangpin.security.Role;
import org.fangpin.security.SystemActor;
import org.fangpin.security.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Loads a generated demo county through the real importers; on first start when the database is empty. */
@Component
public class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    private final RegionImporter regions;
    private final UserAccounts accounts;
    private final HouseholdImporter households;
    private final Registry registry;
    private final MonitoringRuns monitoring;
    private final FeedIntake feeds;
    private final AssistancePlans plans;
    private final Projects projects;
    private final Funds funds;
    private final Assets assets;
    private final WorkTeams teams;
    private final Partnerships partnerships;
    private final LeaderVisits leaderVisits;
    private final PartnershipDeliveries partnershipDeliveries;
    private final Helpers helpers;
    private final ProjectBeneficiaries beneficiaries;
    private final RegionDesignations designations;
    private final AssetCare care;
    private final AssetIncomes incomes;
    private final AssetDisposals disposals;
    private final Cases cases;
    private final Universities universities;
    private final Inventions inventions;
    private final Patents patents;
    private final IpMonitoring ipMonitoring;
    private final Clock clock;
    private final boolean onEmptyStart;
    private final long persons;
    private final long seed;

    DemoLoader(
            RegionImporter regions,
            UserAccounts accounts,
            HouseholdImporter households,
            Registry registry,
            MonitoringRuns monitoring,
            FeedIntake feeds,
            AssistancePlans plans,
            Projects projects,
            Funds funds,
            Assets assets,
            WorkTeams teams,
            Partnerships partnerships,
            LeaderVisits leaderVisits,
            PartnershipDeliveries partnershipDeliveries,
            Helpers helpers,
            ProjectBeneficiaries beneficiaries,
            RegionDesignations designations,
            AssetCare care,
            AssetIncomes incomes,
            AssetDisposals disposals,
            Cases cases,
            Universities universities,
            Inventions inventions,
            Patents patents,
            IpMonitoring ipMonitoring,
            Clock clock,
            @Value("${fangpin.demo.on-empty-start:false}") boolean onEmptyStart,
            @Value("${fangpin.demo.persons:100000}") long persons,
            @Value("${fangpin.demo.seed:20210101}") long seed) {
        this.regions = regions;
        this.accounts = accounts;
        this.households = households;
        this.registry = registry;
        this.monitoring = monitoring;
        this.feeds = feeds;
        this.plans = plans;
        this.projects = projects;
        this.funds = funds;
        this.assets = assets;
        this.teams = teams;
        this.partnerships = partnerships;
        this.leaderVisits = leaderVisits;
        this.partnershipDeliveries = partnershipDeliveries;
        this.helpers = helpers;
        this.beneficiaries = beneficiaries;
        this.designations = designations;
        this.care = care;
        this.incomes = incomes;
        this.disposals = disposals;
        this.cases = cases;
        this.universities = universities;
        this.inventions = inventions;
        this.patents = patents;
        this.ipMonitoring = ipMonitoring;
        this.clock = clock;
        this.onEmptyStart = onEmptyStart;
        this.persons = persons;
        this.seed = seed;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (onEmptyStart && registry.householdCount() == 0) {
            log.info("Empty database: generating a demo county of {} persons (seed {})", persons, seed);
            load(persons, seed);
        }
    }

    /**
     * One user per level of the demo tree (the administrator sees no household data) and the demo university's IP
     * office; passwords shown once.
     */
    private void createDemoUsers() {
        String[][] users = {
            {"province", "湖北省（演示）", "PROVINCE", "420000000000"},
            {"county", "红安县乡村振兴局（演示）", "COUNTY", "421122000000"},
            {"township", "城关镇（演示）", "TOWNSHIP", "421122100000"},
            {"village", "桃园村信息员（演示）", "VILLAGE", "421122100201"},
            {"inspector", "督查组（演示）", "INSPECTOR", "420000000000"},
            {"yibao", "红安县医疗保障局（演示）", "DEPARTMENT", "421122000000", "MEDICAL_SECURITY"}
        };
        StringBuilder out = new StringBuilder();
        for (String[] u : users) {
            accounts.createWithGeneratedPassword(u[0], u[1], Role.valueOf(u[2]), u[3], u.length > 4 ? u[4] : null)
                    .ifPresent(pw -> out.append(String.format(" %-10s %-13s %s / %s%n", u[2], u[3], u[0], pw)));
        }
        if (universities.list().isEmpty()) {
            DemoUniversity.seed(universities, accounts, inventions, patents, ipMonitoring, LocalDate.now(clock))
                    .ifPresent(office -> out.append(String.format(
                            " %-10s %-13s %s / %s%n", "UNIVERSITY", "-", office.username(), office.password())));
        }
        if (!out.isEmpty()) {
            // printed once, to the console only; each must be changed at first login
            System.out.println();
            System.out.println("======== demo users (role, region, user / one-time password) ========");
            System.out.print(out);
            System.out.println("=====================================================================");
            System.out.println();
        }
    }

    /** Generates and loads a demo county, as the system actor {@code system:demo}. */
    public void load(long persons, long seed) {
        SystemActor.run("demo", () -> loadAsSystem(persons, seed));
    }

    private void loadAsSystem(long persons, long seed) {
        Path dir;
        try {
            dir = Files.createTempDirectory("fangpin-demo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // registered a little over a year ago, so that the statistics have a year of history to show: the
            // population as it stood then (its inclusions and eliminations before that day), the year's changes after
            LocalDate today = LocalDate.now(clock);
            LocalDate registered = today.minusMonths(13).withDayOfMonth(1);
            DemoPopulation.Result files = DemoPopulation.write(new DemoPopulation.Spec(persons, seed, registered), dir);
            ImportReport r = regions.importFile(files.regionsCsv(), "demo-regions.csv", "demo", Locale.CHINA);
            if (!r.applied()) {
                throw new IllegalStateException("demo regions rejected: " + r.errors());
            }
            ImportReport h = households.importFile(
                    files.householdsCsv(),
                    "demo-households.csv",
                    "demo",
                    Locale.CHINA,
                    new HouseholdImporter.Options(registered, "演示数据 demo data"));
            if (!h.applied()) {
                throw new IllegalStateException("demo households rejected: " + h.errors());
            }
            log.info(
                    "Demo data loaded: {} regions, {} households, {} persons",
                    files.regions(),
                    files.households(),
                    files.persons());
            DemoHistory.Written history = DemoHistory.write(registry, seed, registered, today);
            log.info(
                    "Demo history: {} included, {} eliminated, {} included again, {} withdrawn over the year",
                    history.included(),
                    history.eliminated(),
                    history.reincluded(),
                    history.withdrawn());
            createDemoUsers();
            // what the departments would have sent: claims, wages, housing assessments, a flood
            for (DemoFeeds.Sent s : DemoFeeds.send(feeds, files.householdsCsv(), seed, LocalDate.now(clock))) {
                log.info("Demo feed {}: {} rows", s.type(), s.rows());
            }
            // a first monitoring run, so the demo users find alerts waiting for them
            MonitoringRuns.Run run = monitoring.run(null);
            log.info("Demo monitoring run: {} households flagged, {} alerts", run.flagged(), run.alerts());
            // and what the offices have done with it so far
            DemoCaseWork.Seeded work =
                    DemoCaseWork.seed(accounts, registry, plans, helpers, cases, seed, LocalDate.now(clock));
            log.info(
                    "Demo case work: {} plans with {} measures and {} visits, {} open cases",
                    work.plans(),
                    work.measures(),
                    work.visits(),
                    work.cases());
            DemoProjects.Seeded projected = DemoProjects.seed(
                    accounts,
                    projects,
                    funds,
                    designations,
                    registry,
                    beneficiaries,
                    plans,
                    feeds,
                    LocalDate.now(clock));
            log.info("Demo projects: {} projects, {} payments", projected.projects(), projected.payments());
            DemoAssets.Seeded kept =
                    DemoAssets.seed(accounts, registry, assets, care, incomes, disposals, LocalDate.now(clock));
            log.info("Demo assets: {} assets, {} distribution rows", kept.assets(), kept.rows());
            log.info("Demo work team: {} members", DemoTeams.seed(accounts, teams, LocalDate.now(clock)));
            log.info(
                    "Demo partnerships: {}",
                    DemoPartnerships.seed(
                            accounts,
                            teams,
                            partnerships,
                            partnershipDeliveries,
                            funds,
                            universities,
                            projected.teaFactory(),
                            LocalDate.now(clock)));
            log.info(
                    "Demo secretaries' visits: {}",
                    DemoLeaders.seed(accounts, leaderVisits, registry, LocalDate.now(clock)));
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                log.warn("could not remove {}", dir);
            }
        }
    }
}
