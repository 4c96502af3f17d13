package org.fangpin.common.problem;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A failure the client can act on. Rendered as an RFC 9457 problem document whose title and detail come from
 * {@code problem.<slug>.title} and {@code messageKey} in the user's language.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String messageKey;
    private final transient Object[] args;
    private final List<FieldProblem> fieldProblems;

    public ApiException(
            HttpStatus status, String slug, String messageKey, List<FieldProblem> fieldProblems, Object... args) {
        super(messageKey);
        this.status = status;
        this.slug = slug;
        this.messageKey = messageKey;
        this.args = args;
        this.fieldProblems = List.copyOf(fieldProblems);
    }

    public static ApiException notFound(String messageKey, Object... args) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", messageKey, List.of(), args);
    }

    public static ApiException invalid(List<FieldProblem> problems) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "validation", "problem.validation.detail", problems);
    }

    public static ApiException invalid(String field, String reason) {
        return invalid(List.of(FieldProblem.of(field, reason)));
    }

    public static ApiException badRequest(String messageKey, Object... args) {
        return new ApiException(HttpStatus.BAD_REQUEST, "bad-request", messageKey, List.of(), args);
    }

    public static ApiException conflict(String messageKey, Object... args) {
        return new ApiException(HttpStatus.CONFLICT, "conflict", messageKey, List.of(), args);
    }

    public static ApiException preconditionFailed(String messageKey, Object... args) {
        return new ApiException(HttpStatus.PRECONDITION_FAILED, "precondition-failed", messageKey, List.of(), args);
    }

    public static ApiException preconditionRequired() {
        return new ApiException(
                HttpStatus.PRECONDITION_REQUIRED, "precondition-required", "problem.if-match-required", List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args;
    }

    public List<FieldProblem> fieldProblems() {
        return fieldProblems;
    }
}
