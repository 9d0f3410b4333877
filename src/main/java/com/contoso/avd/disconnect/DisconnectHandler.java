package com.contoso.avd.disconnect;

import com.contoso.avd.request.DisconnectRequest;
import com.contoso.avd.request.InvalidRequestException;
import com.contoso.avd.request.ParsedRequest;
import com.contoso.avd.request.RequestParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Every trigger's way in: parse, disconnect, publish exactly one terminal result per request. The function classes
 * only translate between their bindings and these methods.
 */
public final class DisconnectHandler {
    private final RequestParser parser;
    private final Disconnector disconnector;
    private final ResultPublisher publisher;
    private final ExecutorService workers;
    private final int maxDeliveryCount;

    /**
     * @param workers          runs the items of a batch concurrently; its size bounds the concurrency
     * @param maxDeliveryCount the requests queue's MaxDeliveryCount: the delivery on which a transient failure
     *                         becomes terminal
     */
    public DisconnectHandler(RequestParser parser, Disconnector disconnector, ResultPublisher publisher,
                             ExecutorService workers, int maxDeliveryCount) {
        this.parser = parser;
        this.disconnector = disconnector;
        this.publisher = publisher;
        this.workers = workers;
        this.maxDeliveryCount = maxDeliveryCount;
    }

    /** The results of one body: {@code batch} is true when the body was a JSON array. */
    public record BatchResult(boolean batch, List<DisconnectResult> results) {
    }

    /**
     * A request body that may hold one request or an array of them (HTTP). Items run concurrently; each result is
     * published before this returns.
     *
     * @throws RuntimeException when a result could not be published
     */
    public BatchResult handleBody(String body, Trigger trigger) {
        RequestParser.Batch parsed;
        try {
            parsed = parser.parseBatch(body);
        } catch (InvalidRequestException e) {
            return new BatchResult(false, List.of(publish(disconnector.rejected(e, trigger))));
        }
        List<ParsedRequest> items = parsed.items();
        if (items.size() == 1) {
            return new BatchResult(parsed.array(), List.of(handle(items.get(0), trigger)));
        }
        List<Future<DisconnectResult>> pending = new ArrayList<>(items.size());
        for (ParsedRequest item : items) {
            pending.add(workers.submit(() -> handle(item, trigger)));
        }
        List<DisconnectResult> results = new ArrayList<>(items.size());
        for (Future<DisconnectResult> future : pending) {
            results.add(await(future));
        }
        return new BatchResult(true, results);
    }

    /**
     * A request refused before it could be parsed (wrong method, content type, size): published as rejected, like
     * any invalid request.
     */
    public DisconnectResult refuse(String field, String problem, Trigger trigger) {
        return publish(disconnector.rejected(new InvalidRequestException(field, problem, parser.newRequestId()),
                trigger));
    }

    /** One parsed request (CLI): disconnect and publish. */
    public DisconnectResult handle(DisconnectRequest request, Trigger trigger) {
        return publish(disconnector.disconnect(request, trigger));
    }

    private DisconnectResult handle(ParsedRequest item, Trigger trigger) {
        return item.isValid() ? handle(item.request(), trigger) : publish(disconnector.rejected(item.error(), trigger));
    }

    /** What to do with a Service Bus message once it has been handled. */
    public record Settlement(boolean complete, DisconnectResult result, String reason) {
    }

    /**
     * One Service Bus message. Terminal outcomes (and malformed messages) are published and the message completed.
     * A transient failure is published nowhere and handed back to Service Bus while deliveries are left; on the last
     * delivery it becomes a terminal {@code failed} result, published, and the message is handed back once more so
     * that Service Bus dead-letters it.
     *
     * @param messageId the message id: the request id of a message that has none, so redeliveries stay one request
     * @throws RuntimeException when a result could not be published: the message must be retried
     */
    public Settlement handleMessage(String body, String messageId, int deliveryCount) {
        DisconnectResult result;
        try {
            result = disconnector.disconnect(parser.parse(body, messageId), Trigger.QUEUE);
        } catch (InvalidRequestException e) {
            DisconnectResult rejected = publish(disconnector.rejected(e, Trigger.QUEUE).onDelivery(deliveryCount,
                    false));
            return new Settlement(true, rejected, "rejected: " + e.getMessage());
        }
        if (!result.retryable()) {
            return new Settlement(true, publish(result.onDelivery(deliveryCount, false)), result.outcome().value());
        }
        String why = result.error() == null ? "transient failure" : result.error().code() + ": "
                + result.error().message();
        if (deliveryCount < maxDeliveryCount) {
            return new Settlement(false, result.onDelivery(deliveryCount, false), "delivery " + deliveryCount + " of "
                    + maxDeliveryCount + " failed transiently, Service Bus will redeliver (" + why + ")");
        }
        DisconnectResult last = publish(result.onDelivery(deliveryCount, true));
        return new Settlement(false, last, "delivery " + deliveryCount + " of " + maxDeliveryCount
                + " failed; the message is dead-lettered (" + why + ")");
    }

    private DisconnectResult publish(DisconnectResult result) {
        publisher.publish(result);
        return result;
    }

    private static DisconnectResult await(Future<DisconnectResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new CompletionException(e.getCause());
        }
    }
}
