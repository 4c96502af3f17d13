package org.fangpin.cli;

import java.util.List;
import java.util.Optional;
import org.fangpin.security.AuditLog;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "audit",
        description = {
            "Audit log: verify (recompute the hash chain and check every anchor written outside the database)",
            "| anchor (write the chain's head to the anchor file now; the server does so every 10 minutes)"
        })
class AuditCommand extends SpringOptions {

    @Parameters(index = "0", description = "verify | anchor")
    String what;

    @Override
    Integer work() {
        if (!"verify".equals(what) && !"anchor".equals(what)) {
            throw new IllegalArgumentException("unknown audit command " + what + " (verify | anchor)");
        }
        try (ConfigurableApplicationContext ctx = AppContext.start(springProperties())) {
            AuditLog audit = ctx.getBean(AuditLog.class);
            if ("anchor".equals(what)) {
                System.out.println(audit.anchor()
                        .map(seq -> "audit log anchored at entry " + seq)
                        .orElse("audit log empty: nothing to anchor"));
                return 0;
            }
            Optional<Long> broken = audit.verify();
            List<AuditLog.AnchorProblem> anchors = audit.checkAnchors();
            System.out.println("anchors: " + audit.anchorFile().toAbsolutePath());
            if (broken.isEmpty() && anchors.isEmpty()) {
                System.out.println("audit log intact; every anchor holds");
                return 0;
            }
            broken.ifPresent(seq -> System.out.println("audit log BROKEN at entry " + seq
                    + ": that entry or the one before it was altered, removed or reordered"));
            for (AuditLog.AnchorProblem p : anchors) {
                System.out.println("anchor line " + p.line() + " (entry " + p.seq() + ", written " + p.anchoredAt()
                        + "): "
                        + switch (p.fault()) {
                            case MISSING -> "the entry is gone: the newest entries were cut off";
                            case ALTERED -> "the entry's hash differs: the chain was recomputed after a change";
                            case BAD_SIGNATURE -> "the anchor line is not signed with this installation's key";
                            case OUT_OF_ORDER -> "anchors out of order: the anchor file was edited";
                        });
            }
            return 3;
        }
    }
}
