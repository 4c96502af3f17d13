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
        return source.getMessage(key, args, key, effective(locale));
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
        return Optional.ofNullable(source.getMessage(key, args, null, effective(locale)));
    }

    /** The current request's language (Chinese outside a request). */
    public Locale locale() {
        return effective(LocaleContextHolder.getLocale());
    }

    public static Locale effective(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : DEFAULT_LOCALE;
    }
}
