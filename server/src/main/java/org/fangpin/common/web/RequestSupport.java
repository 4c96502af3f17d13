package org.fangpin.common.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.fangpin.common.problem.ApiException;
import org.springframework.web.multipart.MultipartFile;

/** Small helpers every controller needs: the acting user, ETags, uploads. */
public final class RequestSupport {

    private RequestSupport() {}

    public static String user(HttpServletRequest request) {
        return request.getUserPrincipal() != null ? request.getUserPrincipal().getName() : "anonymous";
    }

    /** The routes machines call (the API, its description, health), whose every error is a problem document. */
    public static boolean isApiPath(String path) {
        return path != null
                && (path.startsWith("/api/") || path.startsWith("/v3/api-docs") || path.startsWith("/actuator/"));
    }

    public static String etag(int version) {
        return "\"" + version + "\"";
    }

    /** The version an {@code If-Match} header names; 428 when it is missing, 412 when it is unreadable. */
    public static int ifMatchVersion(String header) {
        if (header == null || header.isBlank()) {
            throw ApiException.preconditionRequired();
        }
        String v = header.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiException.preconditionFailed("problem.if-match-invalid", header);
        }
    }

    /** Saves an upload under the work directory with a generated name (never the client's) and returns it. */
    public static Path save(MultipartFile file, Path workDir) {
        if (file == null || file.isEmpty()) {
            throw ApiException.badRequest("import.error.no-file");
        }
        try {
            Files.createDirectories(workDir);
            Path target = workDir.resolve(UUID.randomUUID() + suffix(file.getOriginalFilename()));
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String originalName(MultipartFile file) {
        return Optional.ofNullable(file.getOriginalFilename())
                .map(n -> n.replaceAll("[\\\\/]", "_"))
                .filter(n -> !n.isBlank())
                .orElse("upload.csv");
    }

    private static String suffix(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).endsWith(".xlsx") ? ".xlsx" : ".csv";
    }
}
