package org.fangpin.monitoring.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.fangpin.common.expression.RuleExpression;
import org.fangpin.feed.FeedType;
import org.fangpin.monitoring.PolicyParameters;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An alert's explanation, in two forms. Stored: the facts a run found (the computed indicators, the feed batches
 * they came from, the values and provenance of the policy parameters its rules used, the rule set) — everything
 * the explanation depends on that could change later. Shown: each rule that fired with its condition in words and
 * numbers (Chinese and English), its facts, parameters and sources — rendered when the alert is read, from the
 * stored facts and the rule set's frozen rules. A province's first run writes ~480 k alerts; storing the facts
 * alone halves what it writes and leaves the sentences to the few alerts people open.
 */
@Component
public class AlertExplanations {

    /** Marks the stored form; alerts written before it store the shown form and are returned as they are. */
    static final String FORM = "facts";

    /** The indicators' part of the vocabulary an expression is read with; each alert adds its parameters. */
    private static final Map<String, RuleExpression.Type> INDICATOR_TYPES = indicatorTypes();

    private final RuleSets ruleSets;
    private final JsonMapper json;
    private final Map<UUID, RuleSets.RuleSet> frozen = new ConcurrentHashMap<>();

    AlertExplanations(RuleSets ruleSets, JsonMapper json) {
        this.ruleSets = ruleSets;
        this.json = json;
    }

    /**
     * Writes one run's stored explanations. What alerts of one pass with the same fired rules share — run dates, rule
     * set, the parameters those rules name with their provenance, the feeds they read — is serialised once here as a
     * numbered head; each alert's own part, its indicators and its household's feed batches (only those of feeds its
     * rules read), is built by the lake's engine ({@link #bodySql}), so a province's first run does not format half
     * a million JSON objects one by one in Java.
     */
    static final class StoredWriter {
        private final JsonMapper json;
        private final LocalDate asOf;
        private final Instant registryAsOf;
        private final Map<String, PolicyParameters.Definition> definitions;
        private final Map<String, Integer> numbers = new HashMap<>();
        private final List<Head> heads = new ArrayList<>();

        /** The shared part: the JSON up to the indicators, and the feeds whose batches are kept. */
        record Head(String json, Set<FeedType> feeds) {}

        StoredWriter(
                JsonMapper json,
                LocalDate asOf,
                Instant registryAsOf,
                Map<String, PolicyParameters.Definition> definitions) {
            this.json = json;
            this.asOf = asOf;
            this.registryAsOf = registryAsOf;
            this.definitions = definitions;
        }

        /** The number of the head shared by the alerts of {@code pass} for exactly {@code fired}. */
        int head(PassInfo pass, List<RuleSets.Rule> fired) {
            StringBuilder key = new StringBuilder().append(pass.index());
            fired.forEach(r -> key.append(',').append(r.code()));
            return numbers.computeIfAbsent(key.toString(), k -> {
                heads.add(shared(pass, fired));
                return heads.size() - 1;
            });
        }

        /** The heads by number. */
        List<Head> heads() {
            return heads;
        }

        private Head shared(PassInfo pass, List<RuleSets.Rule> fired) {
            Set<FeedType> feeds = new LinkedHashSet<>();
            Map<String, Object> params = new LinkedHashMap<>();
            for (RuleSets.Rule rule : fired) {
                for (String id : pass.compiled().get(rule.code()).identifiers()) {
                    Indicator ind = Indicator.byId(id).orElse(null);
                    if (ind != null) {
                        feeds.addAll(ind.feeds());
                    } else if (!params.containsKey(id)) {
                        params.put(id, parameter(id, pass, definitions.get(id)));
                    }
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("form", FORM);
            out.put("asOf", asOf.toString());
            out.put("registryAsOf", registryAsOf.toString());
            Map<String, Object> ruleSet = new LinkedHashMap<>();
            ruleSet.put("id", pass.ruleSet().id().toString());
            ruleSet.put("version", pass.ruleSet().version());
            ruleSet.put("name", pass.ruleSet().name());
            out.put("ruleSet", ruleSet);
            out.put("parameters", params);
            String shared = json.writeValueAsString(out);
            // the object stays open: the alert's indicators and sources follow
            return new Head(shared.substring(0, shared.length() - 1) + ",\"indicators\":", feeds);
        }
    }

    /**
     * DuckDB SQL for each alert's own part of its stored explanation, which closes the object its head opened: the
     * indicators its pass computed, in {@link Indicator} order (numbers computed in floating point rounded half up
     * to cents, ratios to four places, from their shortest decimal form; one without a value, or not a number, left
     * out), then its feed
     * batches in feed, period and batch order. Reads {@code f} (the run's flagged households: {@code rule_set} is
     * the pass's index) with {@code types} (its columns' DuckDB types by name), and {@code kept} (household_id,
     * sources: the household's batches already as JSON objects, comma-separated — see {@link #sourcesSql}).
     */
    static String bodySql(List<PassInfo> passes, Map<String, String> types) {
        StringBuilder b = new StringBuilder("case f.rule_set::varchar");
        for (PassInfo pass : passes) {
            Set<String> computed = pass.computed();
            // each indicator with a value as ',"id":value' (one without is left out, as Jackson leaves out nulls);
            // the first comma is cut
            StringBuilder pairs = new StringBuilder();
            for (Indicator i : Indicator.values()) {
                String value = computed.contains(i.id()) ? value(i, types.get(i.id())) : null;
                if (value != null) {
                    pairs.append(pairs.isEmpty() ? "" : " || ")
                            .append("coalesce(',\"")
                            .append(i.id())
                            .append("\":' || ")
                            .append(value)
                            .append(", '')");
                }
            }
            b.append(" when '")
                    .append(pass.index())
                    .append("' then ")
                    .append(pairs.isEmpty() ? "'{}'" : "'{' || substr(" + pairs + ", 2) || '}'");
        }
        return b.append(" end || ',\"sources\":[' || coalesce(kept.sources, '') || ']}'")
                .toString();
    }

    /**
     * One indicator's value as JSON text, null when it has none ({@code type}: its column's DuckDB type; null: the
     * result has no such column).
     */
    static String value(Indicator i, String type) {
        String c = "f." + i.id();
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "DOUBLE", "FLOAT" -> {
                int scale = i.unit().equals("RATIO") ? 4 : 2;
                String half = scale == 4 ? "0.00005" : "0.005";
                String zero = scale == 4 ? "'0.0000'" : "'0.00'";
                // below half the last place the value rounds to zero; DuckDB writes such doubles in exponent form,
                // which its decimal cast rounds wrongly (7e-06 → 0.0001). 64-bit decimals are ten times as fast to
                // parse as 128-bit ones; the rare larger value takes the wide path
                yield "case when not isfinite(" + c + ") then null when abs(" + c + ") < " + half + " then " + zero
                        + " else coalesce(try_cast(" + c + "::varchar as decimal(18, " + scale + "))::varchar, (" + c
                        + "::varchar)::decimal(38, " + scale + ")::varchar) end";
            }
            case "VARCHAR" -> "to_json(" + c + ")::varchar";
            default -> c + "::varchar";
        };
    }

    /**
     * DuckDB SQL of a household's feed batches in {@code s} (rows of the run's sources, grouped by household) as
     * JSON objects, comma-separated, each with its feed, period (year-month), batch id, rows and, where the feed has
     * one, the amount. The objects begin with feed, period and batch id so that sorting their text puts them in
     * that order (a sorted list: an ordered aggregate costs twice as much).
     */
    static String sourcesSql() {
        return "array_to_string(list_sort(list('{\"feed\":' || to_json(s.feed::varchar) || ',\"period\":\"'"
                + " || strftime(s.period, '%Y-%m') || '\",\"batchId\":' || to_json(s.batch_id::varchar)"
                + " || ',\"rows\":' || s.rows_::varchar || coalesce(',\"amount\":' || s.amount::varchar, '')"
                + " || '}')), ',')";
    }

    /** A parameter's value as the run used it, its names, and where the value came from. */
    private static Map<String, Object> parameter(String key, PassInfo pass, PolicyParameters.Definition d) {
        Map<String, Object> p = new LinkedHashMap<>();
        PolicyParameters.Value v = pass.parameters().get(key);
        p.put("nameZh", d == null ? key : d.nameZh());
        p.put("nameEn", d == null ? key : d.nameEn());
        p.put("unit", d == null ? "" : d.unit());
        p.put("value", pass.values().get(key));
        if (v != null && v.value().compareTo(pass.values().get(key)) == 0) {
            p.put("validFrom", v.validFrom().toString());
            p.put("province", v.provinceCode());
            p.put("source", v.sourceNote());
        } else {
            p.put("source", "what-if");
        }
        return p;
    }

    /** The shown form of a stored explanation, for the alert's rules (those written earlier are shown as stored). */
    public JsonNode shown(String stored, List<String> rules) {
        JsonNode facts = json.readTree(stored);
        if (!FORM.equals(facts.path("form").asString(""))) {
            return facts;
        }
        RuleSets.RuleSet set =
                ruleSet(UUID.fromString(facts.path("ruleSet").path("id").asString()));
        Map<String, RuleExpression.Type> vocabulary = new HashMap<>(INDICATOR_TYPES);
        facts.path("parameters").propertyNames().forEach(k -> vocabulary.put(k, RuleExpression.Type.NUMBER));
        List<Map<String, Object>> explained = new ArrayList<>();
        for (String code : rules) {
            set.rule(code)
                    .ifPresent(r -> explained.add(rule(r, RuleExpression.parse(r.expression(), vocabulary), facts)));
        }
        ObjectNode out = json.createObjectNode();
        out.set("asOf", facts.path("asOf"));
        out.set("registryAsOf", facts.path("registryAsOf"));
        out.set("ruleSet", facts.path("ruleSet"));
        out.set("rules", json.valueToTree(explained));
        out.set("indicators", facts.path("indicators"));
        return out;
    }

    private static Map<String, RuleExpression.Type> indicatorTypes() {
        Map<String, RuleExpression.Type> types = new HashMap<>();
        for (Indicator i : Indicator.values()) {
            types.put(i.id(), i.type());
        }
        return Map.copyOf(types);
    }

    /** A run's rules never change once the set is active, so each set is read once. */
    private RuleSets.RuleSet ruleSet(UUID id) {
        RuleSets.RuleSet cached = frozen.get(id);
        if (cached != null) {
            return cached;
        }
        RuleSets.RuleSet set = ruleSets.get(id);
        if (set.status() == RuleSets.Status.ACTIVE) {
            frozen.put(id, set);
        }
        return set;
    }

    private static Map<String, Object> rule(RuleSets.Rule rule, RuleExpression e, JsonNode facts) {
        JsonNode indicators = facts.path("indicators");
        JsonNode params = facts.path("parameters");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("code", rule.code());
        r.put("nameZh", rule.nameZh());
        r.put("nameEn", rule.nameEn());
        r.put("severity", rule.severity().name());
        r.put("cause", rule.cause().name());
        r.put("expression", e.source());
        r.put("textZh", e.render(id -> label(id, true, indicators, params), true));
        r.put("textEn", e.render(id -> label(id, false, indicators, params), false));
        List<Map<String, Object>> shownFacts = new ArrayList<>();
        List<Map<String, Object>> shownParams = new ArrayList<>();
        Set<String> feeds = new LinkedHashSet<>();
        for (String id : e.identifiers()) {
            Indicator ind = Indicator.byId(id).orElse(null);
            if (ind != null) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("name", id);
                f.put("labelZh", ind.zh());
                f.put("labelEn", ind.en());
                f.put("value", indicators.get(id));
                f.put("unit", ind.unit());
                shownFacts.add(f);
                ind.feeds().forEach(t -> feeds.add(t.name()));
            } else {
                JsonNode p = params.path(id);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", id);
                m.put("nameZh", p.path("nameZh").asString(id));
                m.put("nameEn", p.path("nameEn").asString(id));
                m.put("value", p.get("value"));
                for (String k : List.of("validFrom", "province", "source")) {
                    if (p.has(k)) {
                        m.put(k, p.get(k));
                    }
                }
                shownParams.add(m);
            }
        }
        r.put("facts", shownFacts);
        r.put("parameters", shownParams);
        List<Map<String, Object>> sources = new ArrayList<>();
        for (JsonNode s : facts.path("sources")) {
            String feed = s.path("feed").asString();
            if (feeds.contains(feed)) {
                FeedType t = FeedType.valueOf(feed);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("feed", feed);
                m.put("feedZh", t.zh());
                m.put("feedEn", t.en());
                s.properties().forEach(p -> {
                    if (!p.getKey().equals("feed")) {
                        m.put(p.getKey(), p.getValue());
                    }
                });
                sources.add(m);
            }
        }
        r.put("sources", sources);
        return r;
    }

    /** An identifier for people: its label and value, e.g. 家庭年人均纯收入(5,800.00). */
    private static String label(String id, boolean zh, JsonNode indicators, JsonNode params) {
        Indicator ind = Indicator.byId(id).orElse(null);
        if (ind != null) {
            return (zh ? ind.zh() : ind.en()) + "(" + format(value(indicators.get(id)), ind.unit(), zh) + ")";
        }
        JsonNode p = params.path(id);
        String name = p.path(zh ? "nameZh" : "nameEn").asString(id);
        return name + "(" + format(value(p.get("value")), p.path("unit").asString(""), zh) + ")";
    }

    private static Object value(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        return n.asString();
    }

    static String format(Object v, String unit, boolean zh) {
        if (v == null) {
            return zh ? "无数据" : "no data";
        }
        if (v instanceof Boolean b) {
            return b ? (zh ? "是" : "yes") : (zh ? "否" : "no");
        }
        if (v instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            if (unit.equals("RATIO")) {
                return d.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
            }
            if (unit.equals("CNY")) {
                return grouped(d.setScale(2, RoundingMode.HALF_UP).toPlainString());
            }
            return d.stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    /** {@code -1234567.80} as {@code -1,234,567.80}: what {@code %,.2f} prints, without a Formatter per value. */
    static String grouped(String plain) {
        int sign = plain.startsWith("-") ? 1 : 0;
        int dot = plain.indexOf('.');
        int end = dot < 0 ? plain.length() : dot;
        StringBuilder b = new StringBuilder(plain.length() + 6).append(plain, 0, sign);
        for (int i = sign; i < end; i++) {
            if (i > sign && (end - i) % 3 == 0) {
                b.append(',');
            }
            b.append(plain.charAt(i));
        }
        return b.append(plain, end, plain.length()).toString();
    }
}
