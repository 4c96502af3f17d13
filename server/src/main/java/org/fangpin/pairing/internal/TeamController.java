package org.fangpin.pairing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fangpin.common.web.Refusals;
import org.fangpin.common.web.RequestSupport;
import org.fangpin.pairing.TeamAttendance;
import org.fangpin.pairing.TeamTraining;
import org.fangpin.pairing.WorkTeams;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 驻村工作队 over HTTP: units, teams, their members' sending, leaving and the team's end. */
@RestController
@Tag(name = "teams", description = "驻村工作队 · Units, village work teams, 第一书记 and members")
class TeamController {

    private final WorkTeams teams;
    private final TeamAttendance attendance;
    private final TeamTraining training;

    TeamController(WorkTeams teams, TeamAttendance attendance, TeamTraining training) {
        this.teams = teams;
        this.attendance = attendance;
        this.training = training;
    }

    @GetMapping("/api/v1/teams/trainings")
    @Operation(
            operationId = "listTrainings",
            summary = "驻村干部培训 · Trainings with members in the caller's reach, and the members at work past"
                    + " team_training_due_days with no training since 90 days before their term")
    TeamTraining.Overview trainings() {
        return training.overview();
    }

    @PostMapping("/api/v1/teams/trainings")
    @Operation(
            operationId = "recordTraining",
            summary = "登记培训 · A course held on a day by the caller's region, with the members who took part")
    ResponseEntity<TeamTraining.Training> recordTraining(@RequestBody TeamTraining.NewTraining body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(training.record(body));
    }

    @GetMapping("/api/v1/teams/attendance")
    @Operation(
            operationId = "attendanceMonth",
            summary = "驻村考勤 · A month (yyyy-MM) over the caller's reach: each member's days in the village against the"
                    + " rule (village_days_per_month for the days of the term, less approved leave), the short ones")
    TeamAttendance.Month attendance(@RequestParam String month) {
        return attendance.month(attendance.parseMonth(month));
    }

    @PutMapping("/api/v1/teams/{id}/members/{member}/attendance/{month}")
    @Operation(
            operationId = "logAttendance",
            summary = "登记考勤 · A member's days in the village for a month of the term (replacing the month's log)")
    TeamAttendance.Row log(
            @PathVariable long id,
            @PathVariable long member,
            @PathVariable String month,
            @RequestBody TeamAttendance.Log body) {
        return attendance.log(id, member, attendance.parseMonth(month), body);
    }

    @GetMapping("/api/v1/teams/{id}/leaves")
    @Operation(operationId = "listTeamLeaves", summary = "请假 · A team's leave, newest first")
    List<TeamAttendance.Leave> leaves(@PathVariable long id) {
        return attendance.leaves(id);
    }

    @PostMapping("/api/v1/teams/{id}/members/{member}/leaves")
    @Operation(operationId = "requestLeave", summary = "请假 · Ask leave for a member at work, within the term")
    @Refusals({409})
    ResponseEntity<TeamAttendance.Leave> requestLeave(
            @PathVariable long id, @PathVariable long member, @RequestBody TeamAttendance.NewLeave body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(attendance.requestLeave(id, member, body));
    }

    @PostMapping("/api/v1/teams/{id}/leaves/{leave}/decision")
    @Operation(operationId = "decideLeave", summary = "审批请假 · The township approves or refuses leave asked")
    @Refusals({409})
    TeamAttendance.Leave decideLeave(
            @PathVariable long id, @PathVariable long leave, @RequestBody TeamAttendance.Decision body) {
        return attendance.decideLeave(id, leave, body);
    }

    @GetMapping("/api/v1/units")
    @Operation(operationId = "listUnits", summary = "帮扶单位 · Every unit that sends cadres or helps, by name")
    List<WorkTeams.Unit> units() {
        return teams.units();
    }

    @PostMapping("/api/v1/units")
    @Operation(operationId = "addUnit", summary = "登记帮扶单位 · Record a unit")
    @Refusals({409})
    ResponseEntity<WorkTeams.Unit> addUnit(@RequestBody WorkTeams.NewUnit body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(teams.addUnit(body));
    }

    @PutMapping("/api/v1/units/{id}/university")
    @Operation(
            operationId = "setUnitUniversity",
            summary = "帮扶单位对应高校 · Name the university a unit of kind 高校 is (its 科技帮扶 deals are then booked to"
                    + " its partnerships), or none")
    @Refusals({409})
    WorkTeams.Unit unitUniversity(@PathVariable long id, @RequestBody WorkTeams.UnitUniversity body) {
        return teams.linkUniversity(id, body);
    }

    @GetMapping("/api/v1/teams")
    @Operation(
            operationId = "listTeams",
            summary = "驻村工作队 · The teams of the caller's reach with those short of members, without a 第一书记, and"
                    + " the terms ending soon")
    WorkTeams.Overview list(@RequestParam(defaultValue = "false") boolean ended) {
        return teams.overview(ended);
    }

    @GetMapping("/api/v1/teams/{id}")
    @Operation(operationId = "getTeam", summary = "工作队 · One team with its units and members (ID and phone masked)")
    ResponseEntity<WorkTeams.Team> get(@PathVariable long id) {
        return tagged(HttpStatus.OK, teams.get(id));
    }

    @PostMapping("/api/v1/teams")
    @Operation(
            operationId = "startTeam",
            summary = "选派工作队 · Start a team in a village of the caller's reach with no team at work")
    @Refusals({409})
    ResponseEntity<WorkTeams.Team> start(@RequestBody WorkTeams.NewTeam body) {
        return tagged(HttpStatus.CREATED, teams.start(body));
    }

    @PostMapping("/api/v1/teams/{id}/members")
    @Operation(
            operationId = "sendMember",
            summary = "选派队员 · Send a member (409: at work on a team already, or the village has a 第一书记)")
    @Refusals({409, 412})
    ResponseEntity<WorkTeams.Team> addMember(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody WorkTeams.NewMember body) {
        return tagged(HttpStatus.OK, teams.addMember(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    @PostMapping("/api/v1/teams/{id}/members/{member}/leave")
    @Operation(
            operationId = "memberLeaves",
            summary = "召回、轮换或期满 · A member leaves: recalled (reason and the county's approval), rotated, or at the"
                    + " term's end")
    @Refusals({409, 412})
    ResponseEntity<WorkTeams.Team> leave(
            @PathVariable long id,
            @PathVariable long member,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody WorkTeams.Leave body) {
        return tagged(HttpStatus.OK, teams.leave(id, RequestSupport.ifMatchVersion(ifMatch), member, body));
    }

    @PostMapping("/api/v1/teams/{id}/end")
    @Operation(
            operationId = "endTeam",
            summary = "撤队 · End a team (a village with monitored households: with the county's reason)")
    @Refusals({409, 412})
    ResponseEntity<WorkTeams.Team> end(
            @PathVariable long id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody WorkTeams.End body) {
        return tagged(HttpStatus.OK, teams.end(id, RequestSupport.ifMatchVersion(ifMatch), body));
    }

    private static ResponseEntity<WorkTeams.Team> tagged(HttpStatus status, WorkTeams.Team t) {
        return ResponseEntity.status(status)
                .eTag(RequestSupport.etag(t.version()))
                .body(t);
    }
}
