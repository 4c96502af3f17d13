package org.fangpin.common.problem;

/** One field-level reason inside a problem document: which field, why, and (masked where sensitive) its value. */
public record FieldProblem(String field, String reason, String value) {

    public static FieldProblem of(String field, String reason) {
        return new FieldProblem(field, reason, null);
    }
}
