package com.contoso.avd.arm;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Client-side pacing of ARM calls, shared by everything in the instance: a token bucket per subscription and kind
 * (writes: 200 burst, 10/s; reads: 250 burst, 25/s, as ARM's own limits per principal), so a burst slows down
 * before ARM says 429 rather than after. When ARM does answer 429, every caller for that subscription waits out
 * {@code Retry-After}; when ARM reports fewer calls left than the bucket holds
 * ({@code x-ms-ratelimit-remaining-subscription-writes}), the bucket comes down to match.
 *
 * <p>ARM's bucket started before ours and calls reach it a little later than they leave us, so a pacer running at
 * exactly ARM's rate would now and then arrive a fraction of a token early. Ours refills at {@value #HEADROOM} of
 * the configured rate, and its refill starts one token late.
 */
public final class ArmPacer {
    /** A rate of 0 turns pacing off for that kind; ARM's 429s are still waited out by every caller. */
    public record Limits(int writeBurst, double writesPerSecond, int readBurst, double readsPerSecond) {
        public static Limits arm() {
            return new Limits(200, 10, 250, 25);
        }
    }

    static final double HEADROOM = 0.98;

    private final Limits limits;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ArmPacer(Limits limits) {
        this(limits, System::nanoTime);
    }

    ArmPacer(Limits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    public static ArmPacer off() {
        return new ArmPacer(new Limits(1, 0, 1, 0));
    }

    /**
     * Waits for a call slot. Returns how long the caller would still have to wait when that would pass
     * {@code deadlineNanos} (nothing is reserved then), or {@link Duration#ZERO} once the caller may go.
     */
    public Duration acquire(String subscriptionId, boolean write, long deadlineNanos) throws InterruptedException {
        Bucket bucket = bucket(subscriptionId, write);
        if (bucket == null) {
            return Duration.ZERO;
        }
        long wait = bucket.reserve(nanoTime.getAsLong(), deadlineNanos);
        if (wait < 0) {
            return Duration.ofNanos(-wait);
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        return Duration.ZERO;
    }

    /** ARM answered 429: hold every caller for this subscription back for {@code retryAfter}. */
    public void throttled(String subscriptionId, boolean write, Duration retryAfter) {
        Bucket bucket = bucket(subscriptionId, write);
        if (bucket != null) {
            bucket.block(nanoTime.getAsLong() + retryAfter.toNanos());
        }
    }

    /** ARM said how many calls are left: never believe the bucket holds more. */
    public void remaining(String subscriptionId, boolean write, long remaining) {
        Bucket bucket = bucket(subscriptionId, write);
        if (bucket != null) {
            bucket.cap(nanoTime.getAsLong(), remaining);
        }
    }

    private Bucket bucket(String subscriptionId, boolean write) {
        if (subscriptionId == null) {
            return null;
        }
        double rate = write ? limits.writesPerSecond() : limits.readsPerSecond();
        int burst = write ? limits.writeBurst() : limits.readBurst();
        return buckets.computeIfAbsent((write ? "w:" : "r:") + subscriptionId.toLowerCase(Locale.ROOT),
                k -> new Bucket(burst, rate, nanoTime.getAsLong()));
    }

    /** Tokens may go below zero: each caller reserves its slot and sleeps until it comes, outside the lock. */
    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long refilledAt;
        private long blockedUntil;

        Bucket(double capacity, double perSecond, long now) {
            this.capacity = capacity;
            this.perNano = perSecond > 0 ? perSecond * HEADROOM / 1e9 : Double.POSITIVE_INFINITY;
            this.tokens = capacity;
            this.refilledAt = perSecond > 0 ? now + (long) (1 / perNano) : now;
        }

        /** Nanoseconds to wait for a reserved slot, or minus the wait when it would pass the deadline. */
        synchronized long reserve(long now, long deadline) {
            if (perNano == Double.POSITIVE_INFINITY) {
                long wait = Math.max(0, blockedUntil - now);
                return now + wait > deadline ? -Math.max(wait, 1) : wait;
            }
            refill(now);
            long untilToken = tokens >= 1 ? 0
                    : Math.max(0, refilledAt - now) + (long) Math.ceil((1 - tokens) / perNano);
            long wait = Math.max(untilToken, blockedUntil - now);
            if (now + wait > deadline) {
                return -Math.max(wait, 1);
            }
            tokens -= 1;
            return wait;
        }

        synchronized void block(long until) {
            blockedUntil = Math.max(blockedUntil, until);
        }

        synchronized void cap(long now, long remaining) {
            if (perNano == Double.POSITIVE_INFINITY) {
                return;
            }
            refill(now);
            tokens = Math.min(tokens, remaining);
        }

        private void refill(long now) {
            if (now > refilledAt) {
                tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
                refilledAt = now;
            }
        }
    }
}
