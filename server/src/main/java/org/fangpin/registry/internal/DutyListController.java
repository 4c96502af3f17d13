package org.fangpin.registry.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.common.Labelled;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.Downloads;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** 部门名单回流: the API of {@link DutyLists} (the pages: {@link DutyListPageController}). */
@RestController
@Tag(name = "duty-lists", description = "部门名单回流：按部门职责的监测对象等名单 · Lists back to departments, per duty, as of a date")
class DutyListController {

    private final DutyLists lists;
    private final Messages messages;

    DutyListController(DutyLists lists, Messages messages) {
        this.lists = lists;
        this.messages = messages;
    }

    /** A list as the API describes it: its code, name, department and columns. */
    record ListInfo(String code, String name, String department, String departmentName, List<Column> columns) {}

    @Schema(name = "DutyListColumn")
    record Column(String code, String name) {}

    /** A page of a list: the rows' values by column code, masked ID numbers, and the cursor of the next page. */
    record ListPage(ListInfo list, LocalDate asOf, String regionCode, List<RowOut> rows, String nextCursor) {}

    record RowOut(long personId, long householdId, Map<String, String> values) {}

    @GetMapping("/api/v1/duty-lists")
    @Operation(operationId = "listDutyLists", summary = "我的部门名单 · The duty lists the caller may read")
    List<ListInfo> mine() {
        return lists.mine().stream().map(this::info).toList();
    }

    @GetMapping("/api/v1/duty-lists/{list}")
    @Operation(
            operationId = "getDutyList",
            summary = "部门名单（分页，证件号码脱敏）· A duty list as of a date, a page at a time, ID numbers masked")
    ListPage page(
            @PathVariable String list,
            @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    @Parameter(description = "名单所依据的日期（默认今天）· The date the list is as of (default today)")
                    LocalDate asOf,
            @RequestParam(required = false) @Parameter(description = "区划代码（默认本人区域）· Region (default one's own)")
                    String region,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "100") int limit) {
        DutyLists.Page p = lists.page(parse(list), asOf, nonBlank(region), cursor(cursor), limit);
        return out(p);
    }

    @GetMapping("/api/v1/duty-lists/{list}/download")
    @Operation(
            operationId = "downloadDutyList",
            summary = "下载部门名单（CSV，含完整证件号码，记入审计）· Download a duty list as CSV with full ID numbers (audited)")
    ResponseEntity<StreamingResponseBody> download(
            @PathVariable String list,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) String region) {
        DutyLists.Download d = lists.download(parse(list), asOf, nonBlank(region));
        return Downloads.attachment(d.fileName(), new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(d::writeTo);
    }

    private ListInfo info(DutyList l) {
        Locale locale = messages.locale();
        return new ListInfo(
                l.name(),
                l.label(locale),
                l.department().name(),
                l.department().label(locale),
                l.columns().stream()
                        .map(c -> new Column(c.name(), c.label(locale)))
                        .toList());
    }

    private ListPage out(DutyLists.Page p) {
        return new ListPage(
                info(p.list()),
                p.asOf(),
                p.regionCode(),
                p.rows().stream()
                        .map(r -> {
                            Map<String, String> values = new LinkedHashMap<>();
                            r.values().forEach((k, v) -> values.put(k.name(), v));
                            return new RowOut(r.personId(), r.householdId(), values);
                        })
                        .toList(),
                p.next() == null ? null : String.valueOf(p.next()));
    }

    static DutyList parse(String code) {
        return Labelled.parse(DutyList.class, code)
                .orElseThrow(() -> ApiException.notFound("duty.list.not-found", code));
    }

    /** The person id a page starts after: null for the first page; 400 when malformed. */
    static Long cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(cursor.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("problem.cursor.invalid");
        }
    }

    /** The value stripped, or null when blank. */
    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
