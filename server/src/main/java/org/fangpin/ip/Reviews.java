package org.fangpin.ip;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.ip.IpTerms.ResearchType;
import org.fangpin.ip.IpTerms.ReviewConclusion;
import org.fangpin.ip.IpTerms.ReviewSubject;
import org.fangpin.ip.IpTerms.WorkKind;
import org.fangpin.monitoring.PolicyParameters;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 代表作评价 (000:24–48): a person, team or project judged by peers on a few representative works of any kind — each
 * with its 创新点和意义 — by the kind of research (000:32), with every reviewer's declaration of interest and those who
 * declare one recused (000:34). There is deliberately no field for paper counts, citations, impact factors, ESI ranks
 * or filing and grant counts, and no ranking of any kind (000:48, 000:124); a patent or a 科技帮扶 deal of the
 * university may be cited as a work (服务贡献, 000:24).
 */
@Service
public class Reviews {

    @Schema(name = "NewIpReviewWork")
    public record NewWork(WorkKind kind, String title, String innovation, Long patentId, Long transactionId) {}

    @Schema(name = "IpReviewer")
    public record Reviewer(String name, String affiliation, Boolean conflict, String conflictNote) {}

    @Schema(name = "NewIpReview")
    public record NewReview(
            ReviewSubject subjectKind,
            String subject,
            ResearchType researchType,
            String purpose,
            LocalDate reviewedOn,
            List<NewWork> works,
            List<Reviewer> reviewers) {}

    @Schema(name = "IpReviewWork")
    public record Work(int seq, WorkKind kind, String title, String innovation, Long patentId, Long transactionId) {}

    @Schema(name = "IpReviewConclusion")
    public record Conclusion(String opinion, ReviewConclusion conclusion) {}

    @Schema(name = "IpReview")
    public record Review(
            long id,
            ReviewSubject subjectKind,
            String subject,
            ResearchType researchType,
            String purpose,
            LocalDate reviewedOn,
            List<Work> works,
            List<Reviewer> reviewers,
            String opinion,
            ReviewConclusion conclusion,
            int version) {}

    private final JdbcClient jdbc;
    private final Universities universities;
    private final PolicyParameters parameters;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Actor.Current actor;
    private final Clock clock;

    Reviews(
            JdbcClient jdbc,
            Universities universities,
            PolicyParameters parameters,
            ApplicationEventPublisher events,
            Messages messages,
            Actor.Current actor,
            Clock clock) {
        this.jdbc = jdbc;
        this.universities = universities;
        this.parameters = parameters;
        this.events = events;
        this.messages = messages;
        this.actor = actor;
        this.clock = clock;
    }

    /** The university's reviews, newest first — in the order they were held, never by their result. */
    @Transactional(readOnly = true)
    public List<Review> list() {
        return jdbc.sql("select * from ip_review where university_id = ? order by reviewed_on desc, id desc limit 500")
                .param(universities.mine())
                .query(this::review)
                .list();
    }

    @Transactional(readOnly = true)
    public Review get(long id) {
        return find(id, false);
    }

    @Transactional
    public Review create(NewReview n) {
        long mine = universities.mine();
        List<FieldProblem> problems = new ArrayList<>();
        IpFields.required(messages, problems, "subjectKind", n.subjectKind());
        IpFields.text(messages, problems, "subject", n.subject(), 200, true);
        IpFields.required(messages, problems, "researchType", n.researchType());
        IpFields.text(messages, problems, "purpose", n.purpose(), 200, true);
        if (n.reviewedOn() == null || n.reviewedOn().isAfter(LocalDate.now(clock))) {
            problems.add(FieldProblem.of("reviewedOn", messages.get("ip.not-future")));
        }
        int max = maxWorks(mine);
        List<NewWork> works = n.works() == null ? List.of() : n.works();
        if (works.isEmpty() || works.size() > max) {
            problems.add(FieldProblem.of("works", messages.get("ip.review-works", Integer.toString(max))));
        }
        for (int i = 0; i < works.size(); i++) {
            NewWork w = works.get(i);
            String at = "works[" + i + "]";
            if (w == null) {
                problems.add(FieldProblem.of(at, messages.get("import.error.required")));
                continue;
            }
            IpFields.required(messages, problems, at + ".kind", w.kind());
            IpFields.text(messages, problems, at + ".title", w.title(), 300, true);
            // the work is judged on its innovation and significance (000:40)
            IpFields.text(messages, problems, at + ".innovation", w.innovation(), 2000, true);
            if (w.patentId() != null
                    && jdbc.sql("select count(*) from ip_patent where id = ? and university_id = ?")
                                    .params(w.patentId(), mine)
                                    .query(Long.class)
                                    .single()
                            == 0) {
                problems.add(FieldProblem.of(at + ".patentId", messages.get("ip.patent-not-found", w.patentId())));
            }
            if (w.transactionId() != null
                    && jdbc.sql("select count(*) from ip_transaction t join ip_patent p on p.id = t.patent_id"
                                            + " where t.id = ? and p.university_id = ?")
                                    .params(w.transactionId(), mine)
                                    .query(Long.class)
                                    .single()
                            == 0) {
                problems.add(FieldProblem.of(
                        at + ".transactionId", messages.get("ip.transaction-not-found", w.transactionId())));
            }
        }
        List<Reviewer> reviewers = n.reviewers() == null ? List.of() : n.reviewers();
        if (reviewers.isEmpty()) {
            problems.add(FieldProblem.of("reviewers", messages.get("ip.reviewers")));
        }
        for (int i = 0; i < reviewers.size(); i++) {
            Reviewer r = reviewers.get(i);
            String at = "reviewers[" + i + "]";
            if (r == null) {
                problems.add(FieldProblem.of(at, messages.get("import.error.required")));
                continue;
            }
            IpFields.text(messages, problems, at + ".name", r.name(), 50, true);
            IpFields.text(messages, problems, at + ".affiliation", r.affiliation(), 100, false);
            // every reviewer declares whether they have an interest (000:34)
            IpFields.required(messages, problems, at + ".conflict", r.conflict());
            IpFields.text(
                    messages, problems, at + ".conflictNote", r.conflictNote(), 500, Boolean.TRUE.equals(r.conflict()));
        }
        IpFields.raise(problems);
        long id = jdbc.sql("""
                        insert into ip_review (university_id, subject_kind, subject, research_type, purpose, reviewed_on,
                            created_by) values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        mine,
                        n.subjectKind().name(),
                        n.subject().strip(),
                        n.researchType().name(),
                        n.purpose().strip(),
                        n.reviewedOn(),
                        actor.username())
                .query(Long.class)
                .single();
        for (int i = 0; i < works.size(); i++) {
            NewWork w = works.get(i);
            jdbc.sql("insert into ip_review_work (review_id, seq, kind, title, innovation, patent_id, transaction_id)"
                            + " values (?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            id,
                            i + 1,
                            w.kind().name(),
                            w.title().strip(),
                            w.innovation().strip(),
                            w.patentId(),
                            w.transactionId())
                    .update();
        }
        for (int i = 0; i < reviewers.size(); i++) {
            Reviewer r = reviewers.get(i);
            jdbc.sql("insert into ip_review_reviewer (review_id, seq, name, affiliation, conflict, conflict_note)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(
                            id,
                            i + 1,
                            r.name().strip(),
                            IpFields.strip(r.affiliation()),
                            r.conflict(),
                            IpFields.strip(r.conflictNote()))
                    .update();
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("subject", n.subject().strip());
        after.put("works", works.size());
        after.put("reviewers", reviewers.size());
        audit(id, "IP_REVIEW_ADDED", after);
        return find(id, false);
    }

    /**
     * The peers' opinion and conclusion, once (409 after); only with a reviewer who declared no interest (If-Match:
     * the review's version).
     */
    @Transactional
    public Review conclude(long id, int version, Conclusion c) {
        Review r = find(id, true);
        if (r.version() != version) {
            throw ApiException.preconditionFailed("ip.stale", id);
        }
        if (r.conclusion() != null) {
            throw ApiException.conflict("ip.review-concluded", r.subject());
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (r.reviewers().stream().allMatch(v -> Boolean.TRUE.equals(v.conflict()))) {
            problems.add(FieldProblem.of("reviewers", messages.get("ip.reviewers-recused")));
        }
        IpFields.text(messages, problems, "opinion", c.opinion(), 4000, true);
        IpFields.required(messages, problems, "conclusion", c.conclusion());
        IpFields.raise(problems);
        jdbc.sql("update ip_review set opinion = ?, conclusion = ?, version = version + 1 where id = ?")
                .params(c.opinion().strip(), c.conclusion().name(), id)
                .update();
        audit(id, "IP_REVIEW_CONCLUDED", Map.of("conclusion", c.conclusion().name()));
        return find(id, false);
    }

    private Review find(long id, boolean lock) {
        return jdbc.sql("select * from ip_review where id = ? and university_id = ?" + (lock ? " for update" : ""))
                .params(id, universities.mine())
                .query(this::review)
                .optional()
                .orElseThrow(() -> ApiException.notFound("ip.review-not-found", id));
    }

    private int maxWorks(long university) {
        PolicyParameters.Value v = parameters
                .resolve(universities.province(university), LocalDate.now(clock))
                .get("ip_review_works_max");
        return v == null ? 5 : v.value().intValue();
    }

    private void audit(long id, String action, Map<String, ?> after) {
        events.publishEvent(new AuditableChange("ip_review", Long.toString(id), action, null, after));
    }

    private Review review(ResultSet rs, int i) throws SQLException {
        long id = rs.getLong("id");
        List<Work> works = jdbc.sql("select * from ip_review_work where review_id = ? order by seq")
                .param(id)
                .query((r, j) -> new Work(
                        r.getInt("seq"),
                        WorkKind.valueOf(r.getString("kind")),
                        r.getString("title"),
                        r.getString("innovation"),
                        (Long) r.getObject("patent_id"),
                        (Long) r.getObject("transaction_id")))
                .list();
        List<Reviewer> reviewers = jdbc.sql("select * from ip_review_reviewer where review_id = ? order by seq")
                .param(id)
                .query((r, j) -> new Reviewer(
                        r.getString("name"),
                        r.getString("affiliation"),
                        r.getBoolean("conflict"),
                        r.getString("conflict_note")))
                .list();
        String conclusion = rs.getString("conclusion");
        return new Review(
                id,
                ReviewSubject.valueOf(rs.getString("subject_kind")),
                rs.getString("subject"),
                ResearchType.valueOf(rs.getString("research_type")),
                rs.getString("purpose"),
                rs.getObject("reviewed_on", LocalDate.class),
                works,
                reviewers,
                rs.getString("opinion"),
                conclusion == null ? null : ReviewConclusion.valueOf(conclusion),
                rs.getInt("version"));
    }
}
