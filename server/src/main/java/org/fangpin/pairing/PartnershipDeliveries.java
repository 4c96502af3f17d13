package org.fangpin.pairing;

import io.swagger.v3.oas.annotations.media.Schema;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.lake.EvidenceFiles;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.ip.TechAssistance;
import org.fangpin.pairing.Partnerships.Detail;
import org.fangpin.pairing.Partnerships.ItemYear;
import org.fangpin.pairing.Partnerships.Partnership;
import org.fangpin.pairing.Partnerships.Year;
import org.fangpin.project.FundSource;
import org.fangpin.project.Funds;
import org.fangpin.project.Projects;
import org.fangpin.region.RegionCode;
import org.fangpin.region.RegionLevel;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.Registry;
import org.fangpin.security.AuditLog;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A partnership's years (004:173, 004:175, 004:349): the partner's commitments per item, the deliveries booked against
 * them — 帮扶资金 as the allocation the county received, 援建项目 as the project, 劳务协作 with the households where the
 * region names them, 消费帮扶 with buyer, product and supplier — and the yearly 对账: the region confirms the year's
 * figures with the partner's signed statement attached, and the year is closed (its commitments and deliveries no
 * longer change). A wrong delivery is withdrawn with the reason, never edited.
 */
@Service
public class PartnershipDeliveries {

    @Schema(name = "NewPartnershipDelivery")
    public record NewDelivery(
            PartnershipItem item,
            LocalDate deliveredOn,
            BigDecimal quantity,
            Integer personDays,
            Long allocationId,
            Long projectId,
            List<Long> householdIds,
            String buyer,
            String product,
            String supplier,
            String description,
            Long ipDealId) {

        /** A delivery of an item counted by its quantity alone (培训, 挂职干部和专业人才). */
        public static NewDelivery of(PartnershipItem item, LocalDate deliveredOn, BigDecimal quantity) {
            return new NewDelivery(item, deliveredOn, quantity, null, null, null, null, null, null, null, null, null);
        }

        /** 帮扶资金: the allocation the county received, its amount the quantity. */
        public static NewDelivery funds(LocalDate deliveredOn, long allocationId) {
            return new NewDelivery(
                    PartnershipItem.FUNDS,
                    deliveredOn,
                    null,
                    null,
                    allocationId,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }

        /** 援建项目: one project of the region's county. */
        public static NewDelivery project(LocalDate deliveredOn, long projectId) {
            return new NewDelivery(
                    PartnershipItem.PROJECTS,
                    deliveredOn,
                    null,
                    null,
                    null,
                    projectId,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
        }

        /** 劳务协作转移就业: the persons placed, the households named (none: not named), what was done. */
        public static NewDelivery labour(
                LocalDate deliveredOn, BigDecimal persons, List<Long> householdIds, String description) {
            return new NewDelivery(
                    PartnershipItem.LABOUR,
                    deliveredOn,
                    persons,
                    null,
                    null,
                    null,
                    householdIds,
                    null,
                    null,
                    null,
                    description,
                    null);
        }

        /** 消费帮扶: the amount bought, by whom, what, from whom. */
        public static NewDelivery consumption(
                LocalDate deliveredOn, BigDecimal amount, String buyer, String product, String supplier) {
            return new NewDelivery(
                    PartnershipItem.CONSUMPTION,
                    deliveredOn,
                    amount,
                    null,
                    null,
                    null,
                    null,
                    buyer,
                    product,
                    supplier,
                    null,
                    null);
        }

        /** 科技成果转化: a deal tagged 科技帮扶, delivered on the day it was signed. */
        public static NewDelivery technology(long ipDealId, LocalDate deliveredOn) {
            return new NewDelivery(
                    PartnershipItem.TECHNOLOGY,
                    deliveredOn,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    ipDealId);
        }

        /** This delivery naming a project (援建项目, or the project a 科技成果转化 is applied in). */
        public NewDelivery withProject(Long projectId) {
            return new NewDelivery(
                    item,
                    deliveredOn,
                    quantity,
                    personDays,
                    allocationId,
                    projectId,
                    householdIds,
                    buyer,
                    product,
                    supplier,
                    description,
                    ipDealId);
        }

        /** This delivery with these households (a form names them by number; the service takes their ids). */
        public NewDelivery withHouseholds(List<Long> householdIds) {
            return new NewDelivery(
                    item,
                    deliveredOn,
                    quantity,
                    personDays,
                    allocationId,
                    projectId,
                    householdIds,
                    buyer,
                    product,
                    supplier,
                    description,
                    ipDealId);
        }
    }

    @Schema(name = "PartnershipDelivery")
    public record Delivery(
            long id,
            PartnershipItem item,
            LocalDate deliveredOn,
            BigDecimal quantity,
            Integer personDays,
            Long allocationId,
            String allocationNo,
            Long projectId,
            String projectNo,
            String projectName,
            int households,
            String buyer,
            String product,
            String supplier,
            String description,
            String recordedBy,
            Instant withdrawnAt,
            String withdrawReason,
            Long ipDealId,
            String ipDeal) {

        /** The same delivery with its 科技帮扶 deal as the reader may see it (null when they may not). */
        Delivery withDeal(String deal) {
            return new Delivery(
                    id,
                    item,
                    deliveredOn,
                    quantity,
                    personDays,
                    allocationId,
                    allocationNo,
                    projectId,
                    projectNo,
                    projectName,
                    households,
                    buyer,
                    product,
                    supplier,
                    description,
                    recordedBy,
                    withdrawnAt,
                    withdrawReason,
                    ipDealId,
                    deal);
        }
    }

    @Schema(name = "PartnershipCommitment")
    public record Commitment(PartnershipItem item, BigDecimal quantity) {}

    @Schema(name = "PartnershipCommitments")
    public record Commitments(List<Commitment> items) {}

    @Schema(name = "PartnershipWithdrawal")
    public record Withdrawal(String reason) {}

    /** A year confirmed by the region: the figures as confirmed, and the partner's signed statement. */
    @Schema(name = "PartnershipReconciliation")
    public record Reconciliation(
            int year,
            List<ItemYear> items,
            String note,
            String statementName,
            long statementSize,
            String statementSha256,
            String confirmedBy,
            Instant confirmedAt) {}

    /** The signed statement's bytes and where they are. */
    public record Statement(String fileName, String contentType, Path path) {}

    private static final String AREA = "partnerships";
    private static final Set<PartnershipItem> WHOLE =
            EnumSet.complementOf(EnumSet.of(PartnershipItem.FUNDS, PartnershipItem.CONSUMPTION));
    private static final BigDecimal MAX = new BigDecimal("99999999999999.99");

    private final JdbcClient jdbc;
    private final Partnerships partnerships;
    private final Funds funds;
    private final Projects projects;
    private final Registry registry;
    private final EvidenceFiles files;
    private final AuditLog audit;
    private final PartnershipRows rows;
    private final Messages messages;
    private final TechAssistance techAssistance;

    PartnershipDeliveries(
            JdbcClient jdbc,
            Partnerships partnerships,
            Funds funds,
            Projects projects,
            Registry registry,
            EvidenceFiles files,
            AuditLog audit,
            PartnershipRows rows,
            Messages messages,
            TechAssistance techAssistance) {
        this.techAssistance = techAssistance;
        this.jdbc = jdbc;
        this.partnerships = partnerships;
        this.funds = funds;
        this.projects = projects;
        this.registry = registry;
        this.files = files;
        this.audit = audit;
        this.rows = rows;
        this.messages = messages;
    }

    // ---- reads ----

    /** One partnership the caller sees (404 otherwise) with its years, newest first, and its deliveries. */
    @Transactional(readOnly = true)
    public Detail detail(long id) {
        Partnership x = partnerships.find(id, false);
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        List<Year> years = new ArrayList<>();
        for (int y : partnerships.years(id)) {
            p.put("year", y);
            years.add(new Year(
                    y,
                    partnerships.items("x.id = :id", p),
                    reconciliation(id, y).orElse(null)));
        }
        List<Delivery> deliveries =
                jdbc.sql("""
                        select d.*, a.document_no, pr.project_no, pr.name as project_name,
                               (select count(*) from partnership_delivery_household h where h.delivery_id = d.id) as households
                        from partnership_delivery d
                        left join fund_allocation a on a.id = d.allocation_id
                        left join project pr on pr.id = d.project_id
                        where d.partnership_id = ? order by d.delivered_on desc, d.id desc limit 1000""").param(id).query(rows::delivery).list();
        // a 科技帮扶 deal is named as the reader's own scope and permission show it (TechAssistance), never stored
        deliveries = deliveries.stream()
                .map(d -> d.ipDealId() == null
                        ? d
                        : d.withDeal(techAssistance
                                .find(d.ipDealId())
                                .map(g -> messages.get(
                                        "partnership.technology-note", g.counterparty(), g.title(), g.university()))
                                .orElse(null)))
                .toList();
        return new Detail(x, years, deliveries, partnerships.mayEdit(x));
    }

    /**
     * The 科技帮扶 deals a 科技成果转化 delivery of this partnership may book: the caller reaches them, they lie in
     * its region, the partnership's unit is their university, and no delivery books them yet.
     */
    @Transactional(readOnly = true)
    public List<TechAssistance.Item> technologyOpen(long id) {
        Partnership x = partnerships.find(id, false);
        Optional<Long> university = university(x);
        if (university.isEmpty()) {
            return List.of();
        }
        Set<Long> booked = new HashSet<>(jdbc.sql(
                        "select ip_deal_id from partnership_delivery where ip_deal_id is not null and withdrawn_at is null")
                .query(Long.class)
                .list());
        return techAssistance.list(university.get()).stream()
                .filter(g -> within(x, g.region()) && !booked.contains(g.id()))
                .toList();
    }

    /** The university a partnership's helping unit is, when it names one. */
    private Optional<Long> university(Partnership x) {
        return jdbc.sql("select university_id from assist_unit where id = ? and university_id is not null")
                .param(x.unitId())
                .query(Long.class)
                .optional();
    }

    /** The year's reconciliation, when the region confirmed it. */
    Optional<Reconciliation> reconciliation(long id, int year) {
        return jdbc.sql("select * from partnership_reconciliation where partnership_id = ? and year = ?")
                .params(id, year)
                .query(rows::reconciliation)
                .optional();
    }

    /** The signed statement of a confirmed year (404 when the caller does not see the partnership); audited. */
    @Transactional
    public Statement statement(long id, int year) {
        Partnership x = partnerships.find(id, false);
        Map<String, Object> row = jdbc
                .sql("select * from partnership_reconciliation where partnership_id = ? and year = ?")
                .params(id, year)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("partnership.statement-not-found", String.valueOf(year)));
        UUID file = (UUID) row.get("statement_id");
        audit.record("PARTNERSHIP_STATEMENT_READ", "partnership", Long.toString(id), Map.of("year", year), x.region());
        return new Statement(
                (String) row.get("statement_name"),
                (String) row.get("statement_type"),
                files.path(AREA, Long.toString(id), file));
    }

    // ---- changes ----

    /**
     * Sets a year's commitments (If-Match: the partnership's version): each item's quantity replaces the one recorded,
     * an item left out is no longer committed. 409 once the year is confirmed.
     */
    @Transactional
    public Detail commit(long id, int year, int version, Commitments c) {
        Partnership x = partnerships.editable(id, version);
        List<FieldProblem> problems = new ArrayList<>();
        if (year < x.startedOn().getYear() || year > partnerships.today().getYear() + 1) {
            problems.add(FieldProblem.of(
                    "year",
                    messages.get(
                            "partnership.year", String.valueOf(x.startedOn().getYear()))));
        }
        List<Commitment> items = c.items() == null ? List.of() : c.items();
        Set<PartnershipItem> seen = EnumSet.noneOf(PartnershipItem.class);
        for (int i = 0; i < items.size(); i++) {
            Commitment it = items.get(i);
            String field = "items[" + i + "]";
            if (it == null || it.item() == null || !seen.add(it.item())) {
                problems.add(FieldProblem.of(field + ".item", messages.get("partnership.item")));
            } else {
                quantity(it.item(), it.quantity(), field + ".quantity", true, problems);
            }
        }
        PairingFields.raise(problems);
        open(x, year);
        // each item as "CODE:quantity" (the audit page shows the code in words)
        List<String> before = new ArrayList<>();
        jdbc.sql("select item, quantity from partnership_commitment where partnership_id = ? and year = ?")
                .params(id, year)
                .query(rs -> {
                    before.add(rs.getString(1) + ":" + rs.getBigDecimal(2).toPlainString());
                });
        jdbc.sql("delete from partnership_commitment where partnership_id = ? and year = ?")
                .params(id, year)
                .update();
        List<String> committed = new ArrayList<>();
        for (Commitment it : items) {
            jdbc.sql("insert into partnership_commitment (partnership_id, year, item, quantity, updated_by)"
                            + " values (?, ?, ?, ?, ?)")
                    .params(id, year, it.item().name(), it.quantity(), partnerships.user())
                    .update();
            committed.add(it.item().name() + ":" + it.quantity().toPlainString());
        }
        partnerships.bump(id);
        partnerships.audit(
                id,
                x.region(),
                "PARTNERSHIP_COMMITTED",
                Map.of("year", year, "items", before),
                Map.of("year", year, "items", committed));
        return detail(id);
    }

    /** Books a delivery against a partnership the caller keeps (422 with every reason; 409 when the year is closed). */
    @Transactional
    public Delivery deliver(long id, NewDelivery n) {
        // a delivery made before an ended partnership's end may still be booked
        Partnership kept = partnerships.editable(id, null, false);
        LocalDate until = kept.endedOn() != null ? kept.endedOn() : partnerships.today();
        List<FieldProblem> problems = new ArrayList<>();
        PartnershipItem item = n.item();
        if (item == null) {
            problems.add(FieldProblem.of("item", messages.get("partnership.item")));
        }
        if (n.deliveredOn() == null
                || n.deliveredOn().isAfter(until)
                || n.deliveredOn().isBefore(kept.startedOn())) {
            problems.add(FieldProblem.of(
                    "deliveredOn",
                    messages.get("partnership.delivered-on", kept.startedOn().toString(), until.toString())));
        }
        BigDecimal quantity = n.quantity();
        TechAssistance.Item deal = null;
        if (n.ipDealId() != null && item != PartnershipItem.TECHNOLOGY) {
            problems.add(FieldProblem.of("ipDealId", messages.get("partnership.technology-only")));
        }
        if (item == PartnershipItem.FUNDS) {
            quantity = allocation(kept, n, problems);
        } else if (item == PartnershipItem.TECHNOLOGY) {
            deal = technology(kept, n, problems);
            quantity = quantity == null ? BigDecimal.ONE : quantity;
            if (quantity.compareTo(BigDecimal.ONE) != 0) {
                problems.add(FieldProblem.of("quantity", messages.get("partnership.one-result")));
            }
            if (n.projectId() != null) {
                project(kept, n, problems);
            }
        } else if (item == PartnershipItem.PROJECTS) {
            project(kept, n, problems);
            quantity = quantity == null ? BigDecimal.ONE : quantity;
            if (quantity.compareTo(BigDecimal.ONE) != 0) {
                problems.add(FieldProblem.of("quantity", messages.get("partnership.one-project")));
            }
        } else if (item != null) {
            quantity(item, quantity, "quantity", false, problems);
        }
        if (n.personDays() != null && (item != PartnershipItem.CADRES || n.personDays() < 1)) {
            problems.add(FieldProblem.of("personDays", messages.get("partnership.person-days")));
        }
        if (item == PartnershipItem.CONSUMPTION) {
            PairingFields.text(messages, problems, "buyer", n.buyer(), 200, true);
            PairingFields.text(messages, problems, "product", n.product(), 200, true);
        } else if (PairingFields.strip(n.buyer()) != null || PairingFields.strip(n.product()) != null) {
            problems.add(FieldProblem.of("buyer", messages.get("partnership.consumption-only")));
        }
        PairingFields.text(messages, problems, "supplier", n.supplier(), 200, false);
        PairingFields.text(
                messages, problems, "description", n.description(), 1000, item == PartnershipItem.ENTERPRISES);
        List<Long> households = households(kept, item, n.householdIds(), quantity, problems);
        if (deal != null && n.deliveredOn() != null && n.deliveredOn().isBefore(deal.signedOn())) {
            problems.add(FieldProblem.of(
                    "deliveredOn",
                    messages.get(
                            "partnership.delivered-after-deal", deal.signedOn().toString())));
        }
        PairingFields.raise(problems);
        open(kept, n.deliveredOn().getYear());
        String description = PairingFields.strip(n.description());
        long delivery = insert(
                id,
                item,
                n.deliveredOn(),
                quantity,
                n.personDays(),
                item == PartnershipItem.FUNDS ? n.allocationId() : null,
                item == PartnershipItem.PROJECTS || item == PartnershipItem.TECHNOLOGY ? n.projectId() : null,
                n,
                description,
                deal == null ? null : deal.id());
        for (Long h : households) {
            jdbc.sql("insert into partnership_delivery_household (delivery_id, household_id) values (?, ?)")
                    .params(delivery, h)
                    .update();
        }
        partnerships.bump(id);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("deliveryId", delivery);
        after.put("item", item.name());
        after.put("deliveredOn", n.deliveredOn().toString());
        after.put("quantity", quantity);
        after.put("households", households.size());
        if (deal != null) {
            after.put("ipDeal", deal.id());
        }
        partnerships.audit(id, kept.region(), "PARTNERSHIP_DELIVERED", null, after);
        return detail(id).deliveries().stream()
                .filter(d -> d.id() == delivery)
                .findFirst()
                .orElseThrow();
    }

    /** Withdraws a wrong delivery with the reason (If-Match: the partnership's version; 409 when its year is closed). */
    @Transactional
    public Detail withdraw(long id, long deliveryId, int version, Withdrawal w) {
        Partnership x = partnerships.editable(id, version, false);
        Map<String, Object> d = jdbc
                .sql("select * from partnership_delivery where id = ? and partnership_id = ?"
                        + " and withdrawn_at is null")
                .params(deliveryId, id)
                .query()
                .listOfRows()
                .stream()
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("partnership.delivery-not-found", deliveryId));
        List<FieldProblem> problems = new ArrayList<>();
        PairingFields.text(messages, problems, "reason", w.reason(), 500, true);
        PairingFields.raise(problems);
        open(x, ((Number) d.get("year")).intValue());
        jdbc.sql("update partnership_delivery set withdrawn_at = now(), withdrawn_by = ?, withdraw_reason = ?"
                        + " where id = ?")
                .params(partnerships.user(), w.reason().strip(), deliveryId)
                .update();
        partnerships.bump(id);
        partnerships.audit(
                id,
                x.region(),
                "PARTNERSHIP_DELIVERY_WITHDRAWN",
                Map.of("deliveryId", deliveryId, "item", d.get("item"), "quantity", d.get("quantity")),
                Map.of("reason", w.reason().strip()));
        return detail(id);
    }

    /**
     * 每年对账: the region confirms a year (this one or before) with the partner's signed statement (PDF, JPEG or
     * PNG); the figures are kept as confirmed and the year is closed. 409 when it was confirmed already.
     */
    @Transactional
    public Detail reconcile(long id, int year, int version, String note, String fileName, InputStream statement) {
        Partnership x = partnerships.editable(id, version, false);
        List<FieldProblem> problems = new ArrayList<>();
        // an ended partnership's years up to its end may still be reconciled
        int lastYear = x.endedOn() != null
                ? x.endedOn().getYear()
                : partnerships.today().getYear();
        if (year < x.startedOn().getYear() || year > lastYear) {
            problems.add(FieldProblem.of(
                    "year",
                    messages.get(
                            "partnership.reconcile-year",
                            String.valueOf(x.startedOn().getYear()))));
        }
        PairingFields.text(messages, problems, "note", note, 1000, false);
        if (statement == null) {
            problems.add(FieldProblem.of("statement", messages.get("partnership.statement")));
        }
        PairingFields.raise(problems);
        open(x, year);
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("year", year);
        List<ItemYear> items = partnerships.items("x.id = :id", p);
        Map<String, BigDecimal> committed = new LinkedHashMap<>();
        Map<String, BigDecimal> delivered = new LinkedHashMap<>();
        List<String> confirmed = new ArrayList<>(); // "CODE:committed:delivered"
        items.forEach(i -> {
            committed.put(i.item().name(), i.committed());
            delivered.put(i.item().name(), i.delivered());
            if (i.committed().signum() != 0 || i.delivered().signum() != 0) {
                confirmed.add(i.item().name() + ":" + i.committed().toPlainString() + ":"
                        + i.delivered().toPlainString());
            }
        });
        EvidenceFiles.Stored f = files.store(AREA, Long.toString(id), fileName, statement);
        jdbc.sql("""
                        insert into partnership_reconciliation (partnership_id, year, committed, delivered, note,
                            statement_id, statement_name, statement_type, statement_size, statement_sha256, confirmed_by)
                        values (?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id,
                        year,
                        rows.write(committed),
                        rows.write(delivered),
                        PairingFields.strip(note),
                        f.id(),
                        f.fileName(),
                        f.contentType(),
                        f.sizeBytes(),
                        f.sha256(),
                        partnerships.user())
                .update();
        partnerships.bump(id);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("year", year);
        after.put("items", confirmed);
        after.put("sha256", f.sha256());
        partnerships.audit(id, x.region(), "PARTNERSHIP_RECONCILED", null, after);
        return detail(id);
    }

    private long insert(
            long id,
            PartnershipItem item,
            LocalDate on,
            BigDecimal quantity,
            Integer personDays,
            Long allocation,
            Long project,
            NewDelivery n,
            String description,
            Long deal) {
        try {
            return jdbc.sql("""
                            insert into partnership_delivery (partnership_id, item, delivered_on, quantity, person_days,
                                allocation_id, project_id, buyer, product, supplier, description, ip_deal_id,
                                created_by)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(
                            id,
                            item.name(),
                            on,
                            quantity,
                            personDays,
                            allocation,
                            project,
                            n == null ? null : PairingFields.strip(n.buyer()),
                            n == null ? null : PairingFields.strip(n.product()),
                            n == null ? null : PairingFields.strip(n.supplier()),
                            description,
                            deal,
                            partnerships.user())
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("partnership.booked", item.label(LocaleContextHolder.getLocale()));
        }
    }

    /**
     * Books a deal a university tagged 科技帮扶 ({@link TechAssistance.Tagged}) as a 科技成果转化 delivery of the
     * university's partnership with the deal's region: of the partnerships whose helping unit names the university,
     * in force on the deal's day and holding its region, 科技对口支援 first, then 定点帮扶, then the earliest started.
     * Nothing is booked when there is none or that one's year is confirmed already; a region's office may then book
     * it by hand. Runs on the university's behalf ({@link TechnologyBooking} keeps a failure from its deal).
     */
    @Transactional
    void bookTagged(TechAssistance.Tagged t) {
        List<Long> candidates = jdbc.sql("""
                        select x.id from partnership x join assist_unit u on u.id = x.unit_id
                        where u.university_id = ? and x.started_on <= ? and (x.ended_on is null or x.ended_on >= ?)
                        order by case x.kind when 'COUNTERPART_SCIENCE' then 0 when 'DESIGNATED' then 1 else 2 end,
                                 x.started_on, x.id""")
                .params(t.universityId(), t.signedOn(), t.signedOn())
                .query(Long.class)
                .list();
        for (long id : candidates) {
            Partnership x = partnerships.unscoped(id);
            if (!within(x, t.region())) {
                continue;
            }
            if (reconciliation(id, t.signedOn().getYear()).isPresent()) {
                return; // the year both sides signed stays as signed
            }
            long delivery = insert(
                    id,
                    PartnershipItem.TECHNOLOGY,
                    t.signedOn(),
                    BigDecimal.ONE,
                    null,
                    null,
                    null,
                    null,
                    null,
                    t.dealId());
            partnerships.bump(id);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("deliveryId", delivery);
            after.put("item", PartnershipItem.TECHNOLOGY.name());
            after.put("deliveredOn", t.signedOn().toString());
            after.put("quantity", BigDecimal.ONE);
            after.put("ipDeal", t.dealId());
            partnerships.audit(id, x.region(), "PARTNERSHIP_DELIVERED", null, after);
            return;
        }
    }

    /**
     * 科技成果转化: a deal tagged 科技帮扶 that the caller reaches, in the partnership's region, by the university the
     * partnership's unit is.
     */
    private TechAssistance.Item technology(Partnership x, NewDelivery n, List<FieldProblem> problems) {
        Optional<TechAssistance.Item> deal =
                n.ipDealId() == null ? Optional.empty() : techAssistance.find(n.ipDealId());
        if (deal.isEmpty() || !within(x, deal.get().region())) {
            problems.add(FieldProblem.of("ipDealId", messages.get("partnership.technology")));
            return null;
        }
        if (!university(x).map(u -> u == deal.get().universityId()).orElse(false)) {
            problems.add(FieldProblem.of(
                    "ipDealId",
                    messages.get("partnership.technology-unit", deal.get().university())));
            return null;
        }
        return deal.get();
    }

    // ---- the rules ----

    /** 409 when the year was confirmed: its figures are the ones both sides signed. */
    private void open(Partnership x, int year) {
        if (reconciliation(x.id(), year).isPresent()) {
            throw ApiException.conflict("partnership.year-closed", String.valueOf(year));
        }
    }

    private void quantity(
            PartnershipItem item, BigDecimal q, String field, boolean zeroAllowed, List<FieldProblem> problems) {
        if (q == null
                || q.signum() < 0
                || (q.signum() == 0 && !zeroAllowed)
                || q.compareTo(MAX) > 0
                || q.scale() > 2 && q.stripTrailingZeros().scale() > 2
                || (WHOLE.contains(item) && q.stripTrailingZeros().scale() > 0)) {
            problems.add(FieldProblem.of(
                    field,
                    messages.get(
                            item.money() ? "partnership.amount" : "partnership.count",
                            english() ? item.unitEn() : item.unitZh())));
        }
    }

    /** 帮扶资金: the allocation the region's county received from this partner's source, delivered once. */
    private BigDecimal allocation(Partnership x, NewDelivery n, List<FieldProblem> problems) {
        if (n.allocationId() == null) {
            problems.add(FieldProblem.of("allocationId", messages.get("partnership.allocation")));
            return n.quantity();
        }
        Funds.Allocation a;
        try {
            a = funds.allocation(n.allocationId());
        } catch (ApiException e) {
            problems.add(FieldProblem.of("allocationId", messages.get("partnership.allocation")));
            return n.quantity();
        }
        FundSource expected = switch (x.kind()) {
            case EAST_WEST -> FundSource.EAST_WEST;
            case DESIGNATED -> FundSource.DESIGNATED_ASSISTANCE;
            default -> null;
        };
        if (!within(x, a.county()) || (expected != null && a.source() != expected)) {
            problems.add(FieldProblem.of(
                    "allocationId",
                    messages.get(
                            "partnership.allocation-source",
                            expected == null ? "" : expected.label(LocaleContextHolder.getLocale()))));
        }
        if (n.quantity() != null && n.quantity().compareTo(a.amount()) != 0) {
            problems.add(FieldProblem.of(
                    "quantity",
                    messages.get("partnership.allocation-amount", a.amount().toPlainString())));
        }
        return a.amount();
    }

    /** 援建项目: a project of the region's county the caller reaches, once per partnership. */
    private void project(Partnership x, NewDelivery n, List<FieldProblem> problems) {
        Projects.Project pr = null;
        if (n.projectId() != null) {
            try {
                pr = projects.get(n.projectId());
            } catch (ApiException e) {
                pr = null;
            }
        }
        if (pr == null || !within(x, pr.region())) {
            problems.add(FieldProblem.of("projectId", messages.get("partnership.project")));
        }
    }

    /** 劳务协作: the households named, each in the caller's reach and the partnership's region, no more than placed. */
    private List<Long> households(
            Partnership x, PartnershipItem item, List<Long> ids, BigDecimal quantity, List<FieldProblem> problems) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        if (item != PartnershipItem.LABOUR) {
            problems.add(FieldProblem.of("householdIds", messages.get("partnership.labour-only")));
            return List.of();
        }
        List<Long> distinct = ids.stream().distinct().toList();
        for (Long h : distinct) {
            Optional<HouseholdView> v = h == null ? Optional.empty() : registry.household(h);
            if (v.isEmpty() || v.get().deleted() || !within(x, v.get().villageCode())) {
                problems.add(FieldProblem.of("householdIds", messages.get("partnership.household", h)));
                return List.of();
            }
        }
        if (quantity != null && distinct.size() > quantity.intValue()) {
            problems.add(FieldProblem.of("householdIds", messages.get("partnership.households-more")));
        }
        return distinct;
    }

    /**
     * Whether a region (an allocation's county, a project's place, a household's village) belongs to the partnership:
     * it lies in the helped region, or, for a township or village helped, in that region's county.
     */
    private static boolean within(Partnership x, String code) {
        if (code == null || x.level() == null) {
            return false;
        }
        RegionLevel level = x.level().digits() > RegionLevel.COUNTY.digits() ? RegionLevel.COUNTY : x.level();
        String prefix = x.region().substring(0, level.digits());
        return code.startsWith(prefix) && RegionCode.isWellFormed(code);
    }

    private static boolean english() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage());
    }
}
