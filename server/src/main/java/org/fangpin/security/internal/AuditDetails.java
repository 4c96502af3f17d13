package org.fangpin.security.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit entry's detail (JSON, as recorded) for people: each field by its name in the reader's language, each
 * code by its label ({@code INDUSTRY_FAILURE} → 产业失败), yes/no for flags. The recorded JSON stays available beside
 * it for those who need the record as written.
 */
@Component("auditDetails")
public class AuditDetails {

    /** One line of a detail: its field (with the part it belongs to, e.g. 改后 · 风险类型) and its value. */
    public record Line(String field, String value) {}

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

    /** Where a field's name may already be written, in this order. */
    private static final List<String> FIELD_KEYS =
            List.of("audit.field.", "field.", "case.field.", "plan.field.", "grievance.field.");

    private final Messages messages;
    private final JsonMapper json;

    /**
     * Every code of every labelled value to the value (the first type's, when two types share a code): found by a
     * classpath scan at the first detail read, not at start-up.
     */
    private final SingletonSupplier<Map<String, Labelled>> codes = SingletonSupplier.of(AuditDetails::labelledCodes);

    AuditDetails(Messages messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    private static Map<String, Labelled> labelledCodes() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AssignableTypeFilter(Labelled.class));
        Map<String, Labelled> out = new HashMap<>();
        scan.findCandidateComponents("org.fangpin").stream()
                .map(BeanDefinition::getBeanClassName)
                .sorted()
                .forEach(name -> {
                    try {
                        Object[] values = Class.forName(name).getEnumConstants();
                        if (values != null) {
                            for (Object v : values) {
                                out.putIfAbsent(((Labelled) v).name(), (Labelled) v);
                            }
                        }
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException(e);
                    }
                });
        return Map.copyOf(out);
    }

    /** The detail's lines; none for an empty detail, one line holding the text for a detail that is not JSON. */
    public List<Line> lines(String detail) {
        List<Line> out = new ArrayList<>();
        if (detail == null || detail.isBlank()) {
            return out;
        }
        JsonNode root;
        try {
            root = json.readTree(detail);
        } catch (RuntimeException e) {
            out.add(new Line("", detail));
            return out;
        }
        flatten("", root, out);
        return out;
    }

    private void flatten(String prefix, JsonNode node, List<Line> out) {
        if (node.isObject()) {
            for (String key : node.propertyNames()) {
                String field = field(key);
                flatten(prefix.isEmpty() ? field : prefix + " · " + field, node.get(key), out);
            }
        } else {
            out.add(new Line(prefix, value(node)));
        }
    }

    private String field(String key) {
        for (String k : FIELD_KEYS) {
            Optional<String> name = messages.find(k + key);
            if (name.isPresent()) {
                return name.get();
            }
        }
        return key;
    }

    private String value(JsonNode node) {
        if (node == null || node.isNull()) {
            return "—";
        }
        if (node.isBoolean()) {
            return messages.get(node.booleanValue() ? "yes" : "no");
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(value(n)));
            return String.join("、", parts);
        }
        if (node.isNumber()) {
            return node.asString();
        }
        String text = node.asString();
        if (text.startsWith("[") && text.endsWith("]")) { // a list recorded as its text: [A, B]
            String inner = text.substring(1, text.length() - 1).strip();
            return inner.isEmpty()
                    ? "—"
                    : Arrays.stream(inner.split(",\\s*")).map(this::code).collect(Collectors.joining("、"));
        }
        return code(text);
    }

    private String code(String text) {
        int colon = text.indexOf(':');
        if (colon > 0 && CODE.matcher(text.substring(colon + 1)).matches()) { // feed:DISASTER
            String kind = text.substring(0, colon);
            return messages.find("audit.value." + kind).orElse(kind) + "：" + code(text.substring(colon + 1));
        }
        if (colon > 0) { // a row of a list kept whole, e.g. household:way:planned:actual — its codes in words
            String[] parts = text.split(":", -1);
            if (Arrays.stream(parts)
                    .anyMatch(p -> CODE.matcher(p).matches() && codes.obtain().get(p) != null)) {
                return Arrays.stream(parts)
                        .filter(p -> !p.isEmpty())
                        .map(p -> CODE.matcher(p).matches() ? code(p) : p)
                        .collect(Collectors.joining(" "));
            }
        }
        if (text.matches("[a-z][A-Za-z]*(,[a-z][A-Za-z]*)+")) { // the fields read: idNumber,phone
            List<String> fields =
                    Arrays.stream(text.split(",")).map(this::field).toList();
            return String.join("、", fields);
        }
        if (text.matches("[a-z]+(-[a-z]+)*")) { // households, regions, field-checks
            return messages.find("audit.value." + text).orElse(text);
        }
        if (CODE.matcher(text).matches()) {
            Labelled l = codes.obtain().get(text);
            if (l != null) {
                return l.label(messages.locale());
            }
            return messages.find("audit.value." + text).orElse(text);
        }
        return text;
    }
}
