package org.fangpin.common.importing;

import java.net.URI;
import org.fangpin.common.i18n.Messages;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** An applied import answers 200 with its report; a rejected one answers 422 as a problem document carrying it. */
public final class ImportResponses {

    private ImportResponses() {}

    public static ResponseEntity<?> of(ImportReport report, Messages messages) {
        if (report.applied()) {
            return ResponseEntity.ok(report);
        }
        ProblemDetail pd = ProblemDetail.forStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        pd.setType(URI.create("urn:fangpin:problem:import-rejected"));
        pd.setTitle(messages.get("problem.import-rejected.title"));
        pd.setDetail(messages.get(
                "problem.import-rejected.detail", Messages.count(report.errorCount()), Messages.count(report.rows())));
        pd.setProperty("importId", report.id());
        pd.setProperty("rows", report.rows());
        pd.setProperty("errorCount", report.errorCount());
        pd.setProperty("errors", report.errors());
        pd.setProperty("errorReport", "/api/v1/imports/" + report.id() + "/errors.csv");
        return ResponseEntity.unprocessableContent().body(pd);
    }
}
