package org.fangpin.common.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.ProblemResponses;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where the servlet container sends every error no handler answered (an unknown route, a refused content type, a
 * request the firewall rejected, an exception in a filter): a problem document for the API and for clients that do
 * not ask for HTML, the layout's error page for a browser. Requested directly, {@code /error} is a 404.
 */
@Controller
class ErrorRoute implements ErrorController {

    private final ProblemResponses problems;

    ErrorRoute(ProblemResponses problems) {
        this.problems = problems;
    }

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) {
        int status = status(request);
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path == null) {
            path = request.getRequestURI();
        }
        if (!wantsPage(request, path)) {
            problems.writeStatus(request, response, status, path);
            return null;
        }
        return PageErrorAdvice.errorPage(HttpStatus.valueOf(status), response);
    }

    private static int status(HttpServletRequest request) {
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof ApiException api) {
            return api.status().value();
        }
        if (exception instanceof InvalidParameterException) {
            return HttpStatus.BAD_REQUEST.value(); // an undecodable query string read by a filter
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer c && HttpStatus.resolve(c) != null && c >= 400) {
            return c;
        }
        return code == null ? HttpStatus.NOT_FOUND.value() : HttpStatus.INTERNAL_SERVER_ERROR.value();
    }

    /** The API and the machine-readable routes always answer in problem documents; pages to browsers only. */
    static boolean wantsPage(HttpServletRequest request, String path) {
        if (RequestSupport.isApiPath(path)) {
            return false;
        }
        String accept = request.getHeader("Accept");
        try {
            return accept != null
                    && MediaType.parseMediaTypes(accept).stream()
                            .anyMatch(m -> m.isCompatibleWith(MediaType.TEXT_HTML) && !m.isWildcardType());
        } catch (InvalidMediaTypeException unreadable) {
            return false; // a header nobody can read gets the machine-readable answer
        }
    }
}
