package org.fangpin.common.web;

import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word, for what it refuses before any servlet sees the request (a {@code %00} or an encoded slash
 * in the path, an unparseable request line): a problem document for the API and for non-browsers, a short page in
 * both languages for a browser, instead of Tomcat's own HTML report. Instantiated by Tomcat, so it reads the
 * message bundles itself.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String accept = request.getHeader("Accept");
        boolean page = !RequestSupport.isApiPath(request.getDecodedRequestURI())
                && accept != null
                && accept.contains("text/html");
        ResourceBundle zh = ResourceBundle.getBundle("messages", Locale.SIMPLIFIED_CHINESE);
        String language = request.getHeader("Accept-Language");
        ResourceBundle bundle =
                language != null && language.toLowerCase(Locale.ROOT).startsWith("en")
                        ? ResourceBundle.getBundle("messages", Locale.ENGLISH)
                        : zh;
        String title = bundle.getString("problem.http.title").replace("{0}", Integer.toString(status));
        String detail = bundle.containsKey("problem.http." + status)
                ? bundle.getString("problem.http." + status)
                : bundle.getString("problem.http.other");
        try {
            String body;
            if (page) {
                response.setContentType("text/html;charset=UTF-8");
                body = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\""
                        + " content=\"width=device-width\"><title>" + status + "</title></head><body><main><h1>"
                        + status + "</h1><p>" + HtmlUtils.htmlEscape(detail) + "</p><p><a href=\"/\">"
                        + HtmlUtils.htmlEscape(zh.getString("error.home")) + "</a></p></main></body></html>";
            } else {
                response.setContentType("application/problem+json;charset=UTF-8");
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", "urn:fangpin:problem:http-" + status);
                problem.put("title", title);
                problem.put("status", status);
                problem.put("detail", detail);
                body = JSON.writeValueAsString(problem);
            }
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }
}
