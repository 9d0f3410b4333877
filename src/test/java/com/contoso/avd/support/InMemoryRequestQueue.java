package com.contoso.avd.support;

import com.contoso.avd.queue.QueuedRequest;
import com.contoso.avd.queue.RequestQueue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The requests queue in memory; it can be told to become unavailable after a number of messages. */
public final class InMemoryRequestQueue implements RequestQueue {
    private final List<QueuedRequest> sent = new CopyOnWriteArrayList<>();
    private volatile int capacity = Integer.MAX_VALUE;

    @Override
    public void send(List<QueuedRequest> requests) {
        int sentNow = 0;
        for (QueuedRequest request : requests) {
            if (sent.size() >= capacity) {
                throw new SendFailure(sentNow, new IllegalStateException("the requests queue is unavailable"));
            }
            sent.add(request);
            sentNow++;
        }
    }

    /** After {@code count} more messages in all, every send fails. */
    public void failAfter(int count) {
        capacity = sent.size() + count;
    }

    public List<QueuedRequest> sent() {
        return List.copyOf(sent);
    }
}
