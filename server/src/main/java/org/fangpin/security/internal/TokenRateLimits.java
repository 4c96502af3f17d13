package org.fangpin.security.internal;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.fangpin.security.ApiTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Requests per minute of each department API token (a token bucket each, Bucket4j): a system may send up to its
 * minute's worth at once, then as fast as the bucket refills. The limit is the token's own, else the installation's
 * {@code fangpin.api.rate-limit.per-minute}. Buckets are per application instance.
 */
@Component
class TokenRateLimits {

    private record Limited(int perMinute, Bucket bucket) {}

    private final int defaultPerMinute;
    private final ConcurrentMap<String, Limited> buckets = new ConcurrentHashMap<>();

    TokenRateLimits(@Value("${fangpin.api.rate-limit.per-minute:600}") int defaultPerMinute) {
        this.defaultPerMinute = defaultPerMinute;
    }

    /** Takes one request from the token's bucket; when it is empty, how long until the next one is allowed. */
    ConsumptionProbe take(ApiTokens.Resolved token) {
        int perMinute = token.ratePerMinute() != null ? token.ratePerMinute() : defaultPerMinute;
        Limited limited = buckets.compute(
                token.name(),
                (name, old) ->
                        old != null && old.perMinute() == perMinute ? old : new Limited(perMinute, bucket(perMinute)));
        return limited.bucket().tryConsumeAndReturnRemaining(1);
    }

    private static Bucket bucket(int perMinute) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build();
    }
}
