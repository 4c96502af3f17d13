package org.fangpin.common.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A file for the browser to save: one way to name it (RFC 6266, UTF-8 names for Chinese) and type it. */
public final class Downloads {

    private Downloads() {}

    /** A 200 response saved as {@code fileName}, of the type given; the caller adds the body. */
    public static ResponseEntity.BodyBuilder attachment(String fileName, MediaType type) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .contentType(type);
    }
}
