package org.fangpin.security.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.fangpin.security.AuditLog;
import org.fangpin.security.FieldCipher;
import org.fangpin.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Anchors of the audit chain outside the database. The hash chain shows an entry altered, removed or reordered in
 * the middle; it cannot show the newest entries cut off, or the chain recomputed from an altered entry onwards by
 * someone who controls the database. So the chain's head (seq and hash) is written, every few minutes and at
 * start, to an append-only file on the application server ({@code fangpin.audit.anchor-file}) and to the
 * application log, each line signed with an HMAC under the lookup key (held in the configuration or keystore, not
 * in the database). {@code fangpin audit verify} then checks every anchor against the database.
 */
@Component
class AuditAnchors implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AuditAnchors.class);
    private static final String PURPOSE = "audit-anchor";

    private final JdbcClient jdbc;
    private final FieldCipher cipher;
    private final Path file;

    AuditAnchors(
            JdbcClient jdbc,
            FieldCipher cipher,
            @Value("${fangpin.audit.anchor-file:./data/audit-anchors.log}") Path file) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.file = file;
    }

    private record Line(int number, long seq, String hash, Instant at, String mac) {}

    private record Head(long seq, String hash) {}

    @Override
    public void run(ApplicationArguments args) {
        scheduled();
    }

    @Scheduled(
            fixedDelayString = "${fangpin.audit.anchor-interval:10m}",
            initialDelayString = "${fangpin.audit.anchor-interval:10m}")
    void scheduled() {
        try {
            SystemActor.call("audit-anchor", this::anchor);
        } catch (RuntimeException e) {
            log.error("Could not anchor the audit log: {}", e.getMessage());
        }
    }

    /** Writes the chain's head when it moved since the last anchor; the anchored seq, empty for an empty log. */
    synchronized Optional<Long> anchor() {
        Optional<Head> head = jdbc.sql("select seq, hash from audit_log order by seq desc limit 1")
                .query((rs, i) -> new Head(rs.getLong(1), HexFormat.of().formatHex(rs.getBytes(2))))
                .optional();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<Line> lines = read();
        if (!lines.isEmpty()) {
            Line last = lines.get(lines.size() - 1);
            if (last.seq() == head.get().seq()) {
                return Optional.of(last.seq());
            }
            if (last.seq() > head.get().seq()) {
                // never overwrite the evidence: the log is shorter than it was
                log.error(
                        "The audit log ends at entry {} but was anchored at entry {}: entries were removed",
                        head.get().seq(),
                        last.seq());
                return Optional.of(last.seq());
            }
        }
        Instant at = Instant.now();
        String line = head.get().seq() + " " + head.get().hash() + " " + at + " "
                + mac(head.get().seq(), head.get().hash(), at) + "\n";
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (FileChannel out = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
                out.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("Audit anchor: entry {} hash {}", head.get().seq(), head.get().hash());
        return Optional.of(head.get().seq());
    }

    Path file() {
        return file;
    }

    /** Every anchor checked against the database; empty when all hold. */
    List<AuditLog.AnchorProblem> check() {
        List<AuditLog.AnchorProblem> problems = new ArrayList<>();
        long previous = 0;
        for (Line l : read()) {
            if (l.mac() == null || !l.mac().equals(mac(l.seq(), l.hash(), l.at()))) {
                problems.add(
                        new AuditLog.AnchorProblem(l.number(), l.seq(), l.at(), AuditLog.AnchorFault.BAD_SIGNATURE));
                continue;
            }
            if (l.seq() < previous) {
                problems.add(
                        new AuditLog.AnchorProblem(l.number(), l.seq(), l.at(), AuditLog.AnchorFault.OUT_OF_ORDER));
            }
            previous = Math.max(previous, l.seq());
            Optional<String> hash = jdbc.sql("select hash from audit_log where seq = ?")
                    .param(l.seq())
                    .query((rs, i) -> HexFormat.of().formatHex(rs.getBytes(1)))
                    .optional();
            if (hash.isEmpty()) {
                problems.add(new AuditLog.AnchorProblem(l.number(), l.seq(), l.at(), AuditLog.AnchorFault.MISSING));
            } else if (!hash.get().equals(l.hash())) {
                problems.add(new AuditLog.AnchorProblem(l.number(), l.seq(), l.at(), AuditLog.AnchorFault.ALTERED));
            }
        }
        return problems;
    }

    private String mac(long seq, String hash, Instant at) {
        return HexFormat.of().formatHex(cipher.lookup(PURPOSE, seq + "|" + hash + "|" + at));
    }

    private List<Line> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Line> lines = new ArrayList<>();
        try {
            int n = 0;
            for (String text : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                n++;
                String[] f = text.strip().split(" ");
                if (text.isBlank()) {
                    continue;
                }
                try {
                    lines.add(new Line(n, Long.parseLong(f[0]), f[1], Instant.parse(f[2]), f.length > 3 ? f[3] : null));
                } catch (RuntimeException unreadable) {
                    lines.add(new Line(n, -1, "", Instant.EPOCH, null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
