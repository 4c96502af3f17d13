package org.fangpin.pairing.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import org.fangpin.pairing.PairingChecks;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The work teams' and pairings' figures for 考核, over HTTP. */
@RestController
@Tag(name = "teams", description = "驻村工作队 · Units, village work teams, 第一书记 and members")
class PairingCheckController {

    private final PairingChecks checks;
    private final Clock clock;

    PairingCheckController(PairingChecks checks, Clock clock) {
        this.checks = checks;
        this.clock = clock;
    }

    @GetMapping("/api/v1/pairing/checks")
    @Operation(
            operationId = "pairingChecks",
            summary = "考核数据 · For a region of the caller's reach (their own by default) and a year (this year by"
                    + " default), per region below and in total: households that must have a helper and those paired,"
                    + " plans visited in time, teams with a 第一书记 in post, members' months meeting the rule, members"
                    + " trained, partners' funds delivered against committed, secretaries' 遍访 targets visited")
    PairingChecks.Checks checks(
            @RequestParam(required = false) String region, @RequestParam(required = false) Integer year) {
        return checks.checks(region, year == null ? LocalDate.now(clock).getYear() : year);
    }
}
