package com.contoso.avd.support;

import com.contoso.avd.events.EventPublisher;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event publisher that keeps what it was given, and can be told to fail (the topic being unreachable). */
public final class RecordingEventPublisher implements EventPublisher {
    /** One published event and its message properties. */
    public record Published(JsonObject event, Map<String, Object> properties) {
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public void publish(JsonObject cloudEvent, Map<String, Object> properties) {
        if (failing) {
            throw new IllegalStateException("results topic unavailable");
        }
        published.add(new Published(cloudEvent, Map.copyOf(properties)));
    }

    public void failing(boolean fail) {
        failing = fail;
    }

    public List<Published> published() {
        return List.copyOf(published);
    }

    public Published only() {
        if (published.size() != 1) {
            throw new AssertionError("expected exactly one published event, got " + published.size());
        }
        return published.get(0);
    }
}
