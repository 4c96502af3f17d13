package org.fangpin.security.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Instant;
import java.util.List;
import org.fangpin.common.problem.ApiException;
import org.fangpin.common.web.Refusals;
import org.fangpin.security.ApiTokens;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** API tokens for department systems and upper-level platforms; administrators only. */
@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "tokens", description = "接口令牌（管理员） · API tokens (administrators)")
class TokenController {

    private final ApiTokens tokens;

    TokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record TokenRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{2,64}")
            String name,

            @NotBlank String username,
            @NotEmpty List<String> scopes,
            Instant expiresAt,
            @Positive Integer ratePerMinute) {}

    @GetMapping
    @Operation(
            operationId = "listTokens",
            summary = "接口令牌列表 · Tokens (never their secrets) with scopes, expiry and rate limit")
    List<ApiTokens.TokenInfo> list() {
        return tokens.list();
    }

    @PostMapping
    @Operation(operationId = "issueToken", summary = "签发接口令牌 · Issue a token; the secret is in this response only")
    @Refusals(409)
    ResponseEntity<ApiTokens.Issued> issue(@Valid @RequestBody TokenRequest body, Authentication auth) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(tokens.issue(
                        body.name(),
                        body.username(),
                        body.scopes(),
                        body.expiresAt(),
                        body.ratePerMinute(),
                        auth.getName()));
    }

    @DeleteMapping("/{name}")
    @Operation(operationId = "revokeToken", summary = "吊销接口令牌 · Revoke a token at once")
    ResponseEntity<Void> revoke(@PathVariable String name) {
        if (!tokens.revoke(name)) {
            throw ApiException.notFound("token.not-found", name);
        }
        return ResponseEntity.noContent().build();
    }
}
