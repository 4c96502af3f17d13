package org.fangpin.common.i18n;

import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

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

    /**
     * The language chosen on a page ({@code ?lang=en}, kept in a cookie) wins; otherwise Accept-Language; Chinese
     * when neither asks for English.
     */
    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver header = new AcceptHeaderLocaleResolver();
        header.setSupportedLocales(List.of(Locale.SIMPLIFIED_CHINESE, Locale.CHINESE, Locale.ENGLISH, Locale.US));
        header.setDefaultLocale(Messages.DEFAULT_LOCALE);
        CookieLocaleResolver resolver = new CookieLocaleResolver("fangpin-lang");
        resolver.setDefaultLocaleFunction(request -> Messages.effective(header.resolveLocale(request)));
        return resolver;
    }

    @Bean
    WebMvcConfigurer languageSwitch() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
                interceptor.setParamName("lang");
                interceptor.setIgnoreInvalidLocale(true);
                registry.addInterceptor(interceptor);
            }
        };
    }
}
