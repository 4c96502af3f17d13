package org.fangpin.common.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A page form's action: its result, or — when refused (stale, wrong stage, invalid field) — nothing, with the
 * reason as a message for the page the form redirects to, and what the user typed ({@code typed}: each field's value,
 * and in {@code typedAll} every value of each field) and the reason of each refused field ({@code invalid}) so that the form
 * comes back as it was sent. Out of scope and forbidden stay errors: the error page with their status.
 */
public final class PageActions {

    private PageActions() {}

    public static <T> Optional<T> run(
            Supplier<T> action, RedirectAttributes flash, Messages messages, String fieldLabels) {
        try {
            return Optional.ofNullable(action.get());
        } catch (ApiException e) {
            if (e.status() == HttpStatus.NOT_FOUND || e.status() == HttpStatus.FORBIDDEN) {
                throw e;
            }
            flash.addFlashAttribute("error", text(e, messages, fieldLabels));
            flash.addFlashAttribute("typed", typed(false));
            flash.addFlashAttribute("typedAll", typed(true));
            flash.addFlashAttribute("typedFor", form());
            Map<String, String> invalid = new LinkedHashMap<>();
            e.fieldProblems().forEach(p -> invalid.merge(p.field(), p.reason(), (a, b) -> a + "；" + b));
            flash.addFlashAttribute("invalid", invalid);
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
                    .append(label(p.field(), messages, fieldLabels))
                    .append(": ")
                    .append(p.reason());
        }
        return b.toString();
    }

    private static final java.util.regex.Pattern ROW =
            java.util.regex.Pattern.compile("(\\w+)\\[(\\d+)](?:\\.(\\w+))?");

    /**
     * A field's label: its own ({@code fieldLabels + field}); for a field of a list's row ({@code rows[2].amount}) the
     * row's number and the label of the row's field ({@code rows.amount}, else {@code amount}); else the field's name.
     */
    private static String label(String field, Messages messages, String fieldLabels) {
        Optional<String> own = messages.find(fieldLabels + field);
        if (own.isPresent()) {
            return own.get();
        }
        java.util.regex.Matcher m = ROW.matcher(field);
        if (!m.matches()) {
            return field;
        }
        String row = messages.get("form.row", Integer.parseInt(m.group(2)) + 1);
        if (m.group(3) == null) {
            return messages.find(fieldLabels + m.group(1)).orElse(m.group(1)) + " · " + row;
        }
        String sub = messages.find(fieldLabels + m.group(1) + "." + m.group(3))
                .or(() -> messages.find(fieldLabels + m.group(3)))
                .orElse(m.group(3));
        return messages.find(fieldLabels + m.group(1)).orElse(m.group(1)) + " · " + row + " · " + sub;
    }

    /**
     * The submitted form's values, but the token and the version it was read at: each field's first value, or
     * ({@code all}) every value of each field, for boxes ticked several times.
     */
    private static Map<String, Object> typed(boolean all) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            a.getRequest().getParameterMap().forEach((name, values) -> {
                if (!name.equals("_csrf") && !name.equals("version")) {
                    out.put(name, all ? List.of(values) : values[0]);
                }
            });
        }
        return out;
    }

    /** Which form was sent: the last segment of its address (e.g. {@code council}). */
    private static String form() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a) {
            String uri = a.getRequest().getRequestURI();
            return uri.substring(uri.lastIndexOf('/') + 1);
        }
        return "";
    }
}
