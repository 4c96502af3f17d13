package org.fangpin.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.jayway.jsonpath.JsonPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fangpin.AsSystemInTests;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.region.DataScope;
import org.fangpin.region.RegionImporter;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * 高校知识产权 through the API as its users would: an administrator records two universities and their accounts; one
 * university discloses, evaluates, files, pays fees, licenses to a village's cooperative and books the money; the split
 * equals the one computed here from the rows in the tables. Each refusal is a problem document in words and changes
 * nothing; the other university, a county and an unknown record see nothing.
 */
@IntegrationTest
class IpApiIT {

    static final String PW = "Ip-pass-2026";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegionImporter regions;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @Autowired
    UserAccounts users;

    @Autowired
    DataScope dataScope;

    @Autowired
    WebApplicationContext context;

    @TempDir
    Path dir;

    MockMvc mvc;
    LocalDate today;

    MockHttpServletResponse send(MockHttpServletRequestBuilder request, String user, String ifMatch, String body)
            throws Exception {
        request.with(httpBasic(user, PW)).header("Accept-Language", "zh-CN");
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MockHttpServletResponse r = mvc.perform(request).andReturn().getResponse();
        r.setCharacterEncoding("UTF-8");
        return r;
    }

    MockHttpServletResponse post(String path, String user, String ifMatch, String body) throws Exception {
        return send(MockMvcRequestBuilders.post(path), user, ifMatch, body);
    }

    MockHttpServletResponse get(String path, String user) throws Exception {
        return send(MockMvcRequestBuilders.get(path), user, null, null);
    }

    static long id(MockHttpServletResponse r, String path) throws Exception {
        return ((Number) JsonPath.read(r.getContentAsString(), path)).longValue();
    }

    /** A refusal: the status, a problem document, the field named, the reason in Chinese. */
    static void refused(MockHttpServletResponse r, int status, String field, String words) throws Exception {
        assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
        assertThat(r.getContentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(r.getContentAsString()).contains("\"" + field + "\"");
        }
        assertThat(r.getContentAsString()).contains(words);
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    /** An account the administrator created through the API, given a known password and signed in once. */
    void known(String username) {
        jdbc.sql("update app_user set password_hash = ?, must_change_password = false where username = ?")
                .params(encoder.encode(PW), username)
                .update();
    }

    @Test
    void aUniversityFilesLicensesAndSplitsItsIncomeAndNobodyElseSeesIt() throws Exception {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "x-admin", "ADMIN", null, PW, false);
        TestData.user(jdbc, encoder, "x-county", "COUNTY", TestData.COUNTY, PW, false);
        // the accounts the administrator creates below (accounts outlive a test's reset)
        jdbc.sql("delete from app_user where username in ('x-hzau', 'x-other-uni')")
                .update();
        mvc = AsSystemInTests.mockMvc(context);
        today = LocalDate.now(clock);

        // the administrator records the universities and their accounts
        var a = post(
                "/api/v1/ip/universities",
                "x-admin",
                null,
                "{\"name\":\"华中农业大学\",\"code\":\"4142010504\",\"region\":\"" + TestData.CITY + "\"}");
        assertThat(a.getStatus()).as(a.getContentAsString()).isEqualTo(201);
        long uniA = id(a, "$.id");
        long uniB = id(
                post(
                        "/api/v1/ip/universities",
                        "x-admin",
                        null,
                        "{\"name\":\"某理工大学\",\"region\":\"" + TestData.PROVINCE + "\"}"),
                "$.id");
        refused(
                post(
                        "/api/v1/ip/universities",
                        "x-admin",
                        null,
                        "{\"name\":\"华中农业大学\",\"region\":\"" + TestData.CITY + "\"}"),
                409,
                null,
                "华中农业大学");
        var userA = post(
                "/api/v1/ip/universities/" + uniA + "/users",
                "x-admin",
                null,
                "{\"username\":\"x-hzau\",\"displayName\":\"知识产权办公室\"}");
        assertThat(userA.getStatus()).as(userA.getContentAsString()).isEqualTo(201);
        assertThat((String) JsonPath.read(userA.getContentAsString(), "$.password"))
                .isNotBlank();
        assertThat(jdbc.sql("select role || '/' || must_change_password from app_user where username = 'x-hzau'")
                        .query(String.class)
                        .single())
                .isEqualTo("UNIVERSITY/true");
        var userB = post(
                "/api/v1/ip/universities/" + uniB + "/users",
                "x-admin",
                null,
                "{\"username\":\"x-other-uni\",\"displayName\":\"科技处\"}");
        assertThat(userB.getStatus()).as(userB.getContentAsString()).isEqualTo(201);
        known("x-hzau");
        known("x-other-uni");
        // a university's office manages no universities, a county none of the IP work
        assertThat(get("/api/v1/ip/universities", "x-hzau").getStatus()).isEqualTo(403);
        assertThat(get("/api/v1/ip/patents", "x-county").getStatus()).isEqualTo(403);
        // a university account has no household data, whatever region it sits in
        assertThat(users.runAs("x-hzau", dataScope::current)).isInstanceOf(DataScope.Scope.Nothing.class);

        // a disclosure whose shares do not add up: refused in words, nothing kept
        String inventors = "[{\"name\":\"张三\",\"staffNo\":\"T1001\",\"share\":60},"
                + "{\"name\":\"李四\",\"staffNo\":\"T1002\",\"share\":%s}]";
        String disclosure = "{\"title\":\"一种茶树抗寒栽培方法\",\"college\":\"园艺林学学院\",\"funding\":\"FISCAL\","
                + "\"disclosedOn\":\"" + today.minusYears(4) + "\",\"inventors\":" + inventors + "}";
        refused(
                post("/api/v1/ip/disclosures", "x-hzau", null, disclosure.formatted("30")),
                422,
                "inventors",
                "合计须为 100%，现为 90");
        assertThat(count("ip_disclosure")).isZero();
        var d = post("/api/v1/ip/disclosures", "x-hzau", null, disclosure.formatted("40"));
        assertThat(d.getStatus()).as(d.getContentAsString()).isEqualTo(201);
        long disclosureId = id(d, "$.id");
        String dTag = d.getHeader("ETag");

        // no patent before an evaluation decided to file (000:92)
        String patent = "{\"disclosureId\":" + disclosureId + ",\"number\":\"ZL202210123456.7\",\"type\":\"INVENTION\","
                + "\"filedOn\":\"" + today.minusYears(4).plusDays(30) + "\",\"grantedOn\":\""
                + today.minusYears(3).minusDays(10) + "\",\"ownership\":\"UNIVERSITY\",\"inventorShare\":60}";
        refused(post("/api/v1/ip/patents", "x-hzau", null, patent), 422, "disclosureId", "申请专利");
        // not filing needs its reason; a stale version is refused
        String evaluation = "{\"evaluatorKind\":\"MARKET\",\"evaluator\":\"某知识产权评估公司\",\"evaluatedOn\":\""
                + today.minusYears(4).plusDays(10) + "\",\"cost\":1000,\"decision\":\"%s\",\"decidedBy\":\"王主任\"%s}";
        refused(
                post(
                        "/api/v1/ip/disclosures/" + disclosureId + "/evaluations",
                        "x-hzau",
                        dTag,
                        evaluation.formatted("NOT_FILE", "")),
                422,
                "reason",
                "必填");
        refused(
                post(
                        "/api/v1/ip/disclosures/" + disclosureId + "/evaluations",
                        "x-hzau",
                        "\"99\"",
                        evaluation.formatted("FILE", "")),
                412,
                null,
                "已被他人修改");
        assertThat(count("ip_evaluation")).isZero();
        var evaluated = post(
                "/api/v1/ip/disclosures/" + disclosureId + "/evaluations",
                "x-hzau",
                dTag,
                evaluation.formatted("FILE", ",\"market\":\"茶区需求大\""));
        assertThat(evaluated.getStatus()).as(evaluated.getContentAsString()).isEqualTo(200);
        var filed = post("/api/v1/ip/patents", "x-hzau", null, patent);
        assertThat(filed.getStatus()).as(filed.getContentAsString()).isEqualTo(201);
        long patentId = id(filed, "$.id");
        refused(post("/api/v1/ip/patents", "x-hzau", null, patent), 409, null, "ZL202210123456.7");

        // fees: an inventor paying from public funds is refused (000:94); the university's and an inventor's own
        String tag = filed.getHeader("ETag");
        String fees = "/api/v1/ip/patents/" + patentId + "/fees";
        refused(
                post(
                        fees,
                        "x-hzau",
                        tag,
                        "{\"kind\":\"ANNUAL\",\"paidOn\":\"" + today.minusYears(1)
                                + "\",\"amount\":900,\"payer\":\"INVENTOR\",\"fundSource\":\"FISCAL\"}"),
                422,
                "fundSource",
                "财政资金");
        assertThat(count("ip_fee")).isZero();
        tag = post(
                        fees,
                        "x-hzau",
                        tag,
                        "{\"kind\":\"APPLICATION\",\"paidOn\":\""
                                + today.minusYears(4).plusDays(30)
                                + "\",\"amount\":3000,\"payer\":\"UNIVERSITY\",\"fundSource\":\"FISCAL\"}")
                .getHeader("ETag");
        tag = post(
                        fees,
                        "x-hzau",
                        tag,
                        "{\"kind\":\"ANNUAL\",\"paidOn\":\"" + today.minusYears(1)
                                + "\",\"amount\":2345.67,\"payer\":\"INVENTOR\",\"fundSource\":\"OWN\"}")
                .getHeader("ETag");

        // a licence names its kind; one to a village's cooperative is tagged with the village (科技帮扶)
        String deals = "/api/v1/ip/patents/" + patentId + "/transactions";
        String licence = "{\"form\":\"LICENCE\",%s\"counterparty\":\"东村茶叶专业合作社\",\"counterpartyKind\":"
                + "\"COOPERATIVE\",\"region\":\"" + TestData.VILLAGE + "\",\"signedOn\":\"" + today.minusYears(1)
                + "\",\"contractNo\":\"HT-2025-08\",\"amount\":50000}";
        refused(post(deals, "x-hzau", tag, licence.formatted("")), 422, "licenceKind", "许可方式");
        var dealt = post(deals, "x-hzau", tag, licence.formatted("\"licenceKind\":\"GENERAL\","));
        assertThat(dealt.getStatus()).as(dealt.getContentAsString()).isEqualTo(200);
        long deal = id(dealt, "$.transactions[0].id");
        tag = dealt.getHeader("ETag");
        String receipts = deals + "/" + deal + "/receipts";
        tag = post(receipts, "x-hzau", tag, "{\"receivedOn\":\"" + today.minusMonths(6) + "\",\"amount\":20000}")
                .getHeader("ETag");
        var last = post(receipts, "x-hzau", tag, "{\"receivedOn\":\"" + today.minusMonths(1) + "\",\"amount\":30000}");
        assertThat(last.getStatus()).as(last.getContentAsString()).isEqualTo(200);

        // the split, recomputed here from the rows: fees by payer, the evaluation's cost, the money received
        BigDecimal income = sum("select amount from ip_receipt");
        BigDecimal uFees = sum("select amount from ip_fee where payer = 'UNIVERSITY'");
        BigDecimal iFees = sum("select amount from ip_fee where payer = 'INVENTOR'");
        BigDecimal costs = sum("select cost from ip_evaluation").add(sum("select costs from ip_transaction"));
        BigDecimal doubled = iFees.multiply(BigDecimal.valueOf(2));
        BigDecimal net = income.subtract(uFees).subtract(costs).subtract(doubled);
        BigDecimal inventorsPart =
                net.multiply(BigDecimal.valueOf(60)).divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.HALF_UP);
        BigDecimal inventorsTotal = inventorsPart.add(doubled);
        BigDecimal universityTotal = income.subtract(inventorsTotal);
        var detail = get("/api/v1/ip/patents/" + patentId, "x-hzau");
        String json = detail.getContentAsString();
        assertThat((String) JsonPath.read(json, "$.split.rule")).isEqualTo("INVENTOR_PAID_FEES");
        assertThat(new BigDecimal(JsonPath.read(json, "$.split.inventors").toString()))
                .isEqualByComparingTo(inventorsTotal)
                .isEqualByComparingTo("29476.54");
        assertThat(new BigDecimal(JsonPath.read(json, "$.split.university").toString()))
                .isEqualByComparingTo(universityTotal);
        List<Object> each = JsonPath.read(json, "$.split.perInventor[*].amount");
        assertThat(each.stream().map(o -> new BigDecimal(o.toString())).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(inventorsTotal);
        assertThat((Integer) JsonPath.read(json, "$.patent.transactions")).isEqualTo(1);

        // the year's figures equal the rows
        var years = get("/api/v1/ip/years", "x-hzau").getContentAsString();
        List<Map<String, Object>> rows = JsonPath.read(years, "$");
        BigDecimal booked = rows.stream()
                .map(r -> new BigDecimal(r.get("income").toString()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(booked).isEqualByComparingTo(income);

        // the other university sees none of it; an unknown number is the same 404
        assertThat(get("/api/v1/ip/patents", "x-other-uni").getContentAsString())
                .isEqualTo("[]");
        assertThat(get("/api/v1/ip/disclosures", "x-other-uni").getContentAsString())
                .isEqualTo("[]");
        refused(get("/api/v1/ip/patents/" + patentId, "x-other-uni"), 404, null, "找不到专利");
        refused(get("/api/v1/ip/disclosures/" + disclosureId, "x-other-uni"), 404, null, "找不到成果披露");
        refused(
                post(
                        fees,
                        "x-other-uni",
                        last.getHeader("ETag"),
                        "{\"kind\":\"ANNUAL\",\"paidOn\":\"" + today
                                + "\",\"amount\":1,\"payer\":\"UNIVERSITY\",\"fundSource\":\"OWN\"}"),
                404,
                null,
                "找不到专利");

        // keep or drop: abandoning ends the patent; nothing more is booked on it
        tag = last.getHeader("ETag");
        var dropped = post(
                "/api/v1/ip/patents/" + patentId + "/maintenance",
                "x-hzau",
                tag,
                "{\"feeYear\":" + today.getYear() + ",\"decision\":\"ABANDON\",\"reason\":\"市场已被替代技术占据\"}");
        assertThat(dropped.getStatus()).as(dropped.getContentAsString()).isEqualTo(200);
        assertThat((String) JsonPath.read(dropped.getContentAsString(), "$.patent.status"))
                .isEqualTo("ABANDONED");
        long feesBefore = count("ip_fee");
        refused(
                post(
                        fees,
                        "x-hzau",
                        dropped.getHeader("ETag"),
                        "{\"kind\":\"ANNUAL\",\"paidOn\":\"" + today
                                + "\",\"amount\":900,\"payer\":\"UNIVERSITY\",\"fundSource\":\"OWN\"}"),
                409,
                null,
                "已放弃");
        assertThat(count("ip_fee")).isEqualTo(feesBefore);

        // every change is in the audit log
        assertThat(jdbc.sql("select action from audit_log where entity like 'ip_%' order by seq")
                        .query(String.class)
                        .list())
                .contains(
                        "IP_UNIVERSITY_ADDED",
                        "IP_UNIVERSITY_USER_ADDED",
                        "IP_DISCLOSED",
                        "IP_EVALUATED",
                        "IP_PATENT_FILED",
                        "IP_FEE_PAID",
                        "IP_TRANSFERRED",
                        "IP_RECEIVED",
                        "IP_MAINTENANCE_DECIDED");
    }

    @Test
    void theApiDescriptionHasNoFieldForCountsOfPapersOrImpact() throws Exception {
        TestData.reset(jdbc);
        regions.importFile(TestData.write(dir, "r.csv", TestData.REGIONS_CSV), "r.csv", "t", Locale.CHINA);
        TestData.user(jdbc, encoder, "x-admin", "ADMIN", null, PW, false);
        mvc = AsSystemInTests.mockMvc(context);
        String api = get("/v3/api-docs", "x-admin").getContentAsString(StandardCharsets.UTF_8);
        Map<String, Object> schemas = JsonPath.read(api, "$.components.schemas");
        List<String> ip = schemas.keySet().stream()
                .filter(k -> k.startsWith("Ip") || k.startsWith("NewIp"))
                .toList();
        assertThat(ip).contains("IpPatent", "NewIpDisclosure", "IpSplitStatement");
        for (String name : ip) {
            Map<String, Object> properties = JsonPath.read(api, "$.components.schemas." + name + ".properties");
            assertThat(properties.keySet())
                    .as(name)
                    .noneMatch(p -> p.toLowerCase(Locale.ROOT).matches(".*(sci|impact|esi|citation|rank).*"));
        }
    }

    BigDecimal sum(String sql) {
        return jdbc.sql(sql).query(BigDecimal.class).list().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
