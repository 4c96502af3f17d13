package org.fangpin.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.fangpin.security.AuditLog;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "audit", description = "Audit log: verify (recompute the hash chain)")
class AuditCommand extends SpringOptions implements Callable<Integer> {

    @Parameters(index = "0", description = "verify")
    String what;

    @Override
    public Integer call() {
        if (!"verify".equals(what)) {
            throw new IllegalArgumentException("unknown audit command " + what + " (verify)");
        }
        try (ConfigurableApplicationContext ctx = AppContext.start(springProperties())) {
            Optional<Long> broken = ctx.getBean(AuditLog.class).verify();
            if (broken.isEmpty()) {
                System.out.println("audit log intact");
                return 0;
            }
            System.out.println("audit log BROKEN at entry " + broken.get()
                    + ": that entry or the one before it was altered, removed or reordered");
            return 3;
        }
    }
}
