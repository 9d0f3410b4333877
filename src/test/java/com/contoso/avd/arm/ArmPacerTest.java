package com.contoso.avd.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pacer's arithmetic on a fake clock: burst, refill, 429 holds, remaining-header caps, deadlines. */
class ArmPacerTest {
    private static final String SUB = "6f2c1c43-8a3a-4f3f-9c55-0a1b2c3d4e5f";
    private static final long FAR = Long.MAX_VALUE / 2;
    private final AtomicLong now = new AtomicLong(0);

    private ArmPacer pacer(int burst, double perSecond) {
        return new ArmPacer(new ArmPacer.Limits(burst, perSecond, burst, perSecond), now::get);
    }

    @Test
    void aBurstGoesAtOnceThenTheRateApplies() throws InterruptedException {
        ArmPacer pacer = pacer(3, 1000);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, pacer.acquire(SUB, true, 0), "burst call " + i);
        }
        // The fourth needs a token: 1 ms at 98 % of 1000/s, after the one-token start offset.
        Duration refused = pacer.acquire(SUB, true, 0);
        long expected = Math.round(2 * 1e6 / ArmPacer.HEADROOM);
        assertTrue(Math.abs(refused.toNanos() - expected) < 2_000, refused.toNanos() + " ns, expected " + expected);
        now.addAndGet(refused.toNanos());
        assertEquals(Duration.ZERO, pacer.acquire(SUB, true, now.get()));
    }

    @Test
    void subscriptionsAndKindsHaveTheirOwnBuckets() throws InterruptedException {
        ArmPacer pacer = pacer(1, 1);
        assertEquals(Duration.ZERO, pacer.acquire(SUB, true, 0));
        assertEquals(Duration.ZERO, pacer.acquire(SUB, false, 0), "reads are counted apart from writes");
        assertEquals(Duration.ZERO, pacer.acquire(SUB.toUpperCase(), false, FAR) , "same subscription, any case");
        assertEquals(Duration.ZERO, pacer.acquire("0b1d3c5e-7f90-4a2b-8c4d-6e8f0a2b4c6d", true, 0));
        assertTrue(pacer.acquire(SUB, true, 0).toMillis() > 0);
    }

    @Test
    void a429HoldsEveryCallerForTheSubscription() throws InterruptedException {
        ArmPacer pacer = pacer(100, 100);
        pacer.throttled(SUB, true, Duration.ofSeconds(2));
        Duration refused = pacer.acquire(SUB, true, now.get() + 1_000_000_000L);
        assertEquals(2, Math.round(refused.toMillis() / 1000.0));
        now.addAndGet(2_000_000_000L);
        assertEquals(Duration.ZERO, pacer.acquire(SUB, true, now.get()));
        assertEquals(Duration.ZERO, pacer.acquire(SUB, false, now.get()), "reads were not held");
    }

    @Test
    void armsRemainingCountLowersTheBucket() throws InterruptedException {
        ArmPacer pacer = pacer(200, 10);
        pacer.remaining(SUB, true, 1);
        assertEquals(Duration.ZERO, pacer.acquire(SUB, true, 0));
        assertTrue(pacer.acquire(SUB, true, 0).toMillis() >= 99, "ARM said one call was left, and it is used");
    }

    @Test
    void offStillWaitsOut429s() throws InterruptedException {
        ArmPacer pacer = new ArmPacer(new ArmPacer.Limits(1, 0, 1, 0), now::get);
        for (int i = 0; i < 1000; i++) {
            assertEquals(Duration.ZERO, pacer.acquire(SUB, true, 0));
        }
        pacer.throttled(SUB, true, Duration.ofSeconds(1));
        assertTrue(pacer.acquire(SUB, true, 0).toMillis() >= 999);
    }
}
