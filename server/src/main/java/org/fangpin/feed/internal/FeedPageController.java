package org.fangpin.feed.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fangpin.common.Department;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.ChartOptions;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.feed.FeedBatch;
import org.fangpin.feed.FeedBatches;
import org.fangpin.feed.FeedIntake;
import org.fangpin.feed.FeedType;
import org.fangpin.security.Actor;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.fangpin.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * 部门数据 pages: the batches the caller may see with their match rates (a department: its own), sending a batch
 * as a file, and one batch's data-quality feedback — each unmatched row with its reason.
 */
@Controller
@ConditionalOnWebApplication
class FeedPageController {

    private static final List<String> COLORS = List.of("#2f9e6b", "#d9822b", "#c0392b", "#7f8c8d");

    private final FeedBatches batches;
    private final FeedIntake intake;
    private final Actor.Current actor;
    private final Permissions permissions;
    private final Messages messages;
    private final JsonMapper json;
    private final Path workDir;
    private final ZoneId zone;

    FeedPageController(
            FeedBatches batches,
            FeedIntake intake,
            Actor.Current actor,
            Permissions permissions,
            Messages messages,
            JsonMapper json,
            @Value("${fangpin.import.work-dir:./data/imports}") Path workDir,
            Clock clock) {
        this.zone = clock.getZone();
        this.batches = batches;
        this.intake = intake;
        this.actor = actor;
        this.permissions = permissions;
        this.messages = messages;
        this.json = json;
        this.workDir = workDir;
    }

    @GetMapping("/feeds")
    String list(
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String period,
            Locale locale,
            Model model) {
        Optional<FeedType> t =
                Optional.ofNullable(type).filter(s -> !s.isBlank()).flatMap(FeedPageController::type);
        Optional<YearMonth> p =
                Optional.ofNullable(period).filter(s -> !s.isBlank()).flatMap(FeedPageController::month);
        List<FeedBatch> list = batches.list(t.orElse(null), p.orElse(null), 200);
        model.addAttribute("batches", list);
        model.addAttribute("zone", zone);
        model.addAttribute("type", t.orElse(null));
        model.addAttribute("period", p.map(YearMonth::toString).orElse(""));
        model.addAttribute("types", FeedType.values());
        model.addAttribute("sendable", sendable());
        model.addAttribute("departments", Department.values());
        model.addAttribute(
                "canSend",
                permissions.has(Permission.FEED_SUBMIT) && !sendable().isEmpty());
        model.addAttribute(
                "isDepartment",
                actor.get().map(a -> a.role() == Role.DEPARTMENT).orElse(false));
        long rows = list.stream().mapToLong(FeedBatch::rows).sum();
        long matched = list.stream().mapToLong(FeedBatch::matched).sum();
        model.addAttribute("rowCount", rows);
        model.addAttribute("matchedCount", matched);
        model.addAttribute("unmatchedCount", rows - matched);
        model.addAttribute("matchRate", rows == 0 ? null : (double) matched / rows);
        model.addAttribute("chart", list.isEmpty() ? null : json.writeValueAsString(byType(list, locale)));
        return "feeds";
    }

    /** Matched and unmatched rows per feed, as stacked bars. */
    private Map<String, Object> byType(List<FeedBatch> list, Locale locale) {
        Map<FeedType, long[]> sums = new LinkedHashMap<>();
        for (FeedBatch b : list) {
            long[] s = sums.computeIfAbsent(b.type(), k -> new long[2]);
            s[0] += b.matched();
            s[1] += b.unmatched();
        }
        List<String> categories = new ArrayList<>();
        List<Long> matched = new ArrayList<>();
        List<Long> unmatched = new ArrayList<>();
        sums.forEach((type, s) -> {
            categories.add(type.label(locale));
            matched.add(s[0]);
            unmatched.add(s[1]);
        });
        Map<String, List<Long>> series = new LinkedHashMap<>();
        series.put(messages.get("feeds.matched"), matched);
        series.put(messages.get("feeds.unmatched"), unmatched);
        return ChartOptions.stackedBars(categories, series, COLORS);
    }

    /** The feeds the caller may send: a department its own department's; offices all. */
    private List<FeedType> sendable() {
        Optional<Actor> a = actor.get();
        if (a.isPresent() && a.get().role() == Role.DEPARTMENT) {
            Optional<Department> own =
                    Optional.ofNullable(a.get().department()).flatMap(d -> Labelled.parse(Department.class, d));
            return Arrays.stream(FeedType.values())
                    .filter(t -> own.map(d -> d == t.department()).orElse(false))
                    .toList();
        }
        return List.of(FeedType.values());
    }

    /** A batch sent as a file; answers the outcome as a fragment (htmx) — the batch, or every rejected row. */
    @PostMapping("/feeds")
    String send(
            @RequestParam("file") MultipartFile file,
            @RequestParam String type,
            @RequestParam String batchId,
            @RequestParam String period,
            @RequestParam(required = false) String department,
            Locale locale,
            Model model)
            throws IOException {
        FeedType t = type(type).orElseThrow(() -> ApiException.badRequest("feed.error.type", type));
        Department named = Optional.ofNullable(department)
                .filter(d -> !d.isBlank())
                .flatMap(d -> Labelled.parse(Department.class, d))
                .orElse(null);
        Path saved = RequestSupport.save(file, workDir);
        try {
            FeedIntake.Result r = intake.receiveFile(
                    t,
                    new FeedIntake.BatchHeader(batchId.strip(), month(period).orElse(null), named),
                    saved,
                    RequestSupport.originalName(file),
                    locale);
            model.addAttribute("report", r.report());
            model.addAttribute("sent", r.batch().orElse(null));
            model.addAttribute("alreadyReceived", r.alreadyReceived());
        } catch (ApiException e) {
            // a refused header (batch id, period, department): the reason in the result, as for rejected rows
            model.addAttribute("error", messages.reasonOf(e));
        } finally {
            Files.deleteIfExists(saved);
        }
        return "feeds :: result";
    }

    @GetMapping("/feeds/{id}")
    String batch(@PathVariable UUID id, Locale locale, Model model) {
        FeedBatch b = batches.get(id);
        FeedBatches.Feedback feedback = batches.feedbackSample(id, 200);
        model.addAttribute("b", b);
        model.addAttribute("zone", zone);
        model.addAttribute("feedback", feedback);
        Map<String, Long> slices = new LinkedHashMap<>();
        slices.put(messages.get("feeds.matched"), b.matched());
        slices.putAll(feedback.reasons());
        model.addAttribute("chart", json.writeValueAsString(ChartOptions.pie(slices, COLORS)));
        return "feed";
    }

    private static Optional<FeedType> type(String text) {
        try {
            return Optional.of(FeedType.valueOf(text.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<YearMonth> month(String text) {
        try {
            return Optional.of(YearMonth.parse(text.strip()));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
