package org.fangpin.assessment;

import java.util.List;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.FieldProblem;

/** The one check of the assessment forms' free text: present, and no longer than its bound. */
final class Required {

    private Required() {}

    /** Adds the field's reason when the text is blank or, stripped, longer than {@code max} characters. */
    static void text(Messages messages, List<FieldProblem> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(FieldProblem.of(field, messages.get("assessment.finding.required")));
        } else if (value.strip().length() > max) {
            problems.add(FieldProblem.of(field, messages.get("assessment.finding.too-long", Messages.count(max))));
        }
    }
}
