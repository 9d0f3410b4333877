package com.contoso.avd.local;

import com.contoso.avd.queue.QueuedRequest;
import com.contoso.avd.queue.RequestQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the Service Bus requests queue with the semantics the queue function relies on: a returned
 * delivery completes the message; a thrown one abandons it and it is redelivered at once with {@code DeliveryCount}
 * one higher, until the {@code maxDeliveryCount}-th delivery fails and it is dead-lettered; scheduled messages stay
 * invisible until their time; a repeated {@code messageId} within the duplicate-detection window is dropped.
 */
public final class LocalQueue implements RequestQueue, AutoCloseable {
    /** What receives a delivery: the queue function, in the local host. */
    @FunctionalInterface
    public interface Receiver {
        void deliver(String body, String messageId, int deliveryCount) throws Exception;
    }

    /** A dead-lettered message and why. */
    public record DeadLetter(String messageId, String body, int deliveryCount, String reason) {
    }

    /** Counts since start. */
    public record Stats(int sent, int duplicatesDropped, int deliveries, int completed, int deadLettered,
                        int pending) {
    }

    private final int maxDeliveryCount;
    private final Duration duplicateWindow;
    private final Receiver receiver;
    private final DelayQueue<Message> ready = new DelayQueue<>();
    private final Map<String, Instant> recentIds = new LinkedHashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    /** Messages sent and not yet completed or dead-lettered: in {@code ready} (due or scheduled) or being delivered. */
    private final AtomicInteger unsettled = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger deliveries = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final Object idle = new Object();

    public LocalQueue(int maxDeliveryCount, int concurrency, Duration duplicateWindow, Receiver receiver) {
        this.maxDeliveryCount = maxDeliveryCount;
        this.duplicateWindow = duplicateWindow;
        this.receiver = receiver;
        for (int i = 0; i < concurrency; i++) {
            Thread worker = new Thread(this::work, "local-queue-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    @Override
    public void send(List<QueuedRequest> requests) {
        Instant now = Instant.now();
        synchronized (recentIds) {
            recentIds.values().removeIf(seen -> seen.plus(duplicateWindow).isBefore(now));
            for (QueuedRequest request : requests) {
                if (recentIds.putIfAbsent(request.messageId(), now) != null) {
                    duplicates.incrementAndGet();
                    continue;
                }
                sent.incrementAndGet();
                unsettled.incrementAndGet();
                Instant visible = request.scheduledAt() == null ? now : request.scheduledAt();
                ready.add(new Message(request.messageId(), request.body(), 1, visible));
            }
        }
    }

    private void work() {
        while (!Thread.currentThread().isInterrupted()) {
            Message message;
            try {
                message = ready.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                deliveries.incrementAndGet();
                receiver.deliver(message.body, message.id, message.deliveryCount);
                completed.incrementAndGet();
                unsettled.decrementAndGet();
            } catch (Exception e) {
                if (message.deliveryCount >= maxDeliveryCount) {
                    synchronized (deadLetters) {
                        deadLetters.add(new DeadLetter(message.id, message.body, message.deliveryCount,
                                "MaxDeliveryCountExceeded: " + e.getMessage()));
                    }
                    unsettled.decrementAndGet();
                } else {
                    ready.add(new Message(message.id, message.body, message.deliveryCount + 1, Instant.now()));
                }
            } finally {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        }
    }

    /** Waits until every message that is due has been settled; returns false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (!idle()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
            }
        }
        return true;
    }

    /** Every unsettled message is waiting for a scheduled time still ahead (none is due or being delivered). */
    private boolean idle() {
        if (unsettled.get() > ready.size()) {
            return false; // some are in a worker's hands: skip the walk, which runs after every delivery
        }
        return unsettled.get() <= scheduledLater();
    }

    /** Messages waiting for a scheduled time still ahead. */
    private int scheduledLater() {
        int later = 0;
        for (Message message : ready) {
            if (message.getDelay(TimeUnit.MILLISECONDS) > 0) {
                later++;
            }
        }
        return later;
    }

    public List<DeadLetter> deadLetters() {
        synchronized (deadLetters) {
            return List.copyOf(deadLetters);
        }
    }

    public Stats stats() {
        return new Stats(sent.get(), duplicates.get(), deliveries.get(), completed.get(), deadLetters().size(),
                unsettled.get());
    }

    @Override
    public void close() {
        workers.forEach(Thread::interrupt);
    }

    private static final class Message implements Delayed {
        final String id;
        final String body;
        final int deliveryCount;
        final Instant visibleAt;

        Message(String id, String body, int deliveryCount, Instant visibleAt) {
            this.id = id;
            this.body = body;
            this.deliveryCount = deliveryCount;
            this.visibleAt = visibleAt;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(Instant.now(), visibleAt));
        }

        @Override
        public int compareTo(Delayed other) {
            return visibleAt.compareTo(((Message) other).visibleAt);
        }
    }
}
