package com.contoso.avd.events;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.disconnect.ResultPublisher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Publishes result events to the results topic. The SDK is used rather than an output binding because subscribers
 * filter on properties a Java output binding cannot set: {@code messageId}, {@code correlationId} (= requestId),
 * {@code subject} (= outcome) and application properties for outcome, subscription, host pool and session host.
 */
public final class ServiceBusResultPublisher implements ResultPublisher {
    private final Supplier<ServiceBusSenderClient> sender;
    private final String source;

    /** @param sender the topic sender, asked for on first publish (it opens an AMQP connection) */
    public ServiceBusResultPublisher(Supplier<ServiceBusSenderClient> sender, String source) {
        this.sender = sender;
        this.source = source;
    }

    /**
     * Opens the AMQP connection and the topic link on a background thread and returns at once. Called when the app
     * starts, so that the connection (hundreds of milliseconds, with its own token) overlaps the first request's
     * token and ARM call instead of following them. A failure is left to the first publish, which connects again
     * and reports it.
     */
    public void connectInBackground() {
        Thread connect = new Thread(() -> {
            try {
                sender.get().createMessageBatch(); // needs the link: it opens the connection and the link
            } catch (RuntimeException e) {
                // the first publish tries again, and its failure is the one that counts
            }
        }, "results-topic-connect");
        connect.setDaemon(true);
        connect.start();
    }

    @Override
    public void publish(DisconnectResult result) {
        sender.get().sendMessage(message(result, source));
    }

    /** The topic message of a result: the event as its body, and the properties subscriptions filter on. */
    public static ServiceBusMessage message(DisconnectResult result, String source) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("outcome", result.outcome().value());
        properties.put("requestId", result.requestId());
        properties.put("trigger", result.trigger().value());
        properties.put("whatIf", result.whatIf());
        if (result.target() != null) {
            properties.put("subscriptionId", result.target().subscriptionId());
            properties.put("resourceGroupName", result.target().resourceGroupName());
            properties.put("hostPoolName", result.target().hostPoolName());
            properties.put("sessionHostName", result.target().sessionHostName());
        }
        if (result.error() != null && result.error().code() != null) {
            properties.put("errorCode", result.error().code());
        }
        ServiceBusMessage message = ServiceBusEventPublisher.message(ResultEvent.of(result, source), properties);
        message.setCorrelationId(result.requestId());
        message.setSubject(result.outcome().value());
        return message;
    }
}
