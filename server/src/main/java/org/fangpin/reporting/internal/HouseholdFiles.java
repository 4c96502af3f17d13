package org.fangpin.reporting.internal;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.AssistancePlans;
import org.fangpin.casework.MeasureStatus;
import org.fangpin.common.Labelled;
import org.fangpin.common.events.AuditableChange;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.pdf.PdfDocs;
import org.fangpin.common.problem.ApiException;
import org.fangpin.region.Region;
import org.fangpin.region.RegionDirectory;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.IdNumber;
import org.fangpin.registry.Income;
import org.fangpin.registry.PersonView;
import org.fangpin.registry.Registry;
import org.fangpin.registry.Relation;
import org.fangpin.registry.RiskCause;
import org.fangpin.registry.TimelineEntry;
import org.fangpin.security.Actor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * 一户一档: a household's file as a printable PDF — who it is and its monitoring state, its income, its members
 * (ID numbers masked, birth years only), its plan with measures and visits, and its history — read through the
 * registry's and case work's APIs within the caller's scope (404 outside it). Every file printed is audited.
 */
@Component
public class HouseholdFiles {

    private final Registry registry;
    private final AssistancePlans plans;
    private final RegionDirectory regions;
    private final Messages messages;
    private final Actor.Current actor;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    HouseholdFiles(
            Registry registry,
            AssistancePlans plans,
            RegionDirectory regions,
            Messages messages,
            Actor.Current actor,
            ApplicationEventPublisher events,
            Clock clock) {
        this.registry = registry;
        this.plans = plans;
        this.regions = regions;
        this.messages = messages;
        this.actor = actor;
        this.events = events;
        this.clock = clock;
    }

    /** The household as the caller may see it; 404 when it does not exist or lies outside the scope. */
    public HouseholdView household(long id) {
        return registry.household(id).orElseThrow(() -> ApiException.notFound("registry.household.not-found", id));
    }

    /** Writes the file of a household read with {@link #household}. */
    @Transactional(readOnly = true)
    public void write(HouseholdView h, OutputStream out) {
        Locale locale = messages.locale();
        Optional<AssistancePlans.Detail> plan = plans.find(h.id());
        List<TimelineEntry> history = registry.timeline(h.id());
        String who = actor.username();
        String at = LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String place = String.join(
                "",
                regions.ancestors(h.villageCode()).stream().map(Region::name).toList());
        events.publishEvent(new AuditableChange(
                "household",
                String.valueOf(h.id()),
                "PRINT_FILE",
                null,
                Map.of("householdNo", h.householdNo()),
                h.villageCode()));
        PdfDocs.write(out, false, messages.get(locale, "pdf.household.footer", h.householdNo(), at, who), who, d -> {
            d.title(messages.get(locale, "pdf.household.title"), place + "  " + h.householdNo());
            d.heading(messages.get(locale, "household.title"));
            d.fields(basics(h, locale), 3);
            d.heading(messages.get(locale, "household.income"));
            d.fields(income(h, locale), 3);
            d.heading(messages.get(locale, "household.members") + "（"
                    + h.members().size() + "）");
            d.table(
                    List.of(
                            f(locale, "name"),
                            f(locale, "idNumber"),
                            messages.get(locale, "pdf.sex"),
                            messages.get(locale, "pdf.birthYear"),
                            f(locale, "relation"),
                            f(locale, "education"),
                            f(locale, "schoolStatus"),
                            f(locale, "health"),
                            f(locale, "labourCapacity"),
                            f(locale, "workStatus"),
                            f(locale, "dibao"),
                            f(locale, "tekun")),
                    h.members().stream().map(p -> member(p, locale)).toList(),
                    new float[] {1.1f, 2.2f, 0.6f, 0.8f, 1f, 1f, 1f, 1f, 1f, 1.3f, 0.6f, 0.6f},
                    null);
            if (plan.isPresent()) {
                plan(d, plan.get(), locale);
            } else {
                d.heading(messages.get(locale, "pdf.household.plan"));
                d.note(messages.get(locale, "pdf.household.noPlan"));
            }
            d.heading(messages.get(locale, "household.timeline"));
            List<List<String>> rows = new ArrayList<>();
            for (TimelineEntry e : history) {
                rows.add(List.of(
                        String.valueOf(e.validFrom()),
                        messages.find(locale, "timeline." + e.kind()).orElse("") + " " + e.entityLabel(),
                        changes(e, locale),
                        e.changeReason() == null ? "" : e.changeReason(),
                        e.recordedBy()));
            }
            d.table(
                    List.of(
                            messages.get(locale, "pdf.date"),
                            messages.get(locale, "pdf.what"),
                            messages.get(locale, "pdf.changes"),
                            messages.get(locale, "pdf.reason"),
                            messages.get(locale, "pdf.by")),
                    rows,
                    new float[] {1f, 1.5f, 4f, 2f, 1f},
                    null);
            d.note(messages.get(locale, "pdf.household.masked"));
        });
    }

    private List<String[]> basics(HouseholdView h, Locale locale) {
        List<String[]> out = new ArrayList<>();
        out.add(pair(locale, "householdNo", h.householdNo()));
        out.add(new String[] {messages.get(locale, "household.head"), head(h)});
        out.add(pair(locale, "address", h.address()));
        out.add(pair(locale, "identity", label(h.identity(), locale)));
        out.add(pair(
                locale, "exitYear", h.exitYear() == null ? "" : h.exitYear().toString()));
        out.add(pair(
                locale,
                "identityFlags",
                String.join(
                        "、",
                        h.identityFlags().stream().map(x -> x.label(locale)).toList())));
        out.add(pair(locale, "monitoringState", label(h.monitoringState(), locale)));
        out.add(pair(locale, "monitoringCategory", label(h.monitoringCategory(), locale)));
        out.add(pair(locale, "monitoringSince", str(h.monitoringSince())));
        out.add(pair(
                locale,
                "riskCauses",
                String.join(
                        "、",
                        h.riskCauses().stream()
                                .map((RiskCause c) -> c.label(locale))
                                .toList())));
        out.add(pair(locale, "eliminatedOn", str(h.eliminatedOn())));
        out.add(pair(locale, "eliminationKind", label(h.eliminationKind(), locale)));
        out.add(pair(locale, "housingGrade", label(h.housingGrade(), locale)));
        out.add(pair(locale, "waterSafe", yesNo(h.waterSafe(), locale)));
        out.add(new String[] {messages.get(locale, "pdf.members"), String.valueOf(h.memberCount())});
        return out;
    }

    private List<String[]> income(HouseholdView h, Locale locale) {
        Income i = h.income();
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {
            messages.get(locale, "pdf.income.year"),
            i.year() == null ? "" : i.year().toString()
        });
        out.add(new String[] {messages.get(locale, "pdf.income.wage"), money(i.wage())});
        out.add(new String[] {messages.get(locale, "pdf.income.production"), money(i.production())});
        out.add(new String[] {messages.get(locale, "pdf.income.property"), money(i.property())});
        out.add(new String[] {messages.get(locale, "pdf.income.transfer"), money(i.transfer())});
        out.add(new String[] {messages.get(locale, "pdf.income.cost"), money(i.productionCost())});
        out.add(new String[] {messages.get(locale, "pdf.income.perCapita"), money(h.perCapitaNetIncome())});
        return out;
    }

    private List<String> member(PersonView p, Locale locale) {
        return List.of(
                p.name(),
                IdNumber.mask(p.idNumber()),
                label(p.sex(), locale),
                String.valueOf(p.birthYear()),
                label(p.relation(), locale),
                label(p.education(), locale),
                label(p.schoolStatus(), locale),
                label(p.health(), locale),
                label(p.labourCapacity(), locale),
                label(p.workStatus(), locale),
                yesNo(p.dibao(), locale),
                yesNo(p.tekun(), locale));
    }

    private void plan(PdfDocs d, AssistancePlans.Detail detail, Locale locale) {
        AssistancePlans.Plan p = detail.plan();
        d.heading(messages.get(locale, "pdf.household.plan"));
        d.fields(
                List.of(
                        new String[] {messages.get(locale, "pdf.plan.responsible"), nz(p.responsibleName())},
                        new String[] {messages.get(locale, "pdf.plan.started"), str(p.startedOn())},
                        new String[] {messages.get(locale, "pdf.plan.interval"), String.valueOf(p.visitIntervalDays())},
                        new String[] {messages.get(locale, "pdf.plan.lastVisit"), str(p.lastVisit())},
                        new String[] {messages.get(locale, "pdf.plan.nextVisit"), str(p.nextVisitDue())}),
                3);
        Map<String, String> types = new HashMap<>();
        for (AssistancePlans.MeasureType t : plans.measureTypes(null)) {
            types.put(t.code(), "en".equals(locale.getLanguage()) ? t.nameEn() : t.nameZh());
        }
        List<List<String>> rows = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (AssistancePlans.Measure m : detail.measures()) {
            rows.add(List.of(
                    types.getOrDefault(m.type(), m.type()),
                    m.cause() == null
                            ? ""
                            : Labelled.parse(RiskCause.class, m.cause())
                                    .map(c -> c.label(locale))
                                    .orElse(m.cause()),
                    m.department().label(locale),
                    nz(m.description()),
                    str(m.plannedStart()) + " ~ " + str(m.plannedEnd()),
                    str(m.actualEnd()),
                    money(m.amount()),
                    m.status().label(locale)));
            if (m.amount() != null && m.status() != MeasureStatus.CANCELLED) {
                total = total.add(m.amount());
            }
        }
        d.heading(messages.get(locale, "pdf.household.measures") + "（" + rows.size() + "）");
        d.table(
                List.of(
                        messages.get(locale, "pdf.measure.type"),
                        messages.get(locale, "pdf.measure.cause"),
                        messages.get(locale, "pdf.measure.department"),
                        messages.get(locale, "pdf.measure.what"),
                        messages.get(locale, "pdf.measure.planned"),
                        messages.get(locale, "pdf.measure.done"),
                        messages.get(locale, "pdf.measure.amount"),
                        f(locale, "measureStatus")),
                rows,
                new float[] {1.2f, 1f, 1.2f, 2.6f, 1.8f, 1f, 1f, 0.8f},
                new boolean[] {false, false, false, false, false, false, true, false});
        d.note(messages.get(locale, "pdf.measure.total", money(total)));
        List<List<String>> visits = new ArrayList<>();
        for (AssistancePlans.Visit v : detail.visits()) {
            visits.add(List.of(
                    str(v.visitedOn()),
                    v.visitor(),
                    yesNo(v.incomeStable(), locale),
                    yesNo(v.needsSecured(), locale),
                    nz(v.notes())));
        }
        d.heading(messages.get(locale, "pdf.household.visits") + "（" + visits.size() + "）");
        d.table(
                List.of(
                        messages.get(locale, "pdf.date"),
                        messages.get(locale, "pdf.visit.visitor"),
                        messages.get(locale, "pdf.visit.income"),
                        messages.get(locale, "pdf.visit.needs"),
                        messages.get(locale, "pdf.visit.notes")),
                visits,
                new float[] {1f, 1f, 1f, 1.2f, 5f},
                null);
    }

    private String changes(TimelineEntry e, Locale locale) {
        if ("CREATED".equals(e.kind())) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (TimelineEntry.Change c : e.changes()) {
            out.add(messages.find(locale, "field." + c.field()).orElse(c.field()) + "：" + nz(c.before()) + " → "
                    + nz(c.after()));
        }
        return String.join("；", out);
    }

    private static String head(HouseholdView h) {
        return h.members().stream()
                .filter(p -> p.relation() == Relation.HEAD)
                .map(PersonView::name)
                .findFirst()
                .orElse("");
    }

    private String[] pair(Locale locale, String field, String value) {
        return new String[] {f(locale, field), nz(value)};
    }

    private String f(Locale locale, String field) {
        return messages.get(locale, "field." + field);
    }

    private static String label(Labelled l, Locale locale) {
        return l == null ? "" : l.label(locale);
    }

    private String yesNo(Boolean b, Locale locale) {
        return b == null ? "" : messages.get(locale, b ? "yes" : "no");
    }

    private static String money(BigDecimal v) {
        return v == null ? "" : String.format("%,.2f", v);
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
