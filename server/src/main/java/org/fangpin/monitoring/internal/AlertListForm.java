package org.fangpin.monitoring.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fangpin.monitoring.Alerts;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.util.UriComponentsBuilder;

/** The alert list's filters as the page's form sends them (blanks are no filter), and its addresses. */
public record AlertListForm(
        String township,
        String village,
        Alerts.Status status,
        String rule,
        String category,
        String severity,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
        String assignee,
        Alerts.Sort sort,
        Integer page) {

    public AlertListForm {
        township = blankToNull(township);
        village = blankToNull(village);
        rule = blankToNull(rule);
        category = blankToNull(category);
        severity = blankToNull(severity);
        assignee = blankToNull(assignee);
        sort = sort == null ? Alerts.Sort.NEWEST : sort;
        page = page == null || page < 1 ? 1 : page;
    }

    public Alerts.Filter filter() {
        return new Alerts.Filter(
                village != null ? village : township, status, assignee, null, null, rule, category, severity, from, to);
    }

    /** This list's address with some parameters changed (null removes one). */
    public String with(Map<String, Object> changed) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("township", township);
        p.put("village", village);
        p.put("status", status);
        p.put("rule", rule);
        p.put("category", category);
        p.put("severity", severity);
        p.put("from", from);
        p.put("to", to);
        p.put("assignee", assignee);
        p.put("sort", sort == Alerts.Sort.NEWEST ? null : sort);
        p.put("page", page == 1 ? null : page);
        p.putAll(changed);
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/alerts");
        p.forEach((k, v) -> {
            if (v != null) {
                b.queryParam(k, v);
            }
        });
        // encoded as values, braces too: a redirect must not read "{x}" typed in a filter as a template variable
        return b.build().encode().toUriString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
