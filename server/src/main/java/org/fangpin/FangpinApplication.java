package org.fangpin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Fangpin 防返贫动态监测与帮扶平台. The jar's entry point is the command line ({@code org.fangpin.cli.FangpinCommand});
 * this {@code main} starts the web application directly, e.g. from an IDE.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FangpinApplication {

    public static void main(String[] args) {
        SpringApplication.run(FangpinApplication.class, args);
    }
}
