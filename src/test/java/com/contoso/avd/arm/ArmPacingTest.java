package com.contoso.avd.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.emulator.Fault;
import com.contoso.avd.local.DevelopmentCredential;
import com.contoso.avd.support.EmulatorExtension;
import com.contoso.avd.support.TestApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pacing against an emulator that throttles like ARM: bursts slow down before ARM says 429. */
@ExtendWith(EmulatorExtension.class)
class ArmPacingTest {
    private AvdEmulator emulator;

    @BeforeEach
    void seed(AvdEmulator emulator) {
        this.emulator = emulator;
    }

    private ArmClient client(ArmPacer pacer, RetryPolicy retry) {
        ArmTokens tokens = new ArmTokens(DevelopmentCredential.forEndpoint(emulator.endpoint()),
                ArmTokens.scopeFor(emulator.endpoint()), Duration.ofSeconds(2));
        return new ArmClient(emulator.endpoint(), "2024-04-03", tokens, retry, pacer, Duration.ofSeconds(2),
                Duration.ofSeconds(5), emulator.clientSslContext());
    }

    private List<ArmResponse> burst(ArmClient client, int calls, int threads) throws Exception {
        String path = UserSessionId.parse(TestApp.sessionId("1")).path() + "/disconnect";
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ArmResponse>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> client.post(path, null, "r")));
            }
            List<ArmResponse> responses = new ArrayList<>();
            for (Future<ArmResponse> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBurstPastTheBucketIsPacedWithoutA429() throws Exception {
        emulator.throttle(20, 10, 250, 25);
        ArmClient client = client(new ArmPacer(new ArmPacer.Limits(20, 10, 250, 25)),
                new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(30)));
        long start = System.nanoTime();
        List<ArmResponse> responses = burst(client, 40, 16);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(responses.stream().allMatch(ArmResponse::isSuccess));
        assertEquals(0, emulator.throttledCount(), "no call reached ARM's 429");
        assertTrue(seconds >= 1.8, "40 calls with a 20 burst at 10/s take about 2 s, took " + seconds);
    }

    @Test
    void withoutPacingTheSameBurstHitsTheWallAndIsRetried() throws Exception {
        emulator.throttle(20, 10, 250, 25);
        ArmClient client = client(ArmPacer.off(),
                new RetryPolicy(6, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofSeconds(30)));
        List<ArmResponse> responses = burst(client, 40, 16);
        assertTrue(emulator.throttledCount() > 0, "the emulator throttled");
        assertTrue(responses.stream().allMatch(ArmResponse::isSuccess), "every call succeeded after Retry-After");
    }

    @Test
    void a429HoldsOtherCallersForTheSameSubscription() throws Exception {
        emulator.inject(Fault.throttled("1", 1).on("POST", "/usersessions/1/"));
        ArmClient client = client(ArmPacer.off(),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(10)));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<ArmResponse> first = pool.submit(() -> client.post(
                    UserSessionId.parse(TestApp.sessionId("1")).path() + "/disconnect", null, "first"));
            Thread.sleep(300);
            long start = System.nanoTime();
            ArmResponse second = client.post(UserSessionId.parse(TestApp.sessionId("3")).path() + "/disconnect",
                    null, "second");
            long heldMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, second.status());
            assertEquals(1, second.attempts(), "held back, not refused");
            assertTrue(heldMs >= 500, "the second caller waited out the first one's Retry-After: " + heldMs + " ms");
            assertEquals(200, first.get().status());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void waitingPastTheBudgetReturnsClientThrottledWithoutSending() throws Exception {
        ArmClient client = client(new ArmPacer(new ArmPacer.Limits(1, 0.1, 250, 25)),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2)));
        String path = UserSessionId.parse(TestApp.sessionId("1")).path() + "/disconnect";
        assertEquals(200, client.post(path, null, "a").status());
        ArmResponse paced = client.post(path, null, "b");
        assertEquals(ArmResponse.CLIENT_THROTTLED, paced.errorCode());
        assertTrue(paced.isTransient());
        assertTrue(paced.retryAfter().toSeconds() >= 8, "the next slot is ~10 s away: " + paced.retryAfter());
        assertEquals(1, emulator.requests().size());
    }
}
