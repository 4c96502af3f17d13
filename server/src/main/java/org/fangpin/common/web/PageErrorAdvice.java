package org.fangpin.common.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Pages get the error page with the failure's status (e.g. 404 for an unknown household); REST controllers are
 * answered first by the problem-document handler, which has higher precedence.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrorAdvice {

    private final ProblemResponses problems;

    PageErrorAdvice(ProblemResponses problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ApiException.class)
    ModelAndView apiException(ApiException ex, HttpServletRequest request, HttpServletResponse response) {
        return answer(ex.status(), request, response);
    }

    /** A malformed page request (not a multipart upload, a missing or unconvertible parameter) is a 400. */
    @ExceptionHandler({
        MultipartException.class,
        ServletRequestBindingException.class,
        MissingServletRequestPartException.class,
        MethodArgumentTypeMismatchException.class,
        InvalidParameterException.class
    })
    ModelAndView badRequest(Exception ex, HttpServletRequest request, HttpServletResponse response) {
        return answer(HttpStatus.BAD_REQUEST, request, response);
    }

    /** The error page; a problem document when the failing page controller is the error route of an API call. */
    private ModelAndView answer(HttpStatus status, HttpServletRequest request, HttpServletResponse response) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String s ? s : request.getRequestURI();
        if (RequestSupport.isApiPath(path)) {
            problems.writeStatus(request, response, status.value(), path);
            return null;
        }
        return errorPage(status, response);
    }

    static ModelAndView errorPage(HttpStatus status, HttpServletResponse response) {
        response.setStatus(status.value());
        ModelAndView mav = new ModelAndView("error");
        mav.addObject("status", status.value());
        mav.setStatus(status);
        return mav;
    }
}
