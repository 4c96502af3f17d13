package org.fangpin.project;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fangpin.common.lake.Lake;
import org.fangpin.feed.FeedBatches;
import org.fangpin.feed.FeedColumn;
import org.fangpin.feed.FeedType;
import org.springframework.stereotype.Service;

/**
 * What the agriculture department's 产业帮扶资金 feed (INDUSTRY_SUPPORT) paid under a project: the rows whose 项目 column
 * holds the project's number (alone, or followed by its name), over every batch received, read from the lake with
 * DuckDB — the department's own account of the project beside the county's payments. By number only: names repeat
 * across counties, the number does not. Totals only (rows, households or persons named, amount, the last payment day):
 * a project page shows them to whoever reaches the project; a lake that cannot be read leaves them out, logged.
 */
@Service
public class ProjectFeedFacts {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProjectFeedFacts.class);

    /** The feed's rows naming a project, summed. */
    @Schema(name = "ProjectFeedTotals")
    public record Totals(long rows, long payees, BigDecimal amount, LocalDate lastPaidOn) {}

    private final FeedBatches batches;
    private final Lake lake;
    private final Projects projects;
    private final Clock clock;

    ProjectFeedFacts(FeedBatches batches, Lake lake, Projects projects, Clock clock) {
        this.batches = batches;
        this.lake = lake;
        this.projects = projects;
        this.clock = clock;
    }

    /** The industry-support rows naming a project of the caller's reach (404 outside it); empty when none do. */
    public Optional<Totals> industrySupport(long projectId) {
        Projects.Project p = projects.get(projectId);
        List<FeedBatches.BatchFile> files = batches.receivedBy(FeedType.INDUSTRY_SUPPORT, Instant.now(clock));
        if (files.isEmpty()) {
            return Optional.empty();
        }
        String list = files.stream().map(f -> Lake.literal(f.file())).collect(Collectors.joining(", ", "[", "]"));
        String subject = "coalesce(cast(" + FeedColumn.HOUSEHOLD_NO.column() + " as varchar), cast("
                + FeedColumn.ID_NUMBER.column() + " as varchar))";
        String sql = "select count(*), count(distinct " + subject + "), coalesce(sum(" + FeedColumn.AMOUNT.column()
                + "), 0), max(" + FeedColumn.PAID_ON.column() + ") from read_parquet(" + list
                + ", union_by_name = true) where trim(" + FeedColumn.PROJECT.column() + ") = ? or "
                + FeedColumn.PROJECT.column() + " like ?";
        try (Connection c = lake.duckdb();
                PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, p.projectNo());
            st.setString(2, p.projectNo() + " %");
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                return rows == 0
                        ? Optional.empty()
                        : Optional.of(new Totals(
                                rows,
                                rs.getLong(2),
                                rs.getBigDecimal(3).setScale(2, java.math.RoundingMode.HALF_UP),
                                rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate()));
            }
        } catch (SQLException e) {
            log.warn("cannot read the industry-support feed for project {}: {}", projectId, e.getMessage());
            return Optional.empty();
        }
    }
}
