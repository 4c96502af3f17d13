package org.fangpin.common;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A closed set of domain values with a Chinese label (as in templates and pages) and an English one. */
public interface Labelled {

    String name();

    String zh();

    String en();

    default String label(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? en() : zh();
    }

    /**
     * Every value's code to its label in the language, for pages that show codes in words; a code that two types
     * share keeps the first type's label.
     */
    @SafeVarargs
    static Map<String, String> labels(Locale locale, Class<? extends Labelled>... types) {
        Map<String, String> out = new HashMap<>();
        for (Class<? extends Labelled> type : types) {
            for (Labelled l : type.getEnumConstants()) {
                out.putIfAbsent(l.name(), l.label(locale));
            }
        }
        return out;
    }

    /** Accepts the code ({@code MARGINAL}), the Chinese label or the English label, case-insensitively. */
    static <E extends Enum<E> & Labelled> Optional<E> parse(Class<E> type, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        E e = (E) Lookup.BY_TEXT.get(type).get(text.strip().toLowerCase(Locale.ROOT));
        return Optional.ofNullable(e);
    }

    /** Per enum type, every accepted spelling (lower-cased) to its constant; built once, used per imported cell. */
    final class Lookup {
        private Lookup() {}

        static final ClassValue<Map<String, Object>> BY_TEXT = new ClassValue<>() {
            @Override
            protected Map<String, Object> computeValue(Class<?> type) {
                Map<String, Object> m = new HashMap<>();
                for (Object o : type.getEnumConstants()) {
                    Labelled l = (Labelled) o;
                    m.put(l.name().toLowerCase(Locale.ROOT), o);
                    m.put(l.en().toLowerCase(Locale.ROOT), o);
                    m.put(l.zh().toLowerCase(Locale.ROOT), o);
                }
                return Map.copyOf(m);
            }
        };
    }
}
