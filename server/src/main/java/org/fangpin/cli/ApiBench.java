package org.fangpin.cli;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Reads through the running application's HTTP API (logged in with a session, as a page user is) against the same
 * reads as hand-written SQL over JDBC, at the same concurrency, on loopback only.
 */
final class ApiBench {

    /** Latency percentiles (ms) and throughput of one scenario. */
    record Result(String name, int requests, double seconds, double p50, double p95, double p99) {
        double perSecond() {
            return requests / seconds;
        }
    }

    /** One request of a scenario, given the worker's index and the request number. */
    @FunctionalInterface
    interface Call {
        void run(int worker, int i) throws Exception;
    }

    private final HttpClient http;
    private final String base;

    ApiBench(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Logs in through the form (CSRF token and all), so later requests ride on the session cookie. */
    void login(String user, String password) throws IOException, InterruptedException {
        String page = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no CSRF token on the login page");
        }
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302
                || r.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("login failed: " + r.statusCode());
        }
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode());
        }
        return r.body();
    }

    static Result measure(String name, int threads, int requests, Call call) throws Exception {
        return measureAt(name, threads, requests, 0, call);
    }

    /**
     * The same at a fixed rate (requests per second, spread over the workers; 0: as fast as the workers go): each
     * request is due at its own time and its latency counts from then, so a slow answer delays the ones behind it in
     * the figures too (no coordinated omission). The achieved rate is reported as the throughput.
     */
    static Result measureAt(String name, int threads, int requests, double rate, Call call) throws Exception {
        // warm-up: a tenth of the requests, not measured
        runAll(threads, requests / 10, call, new long[requests / 10], null);
        long[] latencies = new long[requests];
        long t0 = System.nanoTime();
        long interval = rate > 0 ? (long) (1e9 / rate) : 0;
        runAll(threads, requests, call, latencies, rate > 0 ? i -> t0 + i * interval : null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(latencies);
        return new Result(
                name,
                requests,
                seconds,
                latencies[requests / 2] / 1e6,
                latencies[(int) (requests * 0.95)] / 1e6,
                latencies[(int) (requests * 0.99)] / 1e6);
    }

    /** Runs the requests on the workers; {@code due} (null: at once) is when each request is to be sent. */
    private static void runAll(int threads, int requests, Call call, long[] latencies, LongUnaryOperator due)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    for (int i = worker; i < requests; i += threads) {
                        long s = System.nanoTime();
                        if (due != null) {
                            s = due.applyAsLong(i);
                            long wait = s - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        call.run(worker, i);
                        latencies[i] = System.nanoTime() - s;
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The baseline for "one household with its members": two prepared statements on a pooled connection. */
    static void sqlHousehold(DataSource ds, long id) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement h =
                        c.prepareStatement("select * from household where household_id = ? and valid_to is null");
                PreparedStatement p = c.prepareStatement("select * from person where household_id = ?"
                        + " and valid_to is null and not deleted order by relation = 'HEAD' desc, birth_date")) {
            h.setLong(1, id);
            drain(h);
            p.setLong(1, id);
            drain(p);
        }
    }

    /** The baseline for "first page of a township's households": the page query plus its members. */
    static void sqlPage(DataSource ds, String low, String high) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement h = c.prepareStatement("select * from household where valid_to is null and not"
                        + " deleted and village_code between ? and ? order by household_id limit 51");
                PreparedStatement p = c.prepareStatement(
                        "select * from person where household_id = any(?)" + " and valid_to is null and not deleted")) {
            h.setString(1, low);
            h.setString(2, high);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = h.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong("household_id"));
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        rs.getObject(i);
                    }
                }
            }
            p.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            drain(p);
        }
    }

    static void drain(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    rs.getObject(i);
                }
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
