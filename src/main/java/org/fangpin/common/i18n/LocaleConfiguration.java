package org.fangpin.common.i18n;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

@Configuration(proxyBeanMethods = false)
class LocaleConfiguration {

    /** messages_zh_CN / messages_en; no base bundle, so unknown languages fall back to Chinese, not the JVM's. */
    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        source.setDefaultLocale(Messages.DEFAULT_LOCALE);
        return source;
    }

    /** Chinese first; English when the client asks for it; anything else falls back to Chinese. */
    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.CHINESE, Locale.ENGLISH, Locale.US));
        resolver.setDefaultLocale(Messages.DEFAULT_LOCALE);
        return resolver;
    }
}
