package org.fangpin.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fangpin.common.importing.ImportReport;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.region.RegionImporter;
import org.fangpin.registry.HouseholdImporter;
import org.fangpin.security.Permission;
import org.fangpin.security.Permissions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The import page: upload a region or household file, see the all-or-nothing outcome and every rejected row. */
@Controller
class ImportPageController {

    private final RegionImporter regions;
    private final HouseholdImporter households;
    private final Path workDir;
    private final Permissions permissions;

    ImportPageController(
            RegionImporter regions,
            HouseholdImporter households,
            @Value("${fangpin.import.work-dir:./data/imports}") Path workDir,
            Permissions permissions) {
        this.permissions = permissions;
        this.regions = regions;
        this.households = households;
        this.workDir = workDir;
    }

    @GetMapping("/imports")
    String form() {
        return "imports";
    }

    @PostMapping("/imports")
    String upload(
            @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "households") String kind,
            HttpServletRequest request,
            Locale locale,
            Model model)
            throws IOException {
        boolean regionsKind = "regions".equals(kind);
        if (!permissions.has(regionsKind ? Permission.REGION_EDIT : Permission.REGISTRY_EDIT)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.detail", List.of());
        }
        Path saved = RequestSupport.save(file, workDir);
        try {
            String name = RequestSupport.originalName(file);
            String user = RequestSupport.user(request);
            ImportReport report = regionsKind
                    ? regions.importFile(saved, name, user, locale)
                    : households.importFile(saved, name, user, locale, new HouseholdImporter.Options(null, null));
            model.addAttribute("report", report);
        } finally {
            Files.deleteIfExists(saved);
        }
        return "imports :: result";
    }
}
