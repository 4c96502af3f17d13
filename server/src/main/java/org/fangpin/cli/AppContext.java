package org.fangpin.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fangpin.FangpinApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application without its web server, for commands that need the database. */
final class AppContext {

    private AppContext() {}

    /** Properties are passed as command-line arguments so that they override application.yml. */
    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return start(properties, WebApplicationType.NONE);
    }

    static ConfigurableApplicationContext start(Map<String, Object> properties, WebApplicationType type) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("fangpin.demo.on-empty-start", "false");
        all.putAll(properties);
        String[] args = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(FangpinApplication.class)
                .web(type)
                .logStartupInfo(false)
                .run(args);
    }
}
