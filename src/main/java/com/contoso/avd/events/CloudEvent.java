package com.contoso.avd.events;

import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** The CloudEvents 1.0 structured JSON envelope every event of this app uses. */
public final class CloudEvent {
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private CloudEvent() {
    }

    /** @param subject the CloudEvents {@code subject}, or {@code null} for none */
    public static JsonObject of(String id, String source, String type, String subject, Instant time,
                                JsonObject data) {
        JsonObject event = new JsonObject();
        event.addProperty("specversion", "1.0");
        event.addProperty("id", id);
        event.addProperty("source", source);
        event.addProperty("type", type);
        if (subject != null) {
            event.addProperty("subject", subject);
        }
        event.addProperty("time", DateTimeFormatter.ISO_INSTANT.format(time));
        event.addProperty("datacontenttype", "application/json");
        event.add("data", data);
        return event;
    }
}
