package com.contoso.avd.events;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ServiceBusResultPublisherTest {
    @Test
    @Timeout(10) // a connect on the caller's thread would block it on the latch
    void connectsOffTheCallersThreadAndLeavesFailuresToTheFirstPublish() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicReference<Thread> connectingThread = new AtomicReference<>();
        AtomicReference<Throwable> escaped = new AtomicReference<>();
        ServiceBusResultPublisher publisher = new ServiceBusResultPublisher(() -> {
            connectingThread.set(Thread.currentThread());
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> escaped.set(e));
            try {
                release.await(); // a slow connection: the caller must not wait for it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            failed.countDown();
            throw new IllegalStateException("namespace unreachable");
        }, "/avd-session-disconnect/test");

        long started = System.nanoTime();
        publisher.connectInBackground();
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(1), "connectInBackground waited");
        release.countDown();
        assertTrue(failed.await(5, TimeUnit.SECONDS));
        connectingThread.get().join(5000);
        assertNotSame(Thread.currentThread(), connectingThread.get());
        assertNull(escaped.get());
    }
}
