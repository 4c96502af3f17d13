package org.fangpin.pairing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import org.fangpin.common.i18n.Messages;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.importing.ImportResponses;
import org.fangpin.common.web.Downloads;
import org.fangpin.common.web.RequestSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 驻村干部花名册 over HTTP and from the 驻村 page: the roster as XLSX, and the roster upload. */
@Controller
@Tag(name = "teams", description = "驻村工作队 · Units, village work teams, 第一书记 and members")
class RosterController {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final RosterSheets sheets;
    private final Messages messages;
    private final Path workDir;

    RosterController(
            RosterSheets sheets, Messages messages, @Value("${fangpin.import.work-dir:./data/imports}") Path workDir) {
        this.sheets = sheets;
        this.messages = messages;
        this.workDir = workDir;
    }

    @GetMapping("/api/v1/teams/roster.xlsx")
    @ResponseBody
    @Operation(
            operationId = "downloadTeamRoster",
            summary = "驻村干部花名册 · The members at work in the caller's reach as XLSX (ID number and phone masked)")
    ResponseEntity<StreamingResponseBody> roster(Locale locale) {
        return Downloads.attachment("驻村干部花名册.xlsx", MediaType.parseMediaType(XLSX))
                .body(out -> sheets.sheet(locale, out));
    }

    @PostMapping(value = "/api/v1/teams/roster", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseBody
    @Operation(
            operationId = "uploadTeamRoster",
            summary = "上传驻村干部花名册 · Send the members of a sheet (XLSX or CSV: 行政区划代码, 姓名, 公民身份号码, 联系电话, 派出单位,"
                    + " 职务, 任期起, 任期止) to their villages' teams, starting a team where there is none: all or"
                    + " nothing, each rejected row with its line and reason")
    ResponseEntity<?> upload(@RequestPart("file") MultipartFile file, HttpServletRequest request, Locale locale)
            throws IOException {
        Path saved = RequestSupport.save(file, workDir);
        try {
            return ImportResponses.of(
                    sheets.upload(saved, RequestSupport.originalName(file), RequestSupport.user(request), locale),
                    messages);
        } finally {
            Files.deleteIfExists(saved);
        }
    }

    /** From 驻村: the roster uploaded, its rows' reasons on the page when any is refused. */
    @PostMapping("/teams/roster")
    String uploadFromPage(
            @RequestParam("file") MultipartFile file, HttpServletRequest request, RedirectAttributes flash)
            throws IOException {
        Path saved = RequestSupport.save(file, workDir);
        try {
            ImportReport r = sheets.upload(
                    saved,
                    RequestSupport.originalName(file),
                    RequestSupport.user(request),
                    LocaleContextHolder.getLocale());
            if (r.applied()) {
                flash.addFlashAttribute("done", messages.get("team.roster.sent", Messages.count(r.inserted())));
            } else {
                flash.addFlashAttribute(
                        "error",
                        r.errors().stream()
                                .limit(20)
                                .map(e -> messages.get(
                                        "project.uploadError",
                                        Long.toString(e.row()),
                                        e.column(),
                                        e.value(),
                                        e.reason()))
                                .collect(Collectors.joining("；")));
            }
        } finally {
            Files.deleteIfExists(saved);
        }
        return "redirect:/teams#roster";
    }
}
