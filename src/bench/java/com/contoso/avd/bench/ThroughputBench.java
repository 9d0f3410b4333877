package com.contoso.avd.bench;

import com.contoso.avd.app.AppServices;
import com.contoso.avd.app.AppSettings;
import com.contoso.avd.disconnect.DisconnectOutcome;
import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.disconnect.ResultPublisher;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.events.ResultEvent;
import com.contoso.avd.functions.DisconnectQueueFunction;
import com.contoso.avd.local.DevelopmentCredential;
import com.contoso.avd.local.LocalExecutionContext;
import com.contoso.avd.local.LocalQueue;
import com.contoso.avd.queue.QueuedRequest;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Benchmark 2, end-to-end throughput: N queue messages through {@link DisconnectQueueFunction}, fed by the stand-in
 * queue at a concurrency bound, into the HTTPS emulator answering each call after {@code latency}. Without pacing
 * the bound is {@code N x latency / concurrency}; with ARM's throttle in the emulator (200 burst, 10 writes/s) and
 * the app's pacer at the same limits it is {@code (N - 200) / 10 s}, and no call may be answered 429.
 *
 * <p>Arguments ({@code name=value}): {@code n=10000 latency=50 concurrency=16,64,128 pacedN=1000
 * pacedConcurrency=16}; {@code pacedN=0} skips the paced run.
 */
public final class ThroughputBench {
    private static final String SUBSCRIPTION = "6f2c1c43-8a3a-4f3f-9c55-0a1b2c3d4e5f";
    private static final String RESOURCE_GROUP = "rg-avd";
    private static final String HOST_POOL = "hp-bench";
    private static final int SESSIONS_PER_HOST = 100;

    private ThroughputBench() {
    }

    /** One run's figures. */
    record Run(int n, int concurrency, Duration latency, boolean paced, double seconds, double cpuSeconds,
               int succeeded, int deliveries, int throttled) {
        double bound() {
            return paced ? (n - 200) / 10.0 : n * latency.toMillis() / 1000.0 / concurrency;
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args);
        int n = a.integer("n", 10_000);
        Duration latency = Duration.ofMillis(a.integer("latency", 50));
        int pacedN = a.integer("pacedN", 1000);
        int pacedConcurrency = a.integer("pacedConcurrency", 16);
        List<Integer> concurrencies = a.integers("concurrency", "16,64,128");
        List<Run> runs = new ArrayList<>();
        try (AvdEmulator emulator = AvdEmulator.start()) {
            // One running instance, as in Azure: warmed first (JIT, and TLS connections up to the highest
            // concurrency: a cold start's cost, measured by the cold-start proxy); the warm-up is not reported.
            Instance unpaced = new Instance(emulator, false);
            run(emulator, unpaced, 2000, latency, concurrencies.stream().max(Integer::compare).orElse(64));
            for (int concurrency : concurrencies) {
                runs.add(print(run(emulator, unpaced, n, latency, concurrency)));
            }
            if (pacedN > 0) {
                // A fresh instance: the pacer's buckets start full, as the emulator's do after throttle().
                runs.add(print(run(emulator, new Instance(emulator, true), pacedN, latency, pacedConcurrency)));
            }
        }
        System.out.println();
        System.out.printf("end-to-end throughput, queue function -> HTTPS emulator, %d ms per ARM call, %d cores%n",
                latency.toMillis(), Runtime.getRuntime().availableProcessors());
        System.out.println("(CPU = this JVM: the app and the emulator, both ends of TLS, per request)");
        System.out.printf("%-7s %6s %5s %10s %10s %9s %8s %11s %6s%n", "pacing", "N", "conc", "elapsed s", "bound s",
                "vs bound", "req/s", "CPU us/req", "429s");
        for (Run r : runs) {
            System.out.printf("%-7s %6d %5d %10.2f %10.2f %8.1f%% %8.0f %11.0f %6d%n", r.paced() ? "200/10" : "off",
                    r.n(), r.concurrency(), r.seconds(), r.bound(), (r.seconds() / r.bound() - 1) * 100,
                    r.n() / r.seconds(), r.cpuSeconds() * 1e6 / r.n(), r.throttled());
        }
    }

    private static Run print(Run r) {
        System.out.printf("run: pacing=%s n=%d concurrency=%d elapsed=%.2fs bound=%.2fs succeeded=%d deliveries=%d "
                        + "429s=%d%n", r.paced() ? "on" : "off", r.n(), r.concurrency(), r.seconds(), r.bound(),
                r.succeeded(), r.deliveries(), r.throttled());
        return r;
    }

    /** The app as one Functions instance runs it: its services (ARM client, pacer) and the queue function. */
    private static final class Instance {
        final boolean paced;
        final Counting publisher;
        final DisconnectQueueFunction function;
        final LocalExecutionContext context;

        Instance(AvdEmulator emulator, boolean paced) {
            this.paced = paced;
            Map<String, String> settings = new HashMap<>();
            settings.put(AppSettings.ARM_ENDPOINT, emulator.endpoint().toString());
            settings.put(AppSettings.ALLOWED_SCOPES, "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/"
                    + RESOURCE_GROUP);
            settings.put(AppSettings.ARM_WRITES_BURST, "200");
            settings.put(AppSettings.ARM_WRITES_PER_SECOND, paced ? "10" : "0");
            settings.put(AppSettings.ARM_READS_PER_SECOND, paced ? "25" : "0");
            AppSettings appSettings = new AppSettings(settings);
            publisher = new Counting(appSettings.eventSource());
            AppServices services = AppServices.create(appSettings,
                    DevelopmentCredential.forEndpoint(emulator.endpoint()), emulator.clientSslContext(), publisher);
            function = new DisconnectQueueFunction(services::handler);
            Logger logger = Logger.getAnonymousLogger();
            logger.setUseParentHandlers(false); // a line per message; the host would ship it elsewhere
            context = new LocalExecutionContext("DisconnectFromQueue", logger);
        }
    }

    static Run run(AvdEmulator emulator, Instance app, int n, Duration latency, int concurrency)
            throws InterruptedException {
        emulator.reset();
        List<QueuedRequest> messages = seed(emulator, n);
        emulator.latency(latency);
        if (app.paced) {
            emulator.throttle(200, 10, 250, 25);
        }
        app.publisher.succeeded.set(0);
        DisconnectQueueFunction function = app.function;
        LocalExecutionContext context = app.context;

        long started = System.nanoTime();
        long cpuStarted = cpuNanos();
        try (LocalQueue queue = new LocalQueue(10, concurrency, Duration.ofMinutes(10),
                (body, id, count) -> function.run(body, id, count, context))) {
            queue.send(messages);
            if (!queue.awaitIdle(Duration.ofMinutes(30))) {
                throw new IllegalStateException("the queue did not drain");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuSeconds = (cpuNanos() - cpuStarted) / 1e9;
            return new Run(n, concurrency, latency, app.paced, seconds, cpuSeconds, app.publisher.succeeded.get(),
                    queue.stats().deliveries(), emulator.throttledCount());
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** N active sessions, {@value #SESSIONS_PER_HOST} per session host, and one queue message for each. */
    private static List<QueuedRequest> seed(AvdEmulator emulator, int n) {
        var pool = emulator.hostPool(SUBSCRIPTION, RESOURCE_GROUP, HOST_POOL);
        Instant created = Instant.now();
        List<QueuedRequest> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String host = "sh-" + i / SESSIONS_PER_HOST + ".contoso.local";
            String id = String.valueOf(i % SESSIONS_PER_HOST + 1);
            pool.sessionHost(host).session(id, "user" + i + "@contoso.com", "Active", "Desktop", created);
            String body = "{\"subscriptionId\": \"" + SUBSCRIPTION + "\", \"resourceGroupName\": \"" + RESOURCE_GROUP
                    + "\", \"hostPoolName\": \"" + HOST_POOL + "\", \"sessionHostName\": \"" + host
                    + "\", \"userSessionId\": \"" + id + "\"}";
            messages.add(new QueuedRequest("bench-" + i + "-" + System.nanoTime(), body, null));
        }
        return messages;
    }

    /** Serializes every event as the topic publisher would, and counts the successes. */
    private static final class Counting implements ResultPublisher {
        final AtomicInteger succeeded = new AtomicInteger();
        final String source;

        Counting(String source) {
            this.source = source;
        }

        @Override
        public void publish(DisconnectResult result) {
            if (ResultEvent.of(result, source).toString().isEmpty()) {
                throw new IllegalStateException("empty event");
            }
            if (result.outcome() == DisconnectOutcome.SUCCEEDED) {
                succeeded.incrementAndGet();
            }
        }
    }
}
