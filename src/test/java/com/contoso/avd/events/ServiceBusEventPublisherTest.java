package com.contoso.avd.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A CloudEvent as the Service Bus message subscribers see. */
class ServiceBusEventPublisherTest {
    @Test
    void theMessageCarriesTheEventItsIdTypeAndProperties() {
        JsonObject data = new JsonObject();
        data.addProperty("enqueued", 3);
        JsonObject event = CloudEvent.of("run-1", "/avd-session-disconnect/test", "avd.cleanup.run.completed", null,
                Instant.parse("2026-11-25T19:00:00Z"), data);
        ServiceBusMessage message = ServiceBusEventPublisher.message(event, Map.of("runId", "run-1", "dryRun", true));
        assertEquals("run-1", message.getMessageId());
        assertEquals("avd.cleanup.run.completed", message.getSubject());
        assertEquals(CloudEvent.CONTENT_TYPE, message.getContentType());
        assertEquals(Map.of("runId", "run-1", "dryRun", true), message.getApplicationProperties());
        JsonObject body = JsonParser.parseString(message.getBody().toString()).getAsJsonObject();
        assertEquals("1.0", body.get("specversion").getAsString());
        assertEquals("2026-11-25T19:00:00Z", body.get("time").getAsString());
        assertEquals(3, body.getAsJsonObject("data").get("enqueued").getAsInt());
    }
}
