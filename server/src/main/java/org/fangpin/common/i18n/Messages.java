package org.fangpin.common.i18n;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.problem.FieldProblem;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Resolves user-visible text from {@code messages_*.properties}; Chinese is the default language. */
@Component
public class Messages {

    public static final Locale DEFAULT_LOCALE = Locale.SIMPLIFIED_CHINESE;

    private final MessageSource source;

    public Messages(MessageSource source) {
        this.source = source;
    }

    /** Text in the current request's language (or Chinese outside a request). */
    public String get(String key, Object... args) {
        return get(LocaleContextHolder.getLocale(), key, args);
    }

    public String get(Locale locale, String key, Object... args) {
        return source.getMessage(key, plain(args), key, effective(locale));
    }

    /** A count as a message shows it, grouped by thousands (a {@code long} passed as it is would be an id). */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /**
     * A {@code long} argument is an identifier (every id here is one): written as digits, never grouped as a count
     * ({@code 预警线索 2331}, not {@code 2,331}). A count meant to be grouped is formatted by the caller, or passed as
     * an {@code int}; a message read here names a long as plain {@code {n}}, never {@code {n,number}}
     * ({@code MessagesTest} checks).
     */
    private static Object[] plain(Object[] args) {
        if (args == null) {
            return null;
        }
        Object[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Long l) {
                out[i] = Long.toString(l);
            }
        }
        return out;
    }

    /** Text for a Spring resolvable (e.g. a Bean Validation field error) in the current language. */
    public String get(MessageSourceResolvable resolvable) {
        return source.getMessage(resolvable, effective(LocaleContextHolder.getLocale()));
    }

    /**
     * A refusal in words, for a page: its message, or the reasons of its fields (already in the caller's language),
     * joined.
     */
    public String reasonOf(ApiException e) {
        return reasonOf(LocaleContextHolder.getLocale(), e);
    }

    public String reasonOf(Locale locale, ApiException e) {
        return e.fieldProblems().isEmpty()
                ? get(locale, e.messageKey(), e.args())
                : e.fieldProblems().stream().map(FieldProblem::reason).collect(Collectors.joining("；"));
    }

    public Optional<String> find(String key, Object... args) {
        return find(LocaleContextHolder.getLocale(), key, args);
    }

    public Optional<String> find(Locale locale, String key, Object... args) {
        return Optional.ofNullable(source.getMessage(key, plain(args), null, effective(locale)));
    }

    /** The current request's language (Chinese outside a request). */
    public Locale locale() {
        return effective(LocaleContextHolder.getLocale());
    }

    public static Locale effective(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : DEFAULT_LOCALE;
    }
}
