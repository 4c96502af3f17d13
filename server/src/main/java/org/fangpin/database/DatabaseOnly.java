package org.fangpin.database;

import java.util.Map;
import org.fangpin.database.internal.EmbeddedPostgresConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The database alone — the configured server or the embedded one, with the same settings as the application — and
 * nothing else: no migration, no start-up work. For tools that must see the database exactly as it is (backup) or
 * fill an empty one (restore).
 */
public final class DatabaseOnly {

    private DatabaseOnly() {}

    /** Settings are passed as command-line arguments so that they override application.yml. */
    public static ConfigurableApplicationContext start(Map<String, Object> properties) {
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(Context.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(args);
    }

    @Configuration(proxyBeanMethods = false)
    @Import(EmbeddedPostgresConfiguration.class)
    @ImportAutoConfiguration(DataSourceAutoConfiguration.class)
    static class Context {}
}
