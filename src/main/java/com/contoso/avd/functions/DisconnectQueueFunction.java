package com.contoso.avd.functions;

import com.contoso.avd.app.AzureServices;
import com.contoso.avd.disconnect.DisconnectHandler;
import com.contoso.avd.disconnect.DisconnectHandler.Settlement;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import java.util.function.Supplier;

/**
 * Disconnect requests from the Service Bus queue. Java functions cannot settle messages: returning completes the
 * message, throwing abandons it (Service Bus redelivers at once, and dead-letters after MaxDeliveryCount).
 */
public final class DisconnectQueueFunction {
    private final Supplier<DisconnectHandler> handler;

    /** Used by the Functions host. */
    public DisconnectQueueFunction() {
        this(() -> AzureServices.get().handler());
    }

    public DisconnectQueueFunction(Supplier<DisconnectHandler> handler) {
        this.handler = handler;
    }

    /** Thrown to hand a message back to Service Bus for redelivery (or dead-lettering on its last delivery). */
    public static final class RedeliveryRequested extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RedeliveryRequested(String reason) {
            super(reason, null, false, false);
        }
    }

    @FunctionName("DisconnectFromQueue")
    public void run(
            @ServiceBusQueueTrigger(name = "message", queueName = "%DISCONNECT_REQUESTS_QUEUE%",
                    connection = "ServiceBusConnection") String message,
            @BindingName("MessageId") String messageId,
            @BindingName("DeliveryCount") int deliveryCount,
            final ExecutionContext context) {
        Settlement settlement = handler.get().handleMessage(message, messageId, deliveryCount);
        context.getLogger().info(LogLines.of(settlement.result()) + " delivery=" + deliveryCount
                + (settlement.complete() ? " complete" : " abandon: " + settlement.reason()));
        if (!settlement.complete()) {
            throw new RedeliveryRequested(settlement.reason());
        }
    }
}
