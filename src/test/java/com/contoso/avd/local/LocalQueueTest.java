package com.contoso.avd.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.queue.QueuedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The stand-in queue behaves as Service Bus does for a Java function. */
class LocalQueueTest {
    private final List<String> deliveries = new CopyOnWriteArrayList<>();

    @Test
    void aThrowingDeliveryIsRedeliveredWithAHigherCountThenDeadLettered() throws Exception {
        try (LocalQueue queue = new LocalQueue(3, 2, Duration.ofMinutes(1), (body, id, count) -> {
            deliveries.add(id + "#" + count);
            throw new IllegalStateException("boom");
        })) {
            queue.send(List.of(new QueuedRequest("m1", "{}", null)));
            assertTrue(queue.awaitIdle(Duration.ofSeconds(5)));
            assertEquals(List.of("m1#1", "m1#2", "m1#3"), deliveries);
            assertEquals(1, queue.deadLetters().size());
            assertEquals(3, queue.deadLetters().get(0).deliveryCount());
            assertTrue(queue.deadLetters().get(0).reason().contains("MaxDeliveryCountExceeded"));
        }
    }

    @Test
    void aReturningDeliveryCompletesAndDuplicatesAreDropped() throws Exception {
        try (LocalQueue queue = new LocalQueue(10, 2, Duration.ofMinutes(1),
                (body, id, count) -> deliveries.add(id + "#" + count))) {
            queue.send(List.of(new QueuedRequest("m1", "{}", null), new QueuedRequest("m1", "{}", null)));
            queue.send(List.of(new QueuedRequest("m1", "{}", null)));
            assertTrue(queue.awaitIdle(Duration.ofSeconds(5)));
            assertEquals(List.of("m1#1"), deliveries);
            assertEquals(2, queue.stats().duplicatesDropped());
            assertEquals(1, queue.stats().completed());
        }
    }

    @Test
    void aScheduledMessageStaysInvisibleUntilItsTime() throws Exception {
        try (LocalQueue queue = new LocalQueue(10, 1, Duration.ofMinutes(1),
                (body, id, count) -> deliveries.add(id))) {
            Instant at = Instant.now().plusMillis(600);
            queue.send(List.of(new QueuedRequest("later", "{}", at)));
            Thread.sleep(200);
            assertTrue(deliveries.isEmpty());
            Thread.sleep(800);
            assertTrue(queue.awaitIdle(Duration.ofSeconds(5)));
            assertEquals(List.of("later"), deliveries);
        }
    }
}
