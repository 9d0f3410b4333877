package com.contoso.avd.queue;

import java.time.Instant;

/**
 * A disconnect request on its way to the requests queue.
 *
 * @param messageId   the Service Bus message id: the request id, so the queue's duplicate detection drops repeats
 * @param body        the request JSON
 * @param scheduledAt when Service Bus should make it visible, or {@code null} for now
 */
public record QueuedRequest(String messageId, String body, Instant scheduledAt) {
    public QueuedRequest {
        if (messageId == null || messageId.isEmpty() || messageId.length() > 128) {
            throw new IllegalArgumentException("messageId must be 1-128 characters");
        }
    }
}
