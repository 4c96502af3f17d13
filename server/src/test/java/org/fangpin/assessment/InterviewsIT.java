package org.fangpin.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.fangpin.IntegrationTest;
import org.fangpin.TestData;
import org.fangpin.common.problem.ApiException;
import org.fangpin.demo.DemoLoader;
import org.fangpin.security.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A city interviews a county's deputy head about an overdue finding; the county reads it but cannot record the
 * follow-up; the city records it once; a township reads none of it; bad records are refused field by field.
 */
@IntegrationTest
class InterviewsIT {

    static final String PW = "Interview-pass-2026";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DemoLoader demo;

    @Autowired
    Findings findings;

    @Autowired
    Interviews interviews;

    @Autowired
    UserAccounts users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    Clock clock;

    @Test
    void aCityInterviewsACountyAboutAFindingAndFollowsItUp() {
        TestData.reset(jdbc);
        demo.load(300, 14);
        TestData.user(jdbc, encoder, "iv-city", "CITY", TestData.CITY, PW, false);
        TestData.user(jdbc, encoder, "iv-county", "COUNTY", TestData.COUNTY, PW, false);
        TestData.user(jdbc, encoder, "iv-town", "TOWNSHIP", TestData.TOWNSHIP, PW, false);
        LocalDate today = LocalDate.now(clock);
        long countyFinding = users.runAs(
                        "iv-city",
                        () -> findings.issue(new Findings.FindingIssue(
                                TestData.COUNTY,
                                "红安县",
                                FindingSource.ASSESSMENT,
                                FindingCategory.IDENTIFICATION,
                                FindingSeverity.GRAVE,
                                "错退率超标",
                                "抽查错退率 4%",
                                today.plusDays(5),
                                List.of(),
                                null)))
                .finding()
                .id();
        long townFinding = users.runAs(
                        "iv-city",
                        () -> findings.issue(new Findings.FindingIssue(
                                TestData.OTHER_TOWNSHIP,
                                "某镇",
                                FindingSource.SUPERVISION,
                                FindingCategory.ASSISTANCE,
                                FindingSeverity.MINOR,
                                "走访不实",
                                "d",
                                today.plusDays(5),
                                List.of(),
                                null)))
                .finding()
                .id();

        Interviews.Interview i = users.runAs(
                "iv-city",
                () -> interviews.record(new Interviews.InterviewRecord(
                        TestData.COUNTY,
                        InterviewKind.INTERVIEW,
                        "张某",
                        "副县长",
                        "王某",
                        today,
                        "错退率超过 2%",
                        List.of(countyFinding),
                        "一个月内整改到位",
                        today.plusDays(30))));
        assertThat(i.findings()).containsExactly(countyFinding);
        assertThat(i.interviewerRegion()).isEqualTo(TestData.CITY);
        assertThat(i.followUpOverdue()).isFalse();
        assertThat(users.runAs("iv-city", () -> interviews.list(countyFinding, 10)))
                .extracting(Interviews.Interview::id)
                .containsExactly(i.id());
        assertThat(users.runAs("iv-city", () -> interviews.list(townFinding, 10)))
                .isEmpty();

        // the county reads it, but the follow-up is the interviewing level's to record
        assertThat(users.runAs("iv-county", () -> interviews.get(i.id())).interviewee())
                .isEqualTo("张某");
        assertThatThrownBy(() -> users.runAs(
                        "iv-county", () -> interviews.followUp(i.id(), 1, new Interviews.InterviewFollowUp("已整改"))))
                .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(HttpStatus.FORBIDDEN));
        // a township below reads none of the county's
        assertThat(users.runAs("iv-town", () -> interviews.list(null, 10))).isEmpty();
        assertThatThrownBy(() -> users.runAs("iv-town", () -> interviews.get(i.id())))
                .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(HttpStatus.NOT_FOUND));

        Interviews.Interview done = users.runAs(
                "iv-city", () -> interviews.followUp(i.id(), 1, new Interviews.InterviewFollowUp("已整改并回头看")));
        assertThat(done.followedUpOn()).isEqualTo(today);
        assertThat(done.version()).isEqualTo(2);
        assertThatThrownBy(() -> users.runAs(
                        "iv-city", () -> interviews.followUp(i.id(), 2, new Interviews.InterviewFollowUp("再次"))))
                .satisfies(x -> assertThat(((ApiException) x).status()).isEqualTo(HttpStatus.CONFLICT));
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'interview'")
                        .query(Long.class)
                        .single())
                .isEqualTo(2L);

        // refused field by field, nothing kept: own region, a day ahead, a due date before it, a finding that does
        // not exist, blanks; then a finding of another township
        assertThatThrownBy(() -> users.runAs(
                        "iv-city",
                        () -> interviews.record(new Interviews.InterviewRecord(
                                TestData.CITY,
                                null,
                                " ",
                                "p",
                                "w",
                                today.plusDays(1),
                                "r",
                                List.of(999_999L),
                                null,
                                today))))
                .satisfies(x -> assertThat(((ApiException) x).fieldProblems())
                        .extracting(p -> p.field())
                        .containsExactlyInAnyOrder(
                                "region", "kind", "interviewee", "heldOn", "followUpDue", "findings"));
        assertThatThrownBy(() -> users.runAs(
                        "iv-city",
                        () -> interviews.record(new Interviews.InterviewRecord(
                                TestData.TOWNSHIP,
                                InterviewKind.REMINDER,
                                "a",
                                "p",
                                "w",
                                today,
                                "r",
                                List.of(townFinding),
                                null,
                                null))))
                .satisfies(x -> assertThat(((ApiException) x).fieldProblems())
                        .extracting(p -> p.field())
                        .containsExactly("findings"));
        assertThat(jdbc.sql("select count(*) from interview").query(Long.class).single())
                .isEqualTo(1L);
    }
}
