package org.fangpin.common.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem documents written straight to a response, where the MVC exception handlers do not reach: the security
 * filters and the error route. Always {@code application/problem+json}, whatever the request's {@code Accept}
 * asked for (a client that asked for CSV still gets a readable refusal).
 */
@Component
public class ProblemResponses {

    private final Messages messages;
    private final JsonMapper json;

    public ProblemResponses(Messages messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    /**
     * A problem whose title and detail are {@code problem.<slug>.title} and {@code problem.<slug>.detail}; labelled
     * arguments of the detail (e.g. a permission) are named in the caller's language.
     */
    public void write(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug, Object... args) {
        Locale locale = locale(request);
        Object[] named = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            named[i] = args[i] instanceof Labelled l ? l.label(Messages.effective(locale)) : args[i];
        }
        ProblemDetail pd = ProblemDetail.forStatus(status);
        pd.setType(ProblemHandler.type(slug));
        pd.setTitle(messages.get(locale, "problem." + slug + ".title"));
        pd.setDetail(messages.get(locale, "problem." + slug + ".detail", named));
        write(request, response, pd, request.getRequestURI());
    }

    /** A problem for a bare HTTP status (an unknown route, a refused format …) of the request to {@code path}. */
    public void writeStatus(HttpServletRequest request, HttpServletResponse response, int status, String path) {
        Locale locale = locale(request);
        ProblemDetail pd = ProblemDetail.forStatus(status);
        pd.setType(ProblemHandler.type(status >= 500 ? "internal" : "http-" + status));
        if (status >= 500) {
            pd.setTitle(messages.get(locale, "problem.internal.title"));
            pd.setDetail(messages.get(locale, "problem.internal.detail"));
        } else {
            pd.setTitle(messages.get(locale, "problem.http.title", status));
            pd.setDetail(messages.find(locale, "problem.http." + status)
                    .orElseGet(() -> messages.get(locale, "problem.http.other")));
        }
        write(request, response, pd, path);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail pd, String path) {
        if (path != null) {
            try {
                pd.setInstance(URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                // a malformed path (what was refused) is not repeated back
            }
        }
        response.setStatus(pd.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        try {
            response.getWriter().write(json.writeValueAsString(pd));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No {@code Accept-Language} means Chinese, not the server's locale. */
    private static Locale locale(HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null ? null : request.getLocale();
    }
}
