package com.contoso.avd.queue;

import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusMessageBatch;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * The requests queue on Service Bus: messages sent in {@link ServiceBusMessageBatch}es, scheduled ones carrying
 * their {@code ScheduledEnqueueTime}, {@code messageId} = request id for duplicate detection.
 */
public final class ServiceBusRequestQueue implements RequestQueue {
    private final Supplier<ServiceBusSenderClient> sender;

    public ServiceBusRequestQueue(Supplier<ServiceBusSenderClient> sender) {
        this.sender = sender;
    }

    @Override
    public void send(List<QueuedRequest> requests) {
        int sent = 0;
        try {
            ServiceBusSenderClient client = sender.get();
            ServiceBusMessageBatch batch = client.createMessageBatch();
            for (QueuedRequest request : requests) {
                ServiceBusMessage message = message(request);
                if (!batch.tryAddMessage(message)) {
                    client.sendMessages(batch);
                    sent += batch.getCount();
                    batch = client.createMessageBatch();
                    if (!batch.tryAddMessage(message)) {
                        throw new IllegalArgumentException("request " + request.messageId()
                                + " is larger than a Service Bus message may be");
                    }
                }
            }
            if (batch.getCount() > 0) {
                client.sendMessages(batch);
                sent += batch.getCount();
            }
        } catch (RuntimeException e) {
            throw new SendFailure(sent, e);
        }
    }

    static ServiceBusMessage message(QueuedRequest request) {
        ServiceBusMessage message = new ServiceBusMessage(request.body());
        message.setMessageId(request.messageId());
        message.setContentType("application/json");
        if (request.scheduledAt() != null) {
            message.setScheduledEnqueueTime(request.scheduledAt().atOffset(ZoneOffset.UTC));
        }
        return message;
    }
}
