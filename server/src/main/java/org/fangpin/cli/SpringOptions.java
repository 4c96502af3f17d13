package org.fangpin.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.fangpin.security.SystemActor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** Base of commands that start the application: they take Spring settings as {@code --name=value}, e.g. {@code --spring.datasource.url=...}. */
abstract class SpringOptions implements Callable<Integer> {

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    /** The command's work, run as the system actor {@code system:cli:<command>} (no user is nobody). */
    @Override
    public final Integer call() throws Exception {
        return asSystem("cli:" + getClass().getAnnotation(Command.class).name(), this::work);
    }

    abstract Integer work() throws Exception;

    static Integer asSystem(String task, Callable<Integer> work) throws Exception {
        try {
            return SystemActor.call(task, () -> {
                try {
                    return work.call();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
        } catch (CompletionException e) {
            throw (Exception) e.getCause();
        }
    }

    Map<String, Object> springProperties() {
        Settings.check(springArgs);
        Map<String, Object> m = new LinkedHashMap<>();
        for (String a : springArgs) {
            int eq = a.indexOf('=');
            // a bare --name switches a Spring setting on (e.g. --debug)
            m.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "true" : a.substring(eq + 1));
        }
        return m;
    }
}
