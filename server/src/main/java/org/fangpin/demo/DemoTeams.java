package org.fangpin.demo;

import java.time.LocalDate;
import java.util.List;
import org.fangpin.pairing.TeamPost;
import org.fangpin.pairing.UnitKind;
import org.fangpin.pairing.WorkTeams;
import org.fangpin.registry.IdNumber;
import org.fangpin.security.UserAccounts;

/**
 * The demo village's work team: sent by a provincial bank and the county's transport bureau a year and a half ago, its
 * 第一书记, its leader, and a member whose term ends within the rotation notice.
 */
final class DemoTeams {

    private DemoTeams() {}

    static int seed(UserAccounts accounts, WorkTeams teams, LocalDate today) {
        WorkTeams.Unit bank = accounts.runAs(
                "county",
                () -> teams.addUnit(new WorkTeams.NewUnit("湖北省农业发展银行（演示）", UnitKind.STATE_ENTERPRISE, "武汉市", null)));
        WorkTeams.Unit bureau = accounts.runAs(
                "county",
                () -> teams.addUnit(new WorkTeams.NewUnit("红安县交通运输局（演示）", UnitKind.COUNTY_ORGAN, "红安县", null)));
        LocalDate started = today.minusMonths(18);
        WorkTeams.Team team = accounts.runAs(
                "county",
                () -> teams.start(
                        new WorkTeams.NewTeam(DemoProjects.VILLAGE, started, List.of(bank.id(), bureau.id()))));
        record Sent(String name, String birth, long unit, TeamPost post, LocalDate to) {}
        List<Sent> sent = List.of(
                new Sent("陈志远", "19840512", bank.id(), TeamPost.FIRST_SECRETARY, null),
                new Sent("刘建国", "19790823", bureau.id(), TeamPost.LEADER, null),
                new Sent("王晓梅", "19920117", bureau.id(), TeamPost.MEMBER, today.plusDays(40)));
        int version = team.version();
        for (int i = 0; i < sent.size(); i++) {
            Sent s = sent.get(i);
            String first17 = "421122" + s.birth() + String.format("%03d", 900 + i);
            String id = first17 + IdNumber.checkChar(first17);
            int v = version;
            version = accounts.runAs(
                            "county",
                            () -> teams.addMember(
                                    team.id(),
                                    v,
                                    new WorkTeams.NewMember(s.name(), id, null, s.unit(), s.post(), started, s.to())))
                    .version();
        }
        return sent.size();
    }
}
