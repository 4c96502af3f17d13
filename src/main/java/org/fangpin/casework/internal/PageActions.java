package org.fangpin.casework.internal;

import java.util.Optional;
import java.util.function.Supplier;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A page form's action: its result, or — when refused (stale, wrong stage, invalid field) — nothing, with the
 * reason as a message for the page the form redirects to. Out of scope and forbidden stay errors: the error page
 * with their status.
 */
final class PageActions {

    private PageActions() {}

    static <T> Optional<T> run(Supplier<T> action, RedirectAttributes flash, Messages messages, String fieldLabels) {
        try {
            return Optional.ofNullable(action.get());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                throw e;
            }
            flash.addFlashAttribute("error", text(e, messages, fieldLabels));
            return Optional.empty();
        }
    }

    /** The problem in words: its message, or each field's label (from {@code fieldLabels + field}) and reason. */
    private static String text(ApiException e, Messages messages, String fieldLabels) {
        if (e.fieldProblems().isEmpty()) {
            return messages.get(e.messageKey(), e.args());
        }
        StringBuilder b = new StringBuilder();
        for (var p : e.fieldProblems()) {
            b.append(b.isEmpty() ? "" : "；")
                    .append(messages.find(fieldLabels + p.field()).orElse(p.field()))
                    .append(": ")
                    .append(p.reason());
        }
        return b.toString();
    }
}
