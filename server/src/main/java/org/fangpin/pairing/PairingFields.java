package org.fangpin.pairing;

import java.util.List;
import java.util.Map;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.fangpin.monitoring.PolicyParameters;

/** The field checks the pairing module's commands share: text lengths, the refusal, parameters with their defaults. */
final class PairingFields {

    private PairingFields() {}

    /** A cadre's phone: a mobile number, or a landline with its area code. */
    static final String PHONE = "1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}";

    /** A text field of at most {@code max} characters once stripped; when required, not blank. */
    static void text(
            Messages messages, List<FieldProblem> problems, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(FieldProblem.of(field, messages.get("team.required")));
            }
        } else if (value.strip().length() > max) {
            problems.add(FieldProblem.of(field, messages.get("team.too-long", Integer.toString(max))));
        }
    }

    /** Refuses the command with every problem found (422), or does nothing. */
    static void raise(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
    }

    /** The text stripped; null when blank. */
    static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A parameter's whole value, or the shipped default when a province has none in force. */
    static int number(Map<String, PolicyParameters.Value> values, String key, int fallback) {
        PolicyParameters.Value v = values.get(key);
        return v == null ? fallback : v.value().intValue();
    }

    /** A year asked for: 400 beyond 2000–2100 (no record of this platform lies there). */
    static void year(Messages messages, int year) {
        if (year < 2000 || year > 2100) {
            throw ApiException.badRequest("pairing.year", Integer.toString(year));
        }
    }
}
