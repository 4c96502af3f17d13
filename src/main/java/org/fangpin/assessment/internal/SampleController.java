package org.fangpin.assessment.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.fangpin.assessment.SampleDraws;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 抽查 over HTTP: draw a sample of a region's households, list the draws, read one with its households. */
@RestController
@RequestMapping("/api/v1")
@Tag(
        name = "assessment",
        description = "考核评估与抽查 · Assessment and sample draws (recomputable from the frame and the seed, ADR 0022)")
class SampleController {

    private final SampleDraws draws;

    SampleController(SampleDraws draws) {
        this.draws = draws;
    }

    @PostMapping("/samples")
    @Operation(
            operationId = "drawSample",
            summary = "抽查抽样 · SampleDraw households of a region as they stood on a day, per stratum (township × 户属性"
                    + " × 监测状态): a share of each (sample_fraction, at least sample_min_per_stratum) or a number"
                    + " from each; the draw is kept as made")
    ResponseEntity<SampleDraws.SampleDraw> draw(@RequestBody SampleDraws.SampleRequest body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(draws.draw(body));
    }

    @GetMapping("/samples")
    @Operation(operationId = "listSamples", summary = "抽查记录 · Draws of regions in the caller's reach, newest first")
    List<SampleDraws.SampleDraw> list(@RequestParam(defaultValue = "50") int limit) {
        return draws.list(limit);
    }

    @GetMapping("/samples/{id}")
    @Operation(operationId = "getSample", summary = "抽查详情 · A draw with its strata and the households drawn")
    SampleDraws.SampleDraw get(@PathVariable long id) {
        return draws.get(id);
    }
}
