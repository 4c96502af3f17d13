package org.fangpin.common.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.fangpin.common.i18n.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/** Turns every API failure into an RFC 9457 problem document in the user's language; never a stack trace. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Messages messages;

    ProblemHandler(Messages messages) {
        this.messages = messages;
    }

    static URI type(String slug) {
        return URI.create("urn:fangpin:problem:" + slug);
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handleApi(ApiException ex, HttpServletRequest request) {
        ProblemDetail pd = ProblemDetail.forStatus(ex.status());
        pd.setType(type(ex.slug()));
        pd.setTitle(messages.get("problem." + ex.slug() + ".title"));
        pd.setDetail(messages.get(ex.messageKey(), ex.args()));
        pd.setInstance(URI.create(request.getRequestURI()));
        if (!ex.fieldProblems().isEmpty()) {
            pd.setProperty("errors", ex.fieldProblems());
        }
        return ResponseEntity.status(ex.status()).body(pd);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = ex.getBindingResult().getFieldErrors().stream()
                .map(fe -> FieldProblem.of(fe.getField(), messages.get(fe)))
                .toList();
        ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        pd.setType(type("validation"));
        pd.setTitle(messages.get("problem.validation.title"));
        pd.setDetail(messages.get("problem.validation.detail"));
        pd.setProperty("errors", problems);
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(pd);
    }

    /** Unreadable JSON: name the field whose value has the wrong type, if Jackson knows it. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        log.debug("Unreadable request body: {}", ex.getMessage());
        ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        pd.setType(type("unreadable"));
        pd.setTitle(messages.get("problem.http.title", 400));
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof DatabindException de && !de.getPath().isEmpty()) {
            String path = de.getPath().stream()
                    .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            pd.setDetail(messages.get("problem.unreadable.field", path));
            pd.setProperty("errors", List.of(FieldProblem.of(path, messages.get("problem.unreadable.value"))));
        } else {
            pd.setDetail(messages.get("problem.unreadable.detail"));
        }
        return ResponseEntity.badRequest().body(pd);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        log.debug("Request failed with {}: {}", statusCode, ex.getMessage());
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    /** Spring's own errors (bad JSON, missing parameter, 404 route...) keep their status but get our language. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail pd) {
            String slug = "http-" + statusCode.value();
            pd.setType(type(slug));
            pd.setTitle(messages.get("problem.http.title", statusCode.value()));
            messages.find("problem.http." + statusCode.value()).ifPresent(pd::setDetail);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** A query string that cannot be decoded ({@code %ZZ}) is the client's error. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> handleUndecodable(InvalidParameterException ex, HttpServletRequest request) {
        log.debug("Undecodable parameters on {}: {}", request.getRequestURI(), ex.getMessage());
        ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        pd.setType(type("http-400"));
        pd.setTitle(messages.get("problem.http.title", 400));
        pd.setDetail(messages.get("problem.http.400"));
        return ResponseEntity.badRequest().body(pd);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, HttpServletRequest request) {
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
        ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
        pd.setType(type("internal"));
        pd.setTitle(messages.get("problem.internal.title"));
        pd.setDetail(messages.get("problem.internal.detail"));
        return ResponseEntity.internalServerError().body(pd);
    }
}
