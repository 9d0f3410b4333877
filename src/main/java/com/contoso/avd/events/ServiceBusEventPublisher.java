package com.contoso.avd.events;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Publishes CloudEvents to the results topic: {@code messageId} = event id (the topic's duplicate detection drops
 * repeats), {@code subject} = event type, and the given application properties.
 */
public final class ServiceBusEventPublisher implements EventPublisher {
    private final Supplier<ServiceBusSenderClient> sender;

    /** @param sender the topic sender, asked for on first publish (it opens an AMQP connection) */
    public ServiceBusEventPublisher(Supplier<ServiceBusSenderClient> sender) {
        this.sender = sender;
    }

    @Override
    public void publish(JsonObject cloudEvent, Map<String, Object> properties) {
        sender.get().sendMessage(message(cloudEvent, properties));
    }

    /** A CloudEvent as a Service Bus message; the caller may refine {@code subject} and {@code correlationId}. */
    static ServiceBusMessage message(JsonObject cloudEvent, Map<String, Object> properties) {
        ServiceBusMessage message = new ServiceBusMessage(cloudEvent.toString());
        message.setContentType(CloudEvent.CONTENT_TYPE);
        message.setMessageId(cloudEvent.get("id").getAsString());
        message.setSubject(cloudEvent.get("type").getAsString());
        message.getApplicationProperties().putAll(properties);
        return message;
    }
}
