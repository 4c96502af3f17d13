package org.fangpin.common.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fangpin.common.problem.ApiException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
        response.setStatus(ex.status().value());
        ModelAndView mav = new ModelAndView("error");
        mav.addObject("status", ex.status().value());
        mav.setStatus(ex.status());
        return mav;
    }
}
