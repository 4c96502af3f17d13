package org.fangpin.cli;

import java.util.Map;
import org.fangpin.FangpinApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the application without its web server, for commands that need the database. */
final class AppContext {

    private AppContext() {}

    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return new SpringApplicationBuilder(FangpinApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("fangpin.demo.on-empty-start", "false"))
                .properties(properties)
                .logStartupInfo(false)
                .run();
    }

    static ConfigurableApplicationContext start() {
        return start(Map.of());
    }
}
