package org.fangpin.security;

import java.util.List;
import java.util.function.Supplier;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * 系统任务: work that no user asked for — the daily monitoring run, the drop folder, audit anchors, the demo, a
 * command-line command — runs as an explicit system actor with a name ({@code system:daily-monitoring}) that the
 * audit log records. The system actor holds every permission and the whole region tree; the absence of a user holds
 * nothing.
 */
public final class SystemActor {

    public static final String PREFIX = "system:";

    private SystemActor() {}

    /** Runs work as the system actor named {@code system:<task>}; the caller's identity is restored afterwards. */
    public static <T> T call(String task, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new Token(PREFIX + task));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void run(String task, Runnable work) {
        call(task, () -> {
            work.run();
            return null;
        });
    }

    /** Whether this authentication is the system actor's. */
    public static boolean is(Authentication auth) {
        return auth instanceof Token;
    }

    /** The system actor's authentication; only {@link SystemActor} creates one. */
    private static final class Token extends AbstractAuthenticationToken {
        private final String name;

        private Token(String name) {
            super(List.of(new SimpleGrantedAuthority("ROLE_SYSTEM")));
            this.name = name;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return name;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
