package com.contoso.avd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.contoso.avd.app.AppServices;
import com.contoso.avd.app.AppSettings;
import com.contoso.avd.disconnect.DisconnectOutcome;
import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.emulator.Fault;
import com.contoso.avd.functions.DisconnectQueueFunction;
import com.contoso.avd.local.LocalExecutionContext;
import com.contoso.avd.local.LocalQueue;
import com.contoso.avd.queue.QueuedRequest;
import com.contoso.avd.support.RecordingPublisher;
import com.contoso.avd.support.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * Thousands of queue messages through the queue function and the HTTPS emulator under a seeded random schedule of
 * faults (throttling, server errors, dropped and cut-off connections, slow responses, token failures, result-topic
 * failures). Every request must end with exactly one terminal result event, or on the dead-letter queue; none lost,
 * none duplicated.
 */
class AccountingTest {
    private static final int REQUESTS = 2_000;
    private static final long SEED = 20261125L;
    private static final int MAX_DELIVERIES = 4;
    private static final Logger QUIET = Logger.getLogger("Function.DisconnectFromQueue");

    @Test
    void everyRequestEndsOnceOrOnTheDeadLetterQueue() throws Exception {
        QUIET.setLevel(Level.WARNING);
        Random random = new Random(SEED);
        try (AvdEmulator emulator = AvdEmulator.start()) {
            var pool = emulator.hostPool(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, TestApp.HOST_POOL);
            emulator.hostPool(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, "hp-locked").sessionHost("sh-locked")
                    .session("1", "locked@contoso.com", "Active", "Desktop", Instant.now());
            emulator.forbid(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP, "hp-locked");

            Map<String, String> settings = TestApp.settings(emulator);
            settings.put(AppSettings.ARM_MAX_ATTEMPTS, "2");
            settings.put(AppSettings.ARM_RETRY_BASE_DELAY_MS, "5");
            settings.put(AppSettings.ARM_RETRY_BUDGET_SECONDS, "5");
            settings.put(AppSettings.ARM_READ_TIMEOUT_SECONDS, "1");
            settings.put(AppSettings.ARM_WRITES_PER_SECOND, "0");
            settings.put(AppSettings.MAX_DELIVERY_COUNT, String.valueOf(MAX_DELIVERIES));
            RecordingPublisher published = new RecordingPublisher();
            published.failRandomly(0.02, SEED);
            FlakyCredential credential = new FlakyCredential(new Random(SEED + 1), 0.01);
            AppServices services = AppServices.create(new AppSettings(settings), credential,
                    emulator.clientSslContext(), published);
            DisconnectQueueFunction function = new DisconnectQueueFunction(services::handler);
            LocalExecutionContext context = new LocalExecutionContext("DisconnectFromQueue", QUIET);

            Map<String, Integer> faultsByKind = new TreeMap<>();
            List<QueuedRequest> messages = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String requestId = "acct-" + i;
                String body;
                double kind = random.nextDouble();
                if (kind < 0.80) {
                    String host = "sh-" + (i % 10) + ".contoso.local";
                    pool.sessionHost(host).session(String.valueOf(i), "u" + i + "@contoso.com", "Active", "Desktop",
                            Instant.now());
                    body = "{\"inputObject\":\"" + TestApp.sessionId(String.valueOf(i)).replace(TestApp.SESSION_HOST,
                            host) + "\",\"requestId\":\"" + requestId + "\"}";
                    injectFaults(emulator, random, "/usersessions/" + i + "/disconnect", faultsByKind);
                } else if (kind < 0.85) {
                    body = "{\"inputObject\":\"" + TestApp.sessionId("9" + i) + "\",\"requestId\":\"" + requestId
                            + "\"}";
                } else if (kind < 0.90) {
                    body = random.nextBoolean() ? "{\"requestId\":\"" + requestId + "\",\"hostPoolName\":\"../x\"}"
                            : "not json at all " + i;
                } else if (kind < 0.95) {
                    body = "{\"inputObject\":\"" + TestApp.sessionId("1").replace(TestApp.HOST_POOL, "hp-locked")
                            .replace(TestApp.SESSION_HOST, "sh-locked") + "\",\"requestId\":\"" + requestId + "\"}";
                } else {
                    body = "{\"inputObject\":\"" + TestApp.sessionId("1").replace(TestApp.SUBSCRIPTION,
                            TestApp.OTHER_SUBSCRIPTION) + "\",\"requestId\":\"" + requestId + "\"}";
                }
                messages.add(new QueuedRequest(requestId, body, null));
            }

            long start = System.nanoTime();
            try (LocalQueue queue = new LocalQueue(MAX_DELIVERIES, 16, Duration.ofMinutes(10),
                    (body, id, count) -> function.run(body, id, count, context))) {
                queue.send(messages);
                assertTrue(queue.awaitIdle(Duration.ofMinutes(4)), "the queue drained");
                double seconds = (System.nanoTime() - start) / 1e9;

                Map<String, List<DisconnectResult>> eventsByRequest = new HashMap<>();
                for (DisconnectResult result : published.published()) {
                    eventsByRequest.computeIfAbsent(result.requestId(), k -> new ArrayList<>()).add(result);
                }
                Map<String, LocalQueue.DeadLetter> deadLetters = new HashMap<>();
                queue.deadLetters().forEach(d -> deadLetters.put(d.messageId(), d));
                int lost = 0;
                int duplicated = 0;
                int deadLetteredWithEvent = 0;
                Map<DisconnectOutcome, Integer> outcomes = new EnumMap<>(DisconnectOutcome.class);
                for (QueuedRequest message : messages) {
                    List<DisconnectResult> events = eventsByRequest.getOrDefault(message.messageId(), List.of());
                    boolean dead = deadLetters.containsKey(message.messageId());
                    if (events.isEmpty() && !dead) {
                        lost++;
                    }
                    if (events.size() > 1) {
                        duplicated++;
                    }
                    if (dead && events.size() == 1) {
                        deadLetteredWithEvent++;
                        assertEquals(DisconnectOutcome.FAILED, events.get(0).outcome());
                        assertTrue(events.get(0).deadLettered());
                    }
                    if (!dead) {
                        assertEquals(1, events.size(), message.messageId());
                    }
                    events.forEach(e -> outcomes.merge(e.outcome(), 1, Integer::sum));
                }
                int armFaults = faultsByKind.values().stream().mapToInt(Integer::intValue).sum();
                System.out.printf("accounting: %d requests in %.1f s, %d deliveries; faults injected: %d ARM %s, "
                                + "%d token failures, %d result-topic failures; terminal events %d %s; dead-lettered "
                                + "%d (%d with a failed event); lost %d; duplicated terminal events %d%n",
                        REQUESTS, seconds, queue.stats().deliveries(), armFaults, faultsByKind,
                        credential.failures.get(), published.failedCount(), published.published().size(), outcomes,
                        deadLetters.size(), deadLetteredWithEvent, lost, duplicated);
                assertEquals(0, lost, "lost requests");
                assertEquals(0, duplicated, "duplicated terminal events");
                assertEquals(REQUESTS, published.published().size() + deadLetters.size() - deadLetteredWithEvent);
                assertTrue(armFaults > 300 && credential.failures.get() > 0 && published.failedCount() > 0,
                        "the schedule injected every kind of fault");
                assertTrue(deadLetters.size() > 0, "some requests outlived every delivery");
            }
        }
    }

    /** Gives a fifth of the sessions a run of 1-10 faults of random kinds on their disconnect call. */
    private static void injectFaults(AvdEmulator emulator, Random random, String path, Map<String, Integer> tally) {
        if (random.nextDouble() >= 0.2) {
            return;
        }
        int run = 1 + random.nextInt(10);
        for (int i = 0; i < run; i++) {
            Fault fault;
            String kind;
            double pick = random.nextDouble();
            if (pick < 0.15) {
                kind = "429 Retry-After 0";
                fault = Fault.throttled("0", 1);
            } else if (pick < 0.25) {
                kind = "429 without Retry-After";
                fault = Fault.throttled(null, 1);
            } else if (pick < 0.255) {
                kind = "429 Retry-After date";
                fault = Fault.throttled(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now()), 1);
            } else if (pick < 0.60) {
                int status = new int[] {500, 502, 503, 504}[random.nextInt(4)];
                kind = String.valueOf(status);
                fault = Fault.status(status, Map.of(), 1);
            } else if (pick < 0.75) {
                kind = "dropped connection";
                fault = Fault.drop(1);
            } else if (pick < 0.90) {
                kind = "cut-off response";
                fault = Fault.truncate(1);
            } else {
                kind = "slow response";
                fault = Fault.delay(Duration.ofMillis(2_500), 1);
            }
            emulator.inject(fault.on("POST", path));
            tally.merge(kind, 1, Integer::sum);
        }
    }

    /** A credential whose token fetches fail now and then; its tokens are short-lived, so it is asked every call. */
    private static final class FlakyCredential implements TokenCredential {
        private final Random random;
        private final double rate;
        final AtomicInteger failures = new AtomicInteger();

        FlakyCredential(Random random, double rate) {
            this.random = random;
            this.rate = rate;
        }

        @Override
        public Mono<AccessToken> getToken(com.azure.core.credential.TokenRequestContext request) {
            boolean fail;
            synchronized (random) {
                fail = random.nextDouble() < rate;
            }
            if (fail) {
                failures.incrementAndGet();
                return Mono.error(new IllegalStateException("IMDS timed out"));
            }
            return Mono.just(new AccessToken(AvdEmulator.TOKEN, OffsetDateTime.now().plusMinutes(4)));
        }
    }
}
