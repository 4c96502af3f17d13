package org.fangpin.common;

import java.util.Locale;
import java.util.Optional;

/** A closed set of domain values with a Chinese label (as in templates and pages) and an English one. */
public interface Labelled {

    String name();

    String zh();

    String en();

    default String label(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en() : zh();
    }

    /** Accepts the code ({@code MARGINAL}), the Chinese label or the English label, case-insensitively. */
    static <E extends Enum<E> & Labelled> Optional<E> parse(Class<E> type, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(t) || e.zh().equals(t) || e.en().equalsIgnoreCase(t)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
