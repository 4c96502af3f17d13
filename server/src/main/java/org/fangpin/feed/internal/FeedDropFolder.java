package org.fangpin.feed.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fangpin.common.Department;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ImportRunner;
import org.fangpin.common.problem.ApiException;
import org.fangpin.feed.FeedBatches;
import org.fangpin.feed.FeedIntake;
import org.fangpin.feed.FeedType;
import org.fangpin.security.Actor;
import org.fangpin.security.SystemActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The watched drop folder: a department system that cannot call the API copies its batch files into
 * {@code <drop-dir>/<DEPARTMENT>/<feed type>/<batchId>__<yyyy-MM>.csv} (or {@code .xlsx}); every minute each file
 * that has not changed for a few seconds goes through the same intake as an upload (all-or-nothing, idempotent per
 * batch id, matched and fed back) and is moved to {@code done/} with its outcome ({@code .result.json}) and feedback
 * ({@code .feedback.csv}), or to {@code failed/} with every rejected row ({@code .errors.csv}). Names beginning with
 * a dot or ending in {@code .tmp} or {@code .part} are left alone (files still being written).
 */
@Component
public class FeedDropFolder {

    private static final Logger log = LoggerFactory.getLogger(FeedDropFolder.class);
    private static final Pattern NAME =
            Pattern.compile("([A-Za-z0-9_.:-]{1,100})__(\\d{4}-\\d{2})\\.(csv|xlsx)", Pattern.CASE_INSENSITIVE);

    private final FeedIntake intake;
    private final ImportRunner imports;
    private final FeedBatches batches;
    private final JsonMapper json;
    private final Path root;
    private final Duration settle;
    private final Messages messages;

    FeedDropFolder(
            Messages messages,
            FeedIntake intake,
            ImportRunner imports,
            FeedBatches batches,
            JsonMapper json,
            @Value("${fangpin.feeds.drop-dir:./data/drop}") Path root,
            @Value("${fangpin.feeds.drop-settle:5s}") Duration settle) {
        this.messages = messages;
        this.intake = intake;
        this.imports = imports;
        this.batches = batches;
        this.json = json;
        this.root = root;
        this.settle = settle;
    }

    /** The folder watched. */
    public Path root() {
        return root;
    }

    /** The outcome of one dropped file. */
    public record Outcome(Path file, boolean accepted, String message) {}

    @Scheduled(
            fixedDelayString = "${fangpin.feeds.drop-interval:1m}",
            initialDelayString = "${fangpin.feeds.drop-interval:1m}")
    void scheduled() {
        try {
            SystemActor.call("drop-folder", this::poll);
        } catch (RuntimeException e) {
            log.error("Drop folder {}: {}", root.toAbsolutePath(), e.getMessage());
        }
    }

    /** Takes every settled file once; returns what became of each. */
    public synchronized List<Outcome> poll() {
        List<Outcome> outcomes = new ArrayList<>();
        for (Department d : Department.values()) {
            for (FeedType t : FeedType.values()) {
                Path dir = root.resolve(d.name()).resolve(t.name().toLowerCase(Locale.ROOT));
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Files::isRegularFile)) {
                    for (Path f : files) {
                        String name = f.getFileName().toString();
                        if (name.startsWith(".") || name.endsWith(".tmp") || name.endsWith(".part") || !settled(f)) {
                            continue;
                        }
                        outcomes.add(take(d, t, f));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return outcomes;
    }

    private boolean settled(Path f) throws IOException {
        return Files.getLastModifiedTime(f).toInstant().isBefore(Instant.now().minus(settle));
    }

    private Outcome take(Department department, FeedType type, Path file) throws IOException {
        String name = file.getFileName().toString();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", name);
        result.put("department", department.name());
        result.put("feed", type.name());
        result.put("processedAt", Instant.now().toString());
        Matcher m = NAME.matcher(name);
        Optional<YearMonth> period = Optional.empty();
        if (m.matches()) {
            try {
                period = Optional.of(YearMonth.parse(m.group(2)));
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        if (period.isEmpty()) {
            return fail(file, result, "file name must be <batchId>__<yyyy-MM>.csv or .xlsx, e.g. YB-001__2026-11.csv");
        }
        if (type.department() != department) {
            return fail(
                    file,
                    result,
                    type.name() + " is sent by " + type.department().name() + ", not " + department.name());
        }
        result.put("batchId", m.group(1));
        result.put("period", period.get().toString());
        FeedIntake.Result r;
        try {
            r = intake.receiveFile(
                    type, new FeedIntake.BatchHeader(m.group(1), period.get(), department), file, name, Locale.CHINA);
        } catch (ApiException e) {
            return fail(file, result, messages.reasonOf(Locale.CHINA, e));
        }
        result.put("rows", r.report().rows());
        result.put("errors", r.report().errorCount());
        if (r.batch().isEmpty()) {
            Path failed = move(file, "failed");
            imports.errorFile(r.report().id(), Actor.SYSTEM)
                    .filter(Files::exists)
                    .ifPresent(errors -> copy(errors, sibling(failed, ".errors.csv")));
            result.put("accepted", false);
            write(sibling(failed, ".result.json"), result);
            log.warn(
                    "Drop folder: {} rejected, {} rows in error",
                    name,
                    r.report().errorCount());
            return new Outcome(failed, false, r.report().errorCount() + " rows rejected");
        }
        var b = r.batch().get();
        result.put("accepted", true);
        result.put("alreadyReceived", r.alreadyReceived());
        result.put("batch", b.id().toString());
        result.put("matched", b.matched());
        result.put("unmatched", b.unmatched());
        Path done = move(file, "done");
        copy(batches.feedback(b.id()), sibling(done, ".feedback.csv"));
        write(sibling(done, ".result.json"), result);
        log.info("Drop folder: {} accepted as batch {} ({} rows, {} unmatched)", name, b.id(), b.rows(), b.unmatched());
        return new Outcome(done, true, b.rows() + " rows");
    }

    private Outcome fail(Path file, Map<String, Object> result, String reason) throws IOException {
        result.put("accepted", false);
        result.put("reason", reason);
        Path failed = move(file, "failed");
        write(sibling(failed, ".result.json"), result);
        log.warn("Drop folder: {} refused: {}", file.getFileName(), reason);
        return new Outcome(failed, false, reason);
    }

    /** Moves a file into a subfolder beside it; a name already there gets a time suffix. */
    private static Path move(Path file, String folder) throws IOException {
        Path dir = Files.createDirectories(file.resolveSibling(folder));
        Path target = dir.resolve(file.getFileName());
        if (Files.exists(target)) {
            target = dir.resolve(Instant.now().toEpochMilli() + "-" + file.getFileName());
        }
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Path file, Map<String, Object> result) throws IOException {
        Files.writeString(file, json.writeValueAsString(result), StandardCharsets.UTF_8);
    }
}
