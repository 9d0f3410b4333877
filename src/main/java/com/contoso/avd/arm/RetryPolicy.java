package com.contoso.avd.arm;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How transient ARM failures are retried in-process: at most {@code maxAttempts} sends, exponential backoff with
 * full jitter between {@code baseDelay} and {@code maxDelay}, ARM's {@code Retry-After} honoured, and never past
 * {@code budget} from the first send.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration budget) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    /** The wait before attempt {@code attempt + 1}: ARM's {@code retryAfter} when given, else jittered backoff. */
    Duration delayAfter(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            return retryAfter.isNegative() ? Duration.ZERO : retryAfter;
        }
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }
}
