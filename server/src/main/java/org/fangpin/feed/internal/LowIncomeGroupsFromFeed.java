package org.fangpin.feed.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.lake.Lake;
import org.fangpin.common.problem.ApiException;
import org.fangpin.feed.FeedIntake;
import org.fangpin.feed.FeedType;
import org.fangpin.region.Region;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.LowIncomeGroup;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RegistrySnapshot;
import org.fangpin.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * 农村低收入人口 from the 民政 feed (003:51): an accepted 社会救助 batch says, per registered person, whether they
 * receive 低保 or 特困 support and since or until when; the registry records it as the person's flags, in a new version
 * from that date, so lists, rules and statistics read it as of any date. The latest row per person and benefit
 * decides; a benefit that already matches changes nothing, so a batch applied twice changes nothing the second time.
 */
@Component
class LowIncomeGroupsFromFeed {

    private static final Logger log = LoggerFactory.getLogger(LowIncomeGroupsFromFeed.class);

    private final Registry registry;
    private final RegionDirectory regions;
    private final RegistrySnapshot snapshot;
    private final Lake lake;
    private final Messages messages;
    private final Clock clock;

    LowIncomeGroupsFromFeed(
            Registry registry,
            RegionDirectory regions,
            RegistrySnapshot snapshot,
            Lake lake,
            Messages messages,
            Clock clock) {
        this.registry = registry;
        this.regions = regions;
        this.snapshot = snapshot;
        this.lake = lake;
        this.messages = messages;
        this.clock = clock;
    }

    /** One person's benefit as the batch's latest row about it says. */
    record Benefit(long personId, LowIncomeGroup group, boolean receiving, LocalDate from) {}

    @EventListener
    void onAccepted(FeedIntake.BatchAccepted accepted) {
        if (accepted.batch().type() != FeedType.SOCIAL_ASSISTANCE) {
            return;
        }
        try {
            // the department holds no household data: the registry records what it sent as the system
            int changed = SystemActor.call("feed-groups", () -> apply(accepted));
            log.info(
                    "民政 batch {} ({}): 低保/特困 of {} persons recorded",
                    accepted.batch().batchKey(),
                    accepted.batch().id(),
                    changed);
        } catch (RuntimeException e) {
            // the batch is stored and its sender answered; what it says about persons waits for the next batch
            log.error(
                    "民政 batch {} ({}): 低保/特困 not recorded",
                    accepted.batch().batchKey(),
                    accepted.batch().id(),
                    e);
        }
    }

    private int apply(FeedIntake.BatchAccepted accepted) {
        LocalDate today = LocalDate.now(clock);
        String reason = messages.get("feed.groups.reason", accepted.batch().batchKey());
        int changed = 0;
        RegionCode.CodeRange within = accepted.senderRegion() == null
                ? null
                : regions.find(accepted.senderRegion()).map(Region::subtree).orElse(RegionCode.CodeRange.NOTHING);
        for (Benefit b : benefits(accepted.file(), within, today)) {
            try {
                if (registry.recordAssistance(
                        b.personId(),
                        b.group(),
                        b.receiving(),
                        b.from(),
                        new Registry.Change(SystemActor.PREFIX + "feed-groups", b.from(), reason))) {
                    changed++;
                }
            } catch (ApiException e) {
                // a person changed or removed meanwhile: the next batch says it again
                log.warn(
                        "民政 batch {}: person {} not updated: {}",
                        accepted.batch().batchKey(),
                        b.personId(),
                        e);
            }
        }
        return changed;
    }

    /**
     * Per matched person of the sender's region and benefit (低保, 特困), the latest row that has started (a row
     * starting later is said again when its day comes); per person oldest first, so that each version keeps its date.
     * {@code within}: the sender's region (null for a sender over the whole installation).
     */
    List<Benefit> benefits(Path file, RegionCode.CodeRange within, LocalDate today) {
        List<Benefit> out = new ArrayList<>();
        snapshot.read().lock();
        try (Connection c = lake.duckdb();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        select person_id, assistance_type, status, start_date, end_date from (
                          select p.person_id, f.assistance_type, coalesce(f.benefit_status, 'ACTIVE') as status,
                                 f.start_date, f.end_date,
                                 row_number() over (partition by p.person_id, f.assistance_type
                                                    order by f.start_date > %s, f.start_date desc, f.line desc) as rn
                          from read_parquet(%s) f join %s p on p.id_hash = f.id_hash
                          where f.assistance_type in ('DIBAO', 'TEKUN') and %s) x
                        where rn = 1 order by person_id, assistance_type""".formatted(
                        "DATE '" + today + "'",
                        Lake.literal(file),
                        snapshot.persons(),
                        within == null
                                ? "true"
                                : "p.village_code between '" + within.low() + "' and '" + within.high() + "'"))) {
            while (rs.next()) {
                LocalDate start = rs.getObject(4, LocalDate.class);
                LocalDate end = rs.getObject(5, LocalDate.class);
                boolean stopped = "STOPPED".equals(rs.getString(3)) || (end != null && !end.isAfter(today));
                LocalDate from = !stopped ? start : end != null && !end.isAfter(today) ? end : today;
                out.add(new Benefit(rs.getLong(1), LowIncomeGroup.valueOf(rs.getString(2)), !stopped, from));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read 民政 batch " + file + ": " + e.getMessage(), e);
        } finally {
            snapshot.read().unlock();
        }
        out.sort(Comparator.comparingLong(Benefit::personId).thenComparing(Benefit::from));
        return out;
    }
}
