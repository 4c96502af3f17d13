package org.fangpin.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fangpin.Chromium;
import org.fangpin.TestData;
import org.fangpin.WebServerTest;
import org.fangpin.demo.DemoLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.webjars.WebJarVersionLocator;

/**
 * Every page a role can reach, in Chinese and in English, read as a person reads it: each role's pages are crawled
 * from the home page (following links, a few of each kind), and none may show an unresolved message ({@code ??…??}),
 * a message key, an enum constant, a column or parameter name, JSON, or fail to load.
 */
@WebServerTest
class PageWordsIT {

    private static final String PW = "Words-pass-2026";

    /** At most this many pages with the same shape (ids and query values aside) and this many in all, per crawl. */
    private static final int PER_SHAPE = 1;

    private static final int PER_CRAWL = 90;

    /** Links that download, change the language, leave the pages or end the session. */
    private static final Pattern SKIPPED = Pattern.compile(
            "^/(api|v3|swagger-ui|webjars|actuator|css|js|img|fonts|logout|login)(/.*)?$|\\.(csv|xlsx|pdf|json|png|jpg)$"
                    + "|/(export|template|file|errors\\.csv|attachments/.*)$");

    /** Enum constants a page may legitimately show as they are (file formats, abbreviations read as words). */
    private static final Set<String> WORDS = Set.of("CSV", "XLSX", "PDF", "ID", "API");

    private static final Pattern KEYISH = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)+");

    private static final Pattern CONSTANTISH = Pattern.compile("\\b[A-Z][A-Z0-9_]*[A-Z0-9]\\b");

    /** snake_case or camelCase: a column, parameter, feed or record field name. */
    private static final Pattern SNAKE =
            Pattern.compile("\\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\\b|\\b[a-z]+[A-Z][A-Za-z]*\\b");

    private static final Pattern JSON = Pattern.compile("\\{\\s*\"[A-Za-z_]+\"\\s*:");

    static Chromium chromium;
    static boolean loaded;
    static Set<String> keys;
    static Set<String> constants;

    @LocalServerPort
    int port;

    @Autowired
    DemoLoader demo;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder encoder;

    @BeforeAll
    static void start() throws IOException {
        chromium = Chromium.start();
        Properties messages = new Properties();
        try (InputStream in = PageWordsIT.class.getResourceAsStream("/messages_en.properties")) {
            messages.load(in);
        }
        keys = messages.stringPropertyNames();
        constants = enumConstants();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    /** Every constant of every enum of the application. */
    private static Set<String> enumConstants() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter((reader, factory) ->
                "java.lang.Enum".equals(reader.getClassMetadata().getSuperClassName()));
        Set<String> names = new TreeSet<>();
        for (BeanDefinition d : scan.findCandidateComponents("org.fangpin")) {
            try {
                for (Object c : Class.forName(d.getBeanClassName()).getEnumConstants()) {
                    String name = ((Enum<?>) c).name();
                    if (name.length() > 1 && !WORDS.contains(name)) {
                        names.add(name);
                    }
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return names;
    }

    @BeforeEach
    void demoCounty() {
        if (!loaded
                || jdbc.sql("select count(*) from household").query(Long.class).single() == 0) {
            TestData.reset(jdbc);
            demo.load(3000, 11);
            loaded = true;
        }
        TestData.user(jdbc, encoder, "words-admin", "ADMIN", null, PW, false);
        TestData.user(jdbc, encoder, "words-province", "PROVINCE", TestData.PROVINCE, PW, false);
        TestData.user(jdbc, encoder, "words-city", "CITY", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "words-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "words-township", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        TestData.user(jdbc, encoder, "words-village", "VILLAGE", TestData.VILLAGE, PW, false);
        TestData.user(jdbc, encoder, "words-inspector", "INSPECTOR", TestData.PROVINCE, PW, false);
        TestData.user(jdbc, encoder, "words-department", "DEPARTMENT", TestData.COUNTY, PW, false);
        jdbc.sql("update app_user set department = 'MEDICAL_SECURITY' where username = 'words-department'")
                .update();
        // the demo university's office
        TestData.user(jdbc, encoder, "words-university", "UNIVERSITY", TestData.PROVINCE, PW, false);
        jdbc.sql("""
                        insert into ip_university_user (username, university_id, created_by)
                        select 'words-university', id, 't' from ip_university order by id limit 1
                        on conflict (username) do update set university_id = excluded.university_id""").update();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
        "VILLAGE, zh-CN",
        "VILLAGE, en-US",
        "TOWNSHIP, zh-CN",
        "COUNTY, zh-CN",
        "COUNTY, en-US",
        "CITY, zh-CN",
        "PROVINCE, en-US",
        "INSPECTOR, zh-CN",
        "DEPARTMENT, zh-CN",
        "DEPARTMENT, en-US",
        "ADMIN, zh-CN",
        "ADMIN, en-US",
        "UNIVERSITY, zh-CN",
        "UNIVERSITY, en-US"
    })
    void everyPageReadsAsWords(String role, String locale) {
        String user = "words-" + role.toLowerCase();
        Set<String> problems = new LinkedHashSet<>();
        int visited;
        try (BrowserContext context = chromium.browser()
                .newContext(new Browser.NewContextOptions()
                        .setViewportSize(1366, 900)
                        .setLocale(locale))) {
            Page page = loggedIn(context, user);
            visited = crawl(page, problems);
        }
        assertThat(visited).as("pages visited by " + user).isGreaterThan(3);
        assertThat(problems).as(user + " in " + locale).isEmpty();
    }

    /**
     * The main pages pass axe-core's rules (WCAG 2.1 A and AA) with no serious or critical violation: as a county
     * office on a desktop and as a village cadre on a phone.
     */
    @ParameterizedTest(name = "{0} at {1} px")
    @CsvSource({"COUNTY, 1366", "VILLAGE, 390"})
    void theMainPagesPassAnAccessibilityCheck(String role, int width) throws IOException {
        String axe;
        try (InputStream in = PageWordsIT.class
                .getClassLoader()
                .getResourceAsStream(new WebJarVersionLocator().fullPath("axe-core", "axe.min.js"))) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String user = "words-" + role.toLowerCase();
        Set<String> problems = new LinkedHashSet<>();
        try (BrowserContext context = chromium.browser()
                .newContext(new Browser.NewContextOptions()
                        .setViewportSize(width, width < 500 ? 844 : 900)
                        .setLocale("zh-CN"))) {
            Page page = loggedIn(context, user);
            List<String> paths = new ArrayList<>(List.of(
                    "/login",
                    "/",
                    "/inbox",
                    "/households",
                    "/alerts",
                    "/cases",
                    "/plans",
                    "/grievances",
                    "/statistics"));
            paths.addAll(firstDetails(page));
            for (String path : paths) {
                page.navigate(url(path));
                page.evaluate(axe); // through the DevTools protocol: the page's script policy stays as it is
                @SuppressWarnings("unchecked")
                List<String> found = (List<String>) page.evaluate("""
                        async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}))
                          .violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                          .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.length + ' × '
                            + v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(' | '))""");
                found.forEach(f -> problems.add(path + ": " + f));
            }
        }
        assertThat(problems).as(user + " at " + width + " px").isEmpty();
    }

    private Page loggedIn(BrowserContext context, String user) {
        Page page = context.newPage();
        page.navigate(url("/login"));
        page.fill("input[name=username]", user);
        page.fill("input[name=password]", PW);
        page.click("button[type=submit]");
        page.waitForURL(u -> u.equals(url("/")) || u.equals(url("/ip"))); // a university's office starts at its own
        return page;
    }

    /** One of each detail page the user reaches from the lists: a household, an alert, a case, a plan. */
    private List<String> firstDetails(Page page) {
        List<String> out = new ArrayList<>();
        for (String[] list : new String[][] {
            {"/households", "/households/"}, {"/alerts", "/alerts/"}, {"/cases", "/cases/"}, {"/plans", "/plans/"}
        }) {
            page.navigate(url(list[0]));
            Object href = page.evaluate(
                    "p => { const a = [...document.querySelectorAll('main a[href]')]"
                            + ".map(a => a.getAttribute('href')).find(h => new RegExp('^' + p + '\\d+$').test(h));"
                            + " return a || null; }",
                    list[1]);
            if (href != null) {
                out.add(local(list[0], href.toString()));
            }
        }
        return out;
    }

    /** Breadth first from the home page; returns the number of pages read. */
    private int crawl(Page page, Set<String> problems) {
        Deque<String> queue = new ArrayDeque<>(List.of("/"));
        Set<String> seen = new LinkedHashSet<>(queue);
        Map<String, Integer> shapes = new HashMap<>();
        int visited = 0;
        while (!queue.isEmpty() && visited < PER_CRAWL) {
            String path = queue.poll();
            Response response = page.navigate(url(path));
            visited++;
            if (response == null || response.status() >= 400) {
                problems.add(path + ": HTTP " + (response == null ? "none" : response.status()));
                continue;
            }
            if (!page.url().startsWith(url(""))) {
                continue;
            }
            read(path, page, problems);
            @SuppressWarnings("unchecked")
            List<String> links =
                    (List<String>) page.evalOnSelectorAll("a[href]", "as => as.map(a => a.getAttribute('href'))");
            for (String href : links) {
                String next = local(path, href);
                if (next == null
                        || SKIPPED.matcher(next.replaceAll("\\?.*", "")).find()
                        || !seen.add(next)) {
                    continue;
                }
                String shape = next.replaceAll("\\d+", "#").replaceAll("=[^&]*", "=");
                if (shapes.merge(shape, 1, Integer::sum) <= PER_SHAPE) {
                    queue.add(next);
                }
            }
        }
        return visited;
    }

    /** The path and query of a link on this site, or null. */
    private String local(String from, String href) {
        if (href.startsWith("#") || href.startsWith("mailto:") || href.startsWith("javascript:")) {
            return null;
        }
        URI u = URI.create(url(from)).resolve(href.replace(" ", "%20"));
        if (!url("").equals(u.getScheme() + "://" + u.getAuthority())) {
            return null;
        }
        String query = u.getRawQuery();
        if (query != null && query.matches("(.*&)?lang=.*")) {
            return null;
        }
        return u.getRawPath() + (query == null ? "" : "?" + query);
    }

    /** What a person reads on the page: its text, the options of its lists and the texts of its attributes. */
    private void read(String path, Page page, Set<String> problems) {
        String text = (String) page.evaluate("""
                () => {
                  // what is marked as code (an expression being edited, the record as written) is read as code
                  document.querySelectorAll('[translate=no]').forEach(e => e.style.display = 'none');
                  return [document.title, document.body.innerText,
                  ...[...document.querySelectorAll('option')].map(o => o.textContent),
                  ...[...document.querySelectorAll('[title],[placeholder],[aria-label],[alt]')].flatMap(e =>
                    ['title', 'placeholder', 'aria-label', 'alt'].map(a => e.getAttribute(a) || '')),
                  ...[...document.querySelectorAll('input[type=submit],input[type=button]')].map(e => e.value)
                ].join('\\n'); }""");
        if (text.contains("??")) {
            problems.add(path + ": unresolved message near «" + around(text, text.indexOf("??")) + "»");
        }
        Matcher k = KEYISH.matcher(text);
        while (k.find()) {
            if (keys.contains(k.group())) {
                problems.add(path + ": message key «" + k.group() + "»");
            }
        }
        Matcher c = CONSTANTISH.matcher(text);
        while (c.find()) {
            if (constants.contains(c.group())) {
                problems.add(path + ": code «" + c.group() + "» near «" + around(text, c.start()) + "»");
            }
        }
        Matcher s = SNAKE.matcher(text);
        while (s.find()) {
            problems.add(path + ": name «" + s.group() + "» near «" + around(text, s.start()) + "»");
        }
        Matcher j = JSON.matcher(text);
        if (j.find()) {
            problems.add(path + ": JSON near «" + around(text, j.start()) + "»");
        }
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 30), Math.min(text.length(), at + 40))
                .replace('\n', ' ');
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
