package org.fangpin.common.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fangpin.common.problem.ApiException;
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

    @ExceptionHandler(ApiException.class)
    ModelAndView apiException(ApiException ex, HttpServletResponse response) {
        return errorPage(ex.status(), response);
    }

    /** A malformed page request (not a multipart upload, a missing or unconvertible parameter) is a 400. */
    @ExceptionHandler({
        MultipartException.class,
        ServletRequestBindingException.class,
        MissingServletRequestPartException.class,
        MethodArgumentTypeMismatchException.class
    })
    ModelAndView badRequest(Exception ex, HttpServletResponse response) {
        return errorPage(HttpStatus.BAD_REQUEST, response);
    }

    private static ModelAndView errorPage(HttpStatus status, HttpServletResponse response) {
        response.setStatus(status.value());
        ModelAndView mav = new ModelAndView("error");
        mav.addObject("status", status.value());
        mav.setStatus(status);
        return mav;
    }
}
