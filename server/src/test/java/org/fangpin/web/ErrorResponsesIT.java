package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.WebServerTest;
import org.fangpin.security.ApiTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an HTTP client meets when a request fails, through the real server (Tomcat included): every API error is an
 * RFC 9457 problem document in the caller's language, every page error the layout's error page; and a bounded
 * fuzz of every operation of the OpenAPI document ends with no 5xx and no error that is not a problem document.
 */
@WebServerTest
class ErrorResponsesIT {

    private static final String USER = "errors-county";
    private static final String PASSWORD = "Errors-pass-2026";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    ApiTokens tokens;

    private static String token;

    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void user() {
        jdbc.sql("insert into app_user (username, password_hash, display_name, role, region_code)"
                        + " values (?, ?, '县级测试', 'COUNTY', '421122000000') on conflict do nothing")
                .params(USER, encoder.encode(PASSWORD))
                .update();
        if (token == null) {
            // the fuzz signs in with a token: a password check per request would be most of its time
            token = tokens.issue("fuzz", USER, List.of("read", "write"), null, null, "test")
                    .token();
        }
    }

    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A raw HTTP/1.0 exchange: paths no URI class accepts are exactly what a fuzzer sends. */
    private Response send(String method, String rawPath, Map<String, String> headers, String body) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method + " " + rawPath + " HTTP/1.0\r\nHost: localhost\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                req.append("Content-Length: ").append(payload.length).append("\r\n");
            }
            req.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int c = head[i].indexOf(':');
                h.put(
                        head[i].substring(0, c).trim().toLowerCase(Locale.ROOT),
                        head[i].substring(c + 1).trim());
            }
            return new Response(Integer.parseInt(head[0].split(" ")[1]), h, text.substring(end + 4));
        }
    }

    private Map<String, String> basic(String... more) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(
                "Authorization",
                "Basic "
                        + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < more.length; i += 2) {
            h.put(more[i], more[i + 1]);
        }
        return h;
    }

    /** A problem document with the given status whose title is in the given language. */
    private void assertProblem(Response r, int status, boolean chinese) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).as(r.body()).startsWith("application/problem+json");
        JsonNode pd = json.readTree(r.body());
        assertThat(pd.path("status").asInt()).isEqualTo(status);
        assertThat(pd.path("type").asString()).startsWith("urn:fangpin:problem:");
        String title = pd.path("title").asString();
        assertThat(title).isNotBlank();
        assertThat(title.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .as("title '%s' in %s", title, chinese ? "Chinese" : "English")
                .isEqualTo(chinese);
    }

    @Test
    void malformedPathsGetProblemDocuments() throws Exception {
        for (String path : List.of(
                "/api/v1/households/%2F",
                "/api/v1/households/%00",
                "/api/v1/households/%25",
                "/api/v1/households/%22;",
                "/api/v1/households/\";",
                "/api/v1/households/a;b=c",
                "/api/v1/households/..%2F..%2Fetc")) {
            Response r = send("GET", path, basic(), null);
            assertThat(r.status()).as(path).isBetween(400, 404);
            assertProblem(r, r.status(), true);
        }
        Response en = send("GET", "/api/v1/households/%00", basic("Accept-Language", "en"), null);
        assertProblem(en, en.status(), false);
    }

    @Test
    void unknownRoutesAndFormatsGetProblemDocuments() throws Exception {
        assertProblem(send("POST", "/api/v1/plans/1/x/x/attachments", basic(), ""), 404, true);
        assertProblem(send("GET", "/api/v1/no-such-thing", basic("Accept-Language", "en"), null), 404, false);
        // an unreadable Accept header, on a route and on a page
        Response garbled = send("GET", "/api/v1/no-such-thing", basic("Accept", "text/html;;=,/"), null);
        assertThat(garbled.status()).isBetween(400, 406);
        assertProblem(garbled, garbled.status(), true);
        Response garbledPage = send("GET", "/no-such-page", basic("Accept", "((bad"), null);
        assertThat(garbledPage.status()).isLessThan(500);
        assertProblem(
                send(
                        "GET",
                        "/api/v1/imports/00000000-0000-0000-0000-000000000000/errors.csv",
                        basic("Accept", "application/json"),
                        null),
                406,
                true);
        assertProblem(send("PUT", "/api/v1/households/1", basic("Content-Type", "text/plain"), "x"), 415, true);
    }

    @Test
    void theErrorRouteItselfIsNoServerError() throws Exception {
        Response r = send("GET", "/error", Map.of(), null);
        assertThat(r.status()).isLessThan(500);
        assertProblem(r, r.status(), true);
    }

    @Test
    void anAnonymousWriteIsUnauthenticatedNotForbidden() throws Exception {
        Response r = send("POST", "/api/v1/households", Map.of("Content-Type", "application/json"), "{}");
        assertProblem(r, 401, true);
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic");
        Response en = send("DELETE", "/api/v1/tokens/x", Map.of("Accept-Language", "en-US,en;q=0.9"), null);
        assertProblem(en, 401, false);
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndHttpOnly() throws Exception {
        Response r = send("GET", "/login", Map.of("Accept", "text/html"), null);
        assertThat(r.header("Set-Cookie"))
                .contains("JSESSIONID=")
                .contains("SameSite=Lax")
                .contains("HttpOnly");
    }

    @Test
    void pagesGetTheLayoutsErrorPage() throws Exception {
        for (String path : List.of("/no-such-page", "/households/999999999", "/households/abc")) {
            Response r = send("GET", path, basic("Accept", "text/html"), null);
            assertThat(r.status()).as(path).isIn(400, 404);
            assertThat(r.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(r.body()).as(path).contains("class=\"error-page\"").contains("返回首页");
        }
        Response bad = send("GET", "/households/%00", basic("Accept", "text/html"), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.header("Content-Type")).startsWith("text/html");
        assertThat(bad.body()).doesNotContain("Apache Tomcat").contains("400");
    }

    /** Every operation of the OpenAPI document with hostile path values and bodies: bounded, deterministic. */
    @Test
    void fuzzOfTheApiEndsWithoutServerErrorsOrNonProblemErrors() throws Exception {
        JsonNode doc = json.readTree(send("GET", "/v3/api-docs", basic(), null).body());
        List<String> values = List.of("0", "-1", "99999999999999999999", "%25", "%2F", "abc", "%22%3B", "x%00y");
        List<String> bodies = List.of("", "{", "[]", "{\"a\":1}", "null");
        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (var path : doc.path("paths").properties()) {
            for (var op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                for (int i = 0; i < values.size(); i++) {
                    String raw = path.getKey().replaceAll("\\{[^}]+}", values.get(i));
                    String body =
                            method.equals("GET") || method.equals("DELETE") ? null : bodies.get(i % bodies.size());
                    Map<String, String> h = new LinkedHashMap<>(Map.of(
                            "Authorization", "Bearer " + token,
                            "Content-Type", "application/json",
                            "If-Match", "\"0\""));
                    if (i % 2 == 1) {
                        h.put("Accept-Language", "en");
                    }
                    Response r = send(method, raw + (i == 3 ? "?limit=-5&cursor=%ZZ&asOf=yesterday" : ""), h, body);
                    requests++;
                    String ct = r.header("Content-Type");
                    if (r.status() >= 500
                            || (r.status() >= 400 && (ct == null || !ct.startsWith("application/problem+json")))) {
                        failures.add(method + " " + raw + " -> " + r.status() + " " + ct);
                    }
                }
            }
        }
        assertThat(requests).isGreaterThan(400);
        assertThat(failures).isEmpty();
    }
}
