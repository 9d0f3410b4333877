package com.contoso.avd.support;

import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.disconnect.ResultPublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A result publisher that keeps what it was given, and can be told to fail (the topic being unreachable). */
public final class RecordingPublisher implements ResultPublisher {
    private final List<DisconnectResult> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile double failureRate;
    private volatile java.util.Random random;

    @Override
    public void publish(DisconnectResult result) {
        boolean fail = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        if (!fail && random != null) {
            synchronized (random) {
                fail = random.nextDouble() < failureRate;
            }
        }
        if (fail) {
            failed.incrementAndGet();
            throw new IllegalStateException("results topic unavailable");
        }
        published.add(result);
    }

    /** Fails a random share of publishes, from a seeded generator. */
    public void failRandomly(double rate, long seed) {
        this.failureRate = rate;
        this.random = new java.util.Random(seed);
    }

    /** How many publishes failed. */
    public int failedCount() {
        return failed.get();
    }

    public void failNext(int count) {
        failures.set(count);
    }

    public List<DisconnectResult> published() {
        return List.copyOf(published);
    }

    public DisconnectResult only() {
        if (published.size() != 1) {
            throw new AssertionError("expected exactly one published result, got " + published.size() + ": "
                    + published);
        }
        return published.get(0);
    }

    public void clear() {
        published.clear();
    }
}
