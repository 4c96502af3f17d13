package org.fangpin.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Unmatched;

/** Base of commands that start the application: they take Spring settings as {@code --name=value}, e.g. {@code --spring.datasource.url=...}. */
abstract class SpringOptions {

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    Map<String, Object> springProperties() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String a : springArgs) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("not a --name=value setting: " + a);
            }
            m.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        return m;
    }
}
