package com.contoso.avd.events;

import com.contoso.avd.arm.UserSessionId;
import com.contoso.avd.disconnect.DisconnectResult;
import com.google.gson.JsonObject;

/**
 * A terminal result as a CloudEvents 1.0 structured JSON document. The event {@code id} is derived from the request
 * id and outcome, so an at-least-once redelivery that reaches the same end publishes the same id and consumers (and
 * the topic's duplicate detection) can drop it.
 */
public final class ResultEvent {
    private ResultEvent() {
    }

    /** The event id for a result. */
    public static String id(DisconnectResult result) {
        return result.requestId() + ":" + result.outcome().value();
    }

    /** @param source the CloudEvents source, such as {@code /avd-session-disconnect/myfunctionapp} */
    public static JsonObject of(DisconnectResult result, String source) {
        return CloudEvent.of(id(result), source, result.outcome().eventType(),
                result.target() == null ? null : result.target().resourceId(), result.time(), data(result));
    }

    private static JsonObject data(DisconnectResult result) {
        JsonObject data = new JsonObject();
        data.addProperty("requestId", result.requestId());
        data.addProperty("outcome", result.outcome().value());
        data.addProperty("succeeded", result.succeeded());
        data.addProperty("whatIf", result.whatIf());
        data.addProperty("passThru", result.passThru());
        data.addProperty("trigger", result.trigger().value());
        if (result.target() != null) {
            data.add("target", target(result.target()));
        }
        if (result.reason() != null) {
            data.addProperty("reason", result.reason());
        }
        data.addProperty("attempts", result.arm() == null ? 0 : result.arm().attempts());
        if (result.deliveryCount() > 0) {
            data.addProperty("deliveryCount", result.deliveryCount());
            data.addProperty("deadLettered", result.deadLettered());
        }
        if (result.arm() != null) {
            JsonObject arm = new JsonObject();
            if (result.arm().status() > 0) {
                arm.addProperty("status", result.arm().status());
            }
            arm.addProperty("requestId", result.arm().requestId());
            arm.addProperty("correlationRequestId", result.arm().correlationRequestId());
            data.add("arm", arm);
        }
        if (result.error() != null) {
            JsonObject error = new JsonObject();
            error.addProperty("code", result.error().code());
            error.addProperty("message", result.error().message());
            if (result.error().field() != null) {
                error.addProperty("field", result.error().field());
            }
            data.add("error", error);
        }
        data.addProperty("retryable", result.retryable());
        if (result.retryAfter() != null) {
            data.addProperty("retryAfterSeconds", Math.max(1, (result.retryAfter().toMillis() + 999) / 1000));
        }
        if (!result.session().isEmpty()) {
            JsonObject session = new JsonObject();
            result.session().forEach(session::addProperty);
            data.add("session", session);
        }
        data.addProperty("durationMs", result.duration().toMillis());
        return data;
    }

    private static JsonObject target(UserSessionId id) {
        JsonObject target = new JsonObject();
        target.addProperty("subscriptionId", id.subscriptionId());
        target.addProperty("resourceGroupName", id.resourceGroupName());
        target.addProperty("hostPoolName", id.hostPoolName());
        target.addProperty("sessionHostName", id.sessionHostName());
        target.addProperty("userSessionId", id.userSessionId());
        target.addProperty("resourceId", id.resourceId());
        return target;
    }
}
