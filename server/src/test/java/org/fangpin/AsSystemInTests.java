package org.fangpin;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

import java.util.function.Supplier;
import org.fangpin.security.SystemActor;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.test.context.web.ServletTestExecutionListener;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Tests call services directly, as the command line and the scheduler do; in production such work runs as the
 * system actor ({@link SystemActor}), and no user at all is nobody. This extension makes a test method's own thread
 * the system actor {@code system:test} whenever it has no signed-in user and is not inside a request: between MockMvc
 * requests (which sign in by themselves and clear the identity afterwards) and around direct service calls. It never
 * reaches into a request: neither while MockMvc runs one, nor when spring-security-test would copy the thread's
 * identity into one. Other threads and the server's threads are untouched, so work that lost its caller's identity
 * still holds nothing (see {@code SystemActorIT}).
 */
public final class AsSystemInTests implements BeforeEachCallback, AfterEachCallback {

    /** A MockMvc with the application's security (requests sign in by themselves). */
    public static MockMvc mockMvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
    }

    private static final ThreadLocal<Boolean> TEST_THREAD = ThreadLocal.withInitial(() -> false);
    private static volatile Authentication system;

    @Override
    public void beforeEach(ExtensionContext context) {
        install();
        TEST_THREAD.set(true);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TEST_THREAD.remove();
    }

    private static synchronized void install() {
        if (system != null) {
            return;
        }
        system = SystemActor.call(
                "test", () -> SecurityContextHolder.getContext().getAuthentication());
        SecurityContextHolder.setContextHolderStrategy(new Fallback(SecurityContextHolder.getContextHolderStrategy()));
    }

    private record Fallback(SecurityContextHolderStrategy delegate) implements SecurityContextHolderStrategy {

        private boolean asSystem(SecurityContext context) {
            return TEST_THREAD.get()
                    && (context == null || context.getAuthentication() == null)
                    && !inRequest()
                    && !askedBySecurityTest();
        }

        /** spring-security-test copies the thread's identity into MockMvc requests: a request never gets this one. */
        private static boolean askedBySecurityTest() {
            return StackWalker.getInstance()
                    .walk(frames ->
                            frames.anyMatch(f -> f.getClassName().startsWith("org.springframework.security.test.")));
        }

        /** Inside a MockMvc request; not the mock request Spring's test framework keeps around every test method. */
        private static boolean inRequest() {
            return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                    && a.getRequest().getAttribute(ServletTestExecutionListener.CREATED_BY_THE_TESTCONTEXT_FRAMEWORK)
                            == null;
        }

        @Override
        public void clearContext() {
            delegate.clearContext();
        }

        @Override
        public SecurityContext getContext() {
            SecurityContext c = delegate.getContext();
            return asSystem(c) ? new SecurityContextImpl(system) : c;
        }

        @Override
        public Supplier<SecurityContext> getDeferredContext() {
            Supplier<SecurityContext> deferred = delegate.getDeferredContext();
            return () -> {
                SecurityContext c = deferred.get();
                return asSystem(c) ? new SecurityContextImpl(system) : c;
            };
        }

        @Override
        public void setContext(SecurityContext context) {
            delegate.setContext(context);
        }

        @Override
        public void setDeferredContext(Supplier<SecurityContext> deferredContext) {
            delegate.setDeferredContext(deferredContext);
        }

        @Override
        public SecurityContext createEmptyContext() {
            return delegate.createEmptyContext();
        }
    }
}
