package org.fangpin.ip;

import java.math.BigDecimal;
import java.util.List;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;

/** The field checks the IP module's commands share. */
final class IpFields {

    private IpFields() {}

    /** A Chinese patent or application number: ZL202310123456.7, 202310123456.7, or the older eight or nine digits. */
    static final String PATENT_NUMBER = "(ZL)?[0-9]{8,12}\\.[0-9X]";

    /** A text field of at most {@code max} characters once stripped; when required, not blank. */
    static void text(
            Messages messages, List<FieldProblem> problems, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(FieldProblem.of(field, messages.get("import.error.required")));
            }
        } else if (value.strip().length() > max) {
            problems.add(FieldProblem.of(field, messages.get("import.error.too-long", Integer.toString(max))));
        }
    }

    /** A value that must be given. */
    static void required(Messages messages, List<FieldProblem> problems, String field, Object value) {
        if (value == null) {
            problems.add(FieldProblem.of(field, messages.get("import.error.required")));
        }
    }

    /** A per-cent figure between 0 and 100 with at most two decimals. */
    static void percent(Messages messages, List<FieldProblem> problems, String field, BigDecimal value) {
        if (value == null) {
            problems.add(FieldProblem.of(field, messages.get("import.error.required")));
        } else if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0 || value.scale() > 2) {
            problems.add(FieldProblem.of(field, messages.get("ip.percent")));
        }
    }

    /** A sum of money: positive (or zero when allowed), to the fen. */
    static void money(
            Messages messages, List<FieldProblem> problems, String field, BigDecimal value, boolean zeroAllowed) {
        if (value == null) {
            problems.add(FieldProblem.of(field, messages.get("import.error.required")));
        } else if (value.signum() < 0
                || (!zeroAllowed && value.signum() == 0)
                || value.stripTrailingZeros().scale() > 2
                || value.compareTo(new BigDecimal("999999999999.99")) > 0) {
            problems.add(FieldProblem.of(field, messages.get("ip.money")));
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
}
