package org.fangpin.ip;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.ip.IpTerms.EvaluatorKind;
import org.fangpin.ip.IpTerms.FilingDecision;
import org.fangpin.ip.IpTerms.Funding;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 职务科技成果披露 (000:88) and 申请前评估 (000:92): what the inventors disclosed, who they are and their shares, how the
 * work was funded; the evaluations and the decision the latest one ends in — file, not file (with the 勤勉尽责 note
 * that exempts the decision), give the right to file to the inventors (000:96), or keep as a trade secret. Only the
 * caller's own university's disclosures exist for them (404 otherwise).
 */
@Service
public class Inventions {

    @Schema(name = "IpInventor")
    public record Inventor(String name, String staffNo, String college, BigDecimal share) {}

    @Schema(name = "NewIpDisclosure")
    public record NewDisclosure(
            String title,
            String college,
            Funding funding,
            Boolean contractFiles,
            LocalDate disclosedOn,
            Boolean classified,
            String researchProject,
            String note,
            List<Inventor> inventors) {}

    @Schema(name = "NewIpEvaluation")
    public record NewEvaluation(
            EvaluatorKind evaluatorKind,
            String evaluator,
            LocalDate evaluatedOn,
            BigDecimal cost,
            String novelty,
            String market,
            String prospect,
            FilingDecision decision,
            String decidedBy,
            String reason,
            String diligenceNote) {}

    @Schema(name = "IpEvaluation")
    public record Evaluation(
            long id,
            EvaluatorKind evaluatorKind,
            String evaluator,
            LocalDate evaluatedOn,
            BigDecimal cost,
            String novelty,
            String market,
            String prospect,
            FilingDecision decision,
            String decidedBy,
            String reason,
            String diligenceNote) {}

    @Schema(name = "IpDisclosure")
    public record Disclosure(
            long id,
            String title,
            String college,
            Funding funding,
            boolean contractFiles,
            LocalDate disclosedOn,
            boolean classified,
            String researchProject,
            String note,
            List<Inventor> inventors,
            List<Evaluation> evaluations,
            boolean imported,
            int version) {

        /** The decision of the latest evaluation, or null before any. */
        public FilingDecision decision() {
            return evaluations.isEmpty() ? null : evaluations.get(0).decision();
        }
    }

    private final JdbcClient jdbc;
    private final Universities universities;
    private final ApplicationEventPublisher events;
    private final Messages messages;
    private final Actor.Current actor;
    private final Clock clock;

    Inventions(
            JdbcClient jdbc,
            Universities universities,
            ApplicationEventPublisher events,
            Messages messages,
            Actor.Current actor,
            Clock clock) {
        this.jdbc = jdbc;
        this.universities = universities;
        this.events = events;
        this.messages = messages;
        this.actor = actor;
        this.clock = clock;
    }

    /** A disclosure as a list shows it: the latest decision, the inventors' names, the patents filed from it. */
    @Schema(name = "IpDisclosureSummary")
    public record Summary(
            long id,
            String title,
            String college,
            Funding funding,
            LocalDate disclosedOn,
            boolean classified,
            FilingDecision decision,
            boolean imported,
            String inventors,
            long patents) {}

    /** The caller's university's disclosures, newest first (at most 2,000). */
    @Transactional(readOnly = true)
    public List<Summary> list() {
        long mine = universities.mine();
        Universities.Titles titles = universities.titles();
        return jdbc.sql("""
                        select d.id, d.title, d.college, d.funding, d.disclosed_on, d.classified, d.imported,
                            (select e.decision from ip_evaluation e where e.disclosure_id = d.id
                             order by e.id desc limit 1) decision,
                            (select string_agg(i.name, '、' order by i.seq) from ip_inventor i
                             where i.disclosure_id = d.id) inventors,
                            (select count(*) from ip_patent p where p.disclosure_id = d.id) patents
                        from ip_disclosure d where d.university_id = ?
                        order by d.disclosed_on desc, d.id desc limit 2000""")
                .param(mine)
                .query((rs, i) -> new Summary(
                        rs.getLong("id"),
                        titles.of(rs.getBoolean("classified"), rs.getString("title")),
                        rs.getString("college"),
                        Funding.valueOf(rs.getString("funding")),
                        rs.getObject("disclosed_on", LocalDate.class),
                        rs.getBoolean("classified"),
                        rs.getString("decision") == null ? null : FilingDecision.valueOf(rs.getString("decision")),
                        rs.getBoolean("imported"),
                        rs.getString("inventors"),
                        rs.getLong("patents")))
                .list();
    }

    @Transactional(readOnly = true)
    public Disclosure get(long id) {
        return readable(find(id, false));
    }

    @Transactional
    public Disclosure disclose(NewDisclosure n) {
        return disclose(n, false);
    }

    /** A disclosure; {@code imported} for one made from an existing patent list (filed before the platform). */
    Disclosure disclose(NewDisclosure n, boolean imported) {
        long mine = universities.mine();
        List<FieldProblem> problems = new ArrayList<>();
        IpFields.text(messages, problems, "title", n.title(), 300, true);
        IpFields.text(messages, problems, "college", n.college(), 100, false);
        IpFields.text(messages, problems, "note", n.note(), 1000, false);
        IpFields.text(messages, problems, "researchProject", n.researchProject(), 200, false);
        IpFields.required(messages, problems, "funding", n.funding());
        if (n.disclosedOn() == null || n.disclosedOn().isAfter(today())) {
            problems.add(FieldProblem.of("disclosedOn", messages.get("ip.not-future")));
        }
        if (Boolean.TRUE.equals(n.contractFiles()) && n.funding() != Funding.COMMISSIONED) {
            problems.add(FieldProblem.of("contractFiles", messages.get("ip.contract-files")));
        }
        checkInventors(n.inventors(), problems);
        IpFields.raise(problems);
        long id = jdbc.sql("""
                        insert into ip_disclosure (university_id, title, college, funding, contract_files, disclosed_on,
                            classified, research_project, note, imported, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        mine,
                        n.title().strip(),
                        IpFields.strip(n.college()),
                        n.funding().name(),
                        Boolean.TRUE.equals(n.contractFiles()),
                        n.disclosedOn(),
                        Boolean.TRUE.equals(n.classified()),
                        IpFields.strip(n.researchProject()),
                        IpFields.strip(n.note()),
                        imported,
                        actor.username())
                .query(Long.class)
                .single();
        int seq = 1;
        for (Inventor i : n.inventors()) {
            jdbc.sql("insert into ip_inventor (disclosure_id, seq, name, staff_no, college, share) values (?, ?, ?, ?,"
                            + " ?, ?)")
                    .params(
                            id,
                            seq++,
                            i.name().strip(),
                            IpFields.strip(i.staffNo()),
                            IpFields.strip(i.college()),
                            i.share())
                    .update();
        }
        Map<String, Object> after = new LinkedHashMap<>();
        // a classified result's title stays in its university's records, not in the audit the regions read (000:88)
        after.put(
                "title",
                universities
                        .outside()
                        .of(Boolean.TRUE.equals(n.classified()), n.title().strip()));
        after.put("funding", n.funding().name());
        after.put("inventors", n.inventors().size());
        if (imported) {
            after.put("imported", true);
        }
        audit(id, "IP_DISCLOSED", after);
        return find(id, false);
    }

    /** Records an evaluation; its decision becomes the disclosure's (If-Match: the disclosure's version). */
    @Transactional
    public Disclosure evaluate(long id, int version, NewEvaluation e) {
        Disclosure d = readable(find(id, true));
        if (d.version() != version) {
            throw ApiException.preconditionFailed("ip.stale", id);
        }
        List<FieldProblem> problems = new ArrayList<>();
        IpFields.required(messages, problems, "evaluatorKind", e.evaluatorKind());
        IpFields.text(messages, problems, "evaluator", e.evaluator(), 100, true);
        if (e.evaluatedOn() == null
                || e.evaluatedOn().isAfter(today())
                || e.evaluatedOn().isBefore(d.disclosedOn())) {
            problems.add(FieldProblem.of(
                    "evaluatedOn",
                    messages.get("ip.evaluated-on", d.disclosedOn().toString())));
        }
        IpFields.money(messages, problems, "cost", e.cost() == null ? BigDecimal.ZERO : e.cost(), true);
        IpFields.text(messages, problems, "novelty", e.novelty(), 2000, false);
        IpFields.text(messages, problems, "market", e.market(), 2000, false);
        IpFields.text(messages, problems, "prospect", e.prospect(), 2000, false);
        IpFields.required(messages, problems, "decision", e.decision());
        IpFields.text(messages, problems, "decidedBy", e.decidedBy(), 50, true);
        // every decision other than filing says why (000:92)
        IpFields.text(messages, problems, "reason", e.reason(), 2000, e.decision() != FilingDecision.FILE);
        IpFields.text(messages, problems, "diligenceNote", e.diligenceNote(), 2000, false);
        IpFields.raise(problems);
        long evaluation = jdbc.sql("""
                        insert into ip_evaluation (disclosure_id, evaluator_kind, evaluator, evaluated_on, cost, novelty,
                            market, prospect, decision, decided_by, reason, diligence_note, created_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        id,
                        e.evaluatorKind().name(),
                        e.evaluator().strip(),
                        e.evaluatedOn(),
                        e.cost() == null ? BigDecimal.ZERO : e.cost(),
                        IpFields.strip(e.novelty()),
                        IpFields.strip(e.market()),
                        IpFields.strip(e.prospect()),
                        e.decision().name(),
                        e.decidedBy().strip(),
                        IpFields.strip(e.reason()),
                        IpFields.strip(e.diligenceNote()),
                        actor.username())
                .query(Long.class)
                .single();
        jdbc.sql("update ip_disclosure set version = version + 1 where id = ?")
                .param(id)
                .update();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("evaluation", evaluation);
        after.put("decision", e.decision().name());
        after.put("decidedBy", e.decidedBy().strip());
        audit(id, "IP_EVALUATED", after);
        return find(id, false);
    }

    /** A disclosure the caller may open: a classified one only when they are cleared (000:88; 403 otherwise). */
    private Disclosure readable(Disclosure d) {
        if (d.classified() && !universities.cleared()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "ip.classified-forbidden", List.of());
        }
        return d;
    }

    /** A disclosure of the caller's university (404 otherwise), locked when asked. */
    Disclosure find(long id, boolean lock) {
        long mine = universities.mine();
        return jdbc.sql("select * from ip_disclosure where id = ? and university_id = ?" + (lock ? " for update" : ""))
                .params(id, mine)
                .query(this::disclosure)
                .optional()
                .orElseThrow(() -> ApiException.notFound("ip.disclosure-not-found", id));
    }

    private void checkInventors(List<Inventor> inventors, List<FieldProblem> problems) {
        if (inventors == null || inventors.isEmpty()) {
            problems.add(FieldProblem.of("inventors", messages.get("ip.inventors")));
            return;
        }
        if (inventors.size() > 50) {
            problems.add(FieldProblem.of("inventors", messages.get("import.error.too-long", "50")));
            return;
        }
        BigDecimal sum = BigDecimal.ZERO;
        Set<String> staff = new HashSet<>();
        for (int i = 0; i < inventors.size(); i++) {
            Inventor v = inventors.get(i);
            String at = "inventors[" + i + "]";
            if (v == null) {
                problems.add(FieldProblem.of(at, messages.get("import.error.required")));
                continue;
            }
            IpFields.text(messages, problems, at + ".name", v.name(), 50, true);
            IpFields.text(messages, problems, at + ".staffNo", v.staffNo(), 32, false);
            IpFields.text(messages, problems, at + ".college", v.college(), 100, false);
            if (v.share() == null || v.share().signum() <= 0) {
                problems.add(FieldProblem.of(at + ".share", messages.get("ip.percent")));
            } else {
                IpFields.percent(messages, problems, at + ".share", v.share());
                sum = sum.add(v.share());
            }
            String no = IpFields.strip(v.staffNo());
            if (no != null && !staff.add(no)) {
                problems.add(FieldProblem.of(at + ".staffNo", messages.get("ip.inventor-twice", no)));
            }
        }
        if (sum.compareTo(BigDecimal.valueOf(100)) != 0) {
            problems.add(
                    new FieldProblem("inventors", messages.get("ip.shares", sum.toPlainString()), sum.toPlainString()));
        }
    }

    private void audit(long id, String action, Map<String, ?> after) {
        events.publishEvent(new AuditableChange("ip_disclosure", Long.toString(id), action, null, after));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private Disclosure disclosure(ResultSet rs, int i) throws SQLException {
        long id = rs.getLong("id");
        List<Inventor> inventors = jdbc.sql(
                        "select name, staff_no, college, share from ip_inventor where disclosure_id = ? order by seq")
                .param(id)
                .query((r, j) -> new Inventor(r.getString(1), r.getString(2), r.getString(3), r.getBigDecimal(4)))
                .list();
        List<Evaluation> evaluations = jdbc.sql("select * from ip_evaluation where disclosure_id = ? order by id desc")
                .param(id)
                .query((r, j) -> new Evaluation(
                        r.getLong("id"),
                        EvaluatorKind.valueOf(r.getString("evaluator_kind")),
                        r.getString("evaluator"),
                        r.getObject("evaluated_on", LocalDate.class),
                        r.getBigDecimal("cost"),
                        r.getString("novelty"),
                        r.getString("market"),
                        r.getString("prospect"),
                        FilingDecision.valueOf(r.getString("decision")),
                        r.getString("decided_by"),
                        r.getString("reason"),
                        r.getString("diligence_note")))
                .list();
        return new Disclosure(
                id,
                rs.getString("title"),
                rs.getString("college"),
                Funding.valueOf(rs.getString("funding")),
                rs.getBoolean("contract_files"),
                rs.getObject("disclosed_on", LocalDate.class),
                rs.getBoolean("classified"),
                rs.getString("research_project"),
                rs.getString("note"),
                inventors,
                evaluations,
                rs.getBoolean("imported"),
                rs.getInt("version"));
    }
}
