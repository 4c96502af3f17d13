package org.fangpin.casework.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fangpin.casework.CaseChannel;
import org.fangpin.casework.CaseKind;
import org.fangpin.casework.Cases.CaseFile;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.monitoring.Alerts;
import org.fangpin.registry.HouseholdView;
import org.fangpin.registry.Registry;
import org.fangpin.registry.RiskCause;
import org.fangpin.security.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * A confirmed alert handed over by a township or county office (部门筛查预警), in the hand-over's transaction: a
 * household with a case already open (an elimination under review among them) gets the alert added to it. Any other
 * household — a 脱贫户, one whose risk was eliminated, a 一般农户 — gets an identification case (返贫即入 by one
 * rule), included at once as well where its province has switched on 先帮扶后认定. A household already monitored needs
 * no identification: its new risk joins its causes and the alert is done with.
 */
@Component
class AlertHandOver {

    private static final Logger log = LoggerFactory.getLogger(AlertHandOver.class);

    private final CaseStore store;
    private final FastPath fastPath;
    private final Reach reach;
    private final Registry registry;
    private final Alerts alerts;
    private final Messages messages;
    private final Clock clock;

    AlertHandOver(
            CaseStore store,
            FastPath fastPath,
            Reach reach,
            Registry registry,
            Alerts alerts,
            Messages messages,
            Clock clock) {
        this.store = store;
        this.fastPath = fastPath;
        this.reach = reach;
        this.registry = registry;
        this.alerts = alerts;
        this.messages = messages;
        this.clock = clock;
    }

    @EventListener
    void onHanded(Alerts.Handed handed) {
        Actor me = reach.current();
        Optional<HouseholdView> h = registry.household(handed.householdId());
        if (h.isEmpty() || h.get().deleted()) {
            log.warn("alert {} handed over for household {}, which is gone", handed.alertId(), handed.householdId());
            return;
        }
        Alerts.Alert alert = alerts.get(handed.alertId());
        Optional<Long> open = store.openCaseOf(handed.householdId());
        if (h.get().monitored() && open.isEmpty()) {
            addRisks(h.get(), handed, me);
            return;
        }
        if (open.isPresent()) {
            CaseFile c = store.find(open.get(), true);
            store.bump(c.id(), c.version());
            store.step(
                    c.id(),
                    "ALERT_LINKED",
                    c.stage(),
                    c.stage(),
                    Map.of("alertId", handed.alertId(), "rules", alert.rules()),
                    null,
                    me);
            return;
        }
        String statement =
                messages.get("casework.alert-statement", handed.alertId(), String.join("、", ruleNames(alert)));
        CaseFile c = store.create(
                CaseKind.IDENTIFICATION,
                h.get(),
                CaseChannel.ALERT,
                handed.alertId(),
                statement,
                handed.suggestedCategory(),
                handed.causes(),
                alert.createdAt().atZone(clock.getZone()).toLocalDate(),
                me);
        if (fastPath.isOn(h.get().villageCode())) {
            fastPath.includeAtOnce(c, h.get(), handed.suggestedCategory(), handed.causes(), me);
        }
    }

    /** A monitored household's confirmed new risk: its causes gain the alert's, in the registry's history. */
    private void addRisks(HouseholdView h, Alerts.Handed handed, Actor me) {
        LinkedHashSet<RiskCause> causes = new LinkedHashSet<>(h.riskCauses());
        List<String> added = new ArrayList<>();
        for (String cause : handed.causes()) {
            Labelled.parse(RiskCause.class, cause)
                    .filter(causes::add)
                    .ifPresent(x -> added.add(x.label(messages.locale())));
        }
        if (!added.isEmpty()) {
            registry.replaceHousehold(
                    h.id(),
                    h.version(),
                    h.fields().withCauses(List.copyOf(causes)),
                    new Registry.Change(
                            me == null ? Actor.SYSTEM : me.username(),
                            LocalDate.now(clock),
                            messages.get("casework.new-risk-reason", handed.alertId(), String.join("、", added))));
        }
        alerts.close(
                handed.alertId(),
                messages.get("casework.alert-closed-monitored", added.isEmpty() ? "—" : String.join("、", added)));
    }

    /** The names of the alert's rules in the user's language (their codes when the explanation lacks them). */
    private List<String> ruleNames(Alerts.Alert a) {
        List<String> out = new ArrayList<>();
        if (a.explanation() instanceof JsonNode n && n.has("rules")) {
            boolean en = "en".equals(messages.locale().getLanguage());
            for (JsonNode r : n.get("rules")) {
                out.add(r.path(en ? "nameEn" : "nameZh").asString(r.path("code").asString()));
            }
        }
        return out.isEmpty() ? a.rules() : out;
    }
}
