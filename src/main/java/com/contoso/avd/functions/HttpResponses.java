package com.contoso.avd.functions;

import com.contoso.avd.disconnect.DisconnectHandler.BatchResult;
import com.contoso.avd.disconnect.DisconnectOutcome;
import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.events.ResultEvent;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.Map;

/**
 * Results as HTTP: 200 succeeded or whatIf, 400 invalid, 403 outside the allowed scope, 404 no such session, 502 ARM
 * refused the identity or failed, 503 with {@code Retry-After} while ARM throttles. Successes carry the result
 * event; failures an RFC 7807 problem that names the field and embeds the event. {@code passThru} answers with the
 * cmdlet's boolean alone. An array is answered with an array, 200 when every item succeeded, else 207.
 */
final class HttpResponses {
    private static final String JSON = "application/json";
    private static final String PROBLEM_JSON = "application/problem+json";

    private final HttpRequestMessage<?> request;
    private final String source;

    HttpResponses(HttpRequestMessage<?> request, String source) {
        this.request = request;
        this.source = source;
    }

    static int status(DisconnectResult result) {
        return switch (result.outcome()) {
            case SUCCEEDED, WHAT_IF -> 200;
            case NOT_FOUND -> 404;
            case REJECTED -> result.error() != null
                    && DisconnectResult.OUTSIDE_ALLOWED_SCOPE.equals(result.error().code()) ? 403 : 400;
            case FORBIDDEN -> 502;
            case FAILED -> isThrottled(result) ? 503 : 502;
        };
    }

    HttpResponseMessage of(BatchResult outcome) {
        if (!outcome.batch()) {
            return single(outcome.results().get(0), Map.of());
        }
        JsonArray items = new JsonArray();
        boolean allSucceeded = true;
        for (DisconnectResult result : outcome.results()) {
            items.add(result.passThru() ? new JsonPrimitive(result.succeeded()) : ResultEvent.of(result, source));
            allSucceeded &= status(result) == 200;
        }
        return respond(allSucceeded ? 200 : 207, JSON, items, Map.of());
    }

    /** A request refused at the HTTP layer, already published as rejected. */
    HttpResponseMessage refused(int status, DisconnectResult rejected, Map<String, String> headers) {
        return respond(status, PROBLEM_JSON, problem(status, rejected), headers);
    }

    /** Refused before it became a request (authentication): no event. */
    HttpResponseMessage denied(int status, String detail) {
        JsonObject problem = new JsonObject();
        problem.addProperty("type", "about:blank");
        problem.addProperty("title", title(status));
        problem.addProperty("status", status);
        problem.addProperty("detail", detail);
        return respond(status, PROBLEM_JSON, problem, Map.of());
    }

    HttpResponseMessage unpublished() {
        JsonObject problem = new JsonObject();
        problem.addProperty("type", "about:blank");
        problem.addProperty("title", "Service Unavailable");
        problem.addProperty("status", 503);
        problem.addProperty("detail", "The result event could not be published, so the request is not reported "
                + "done. Send it again: disconnecting is idempotent.");
        return respond(503, PROBLEM_JSON, problem, Map.of("Retry-After", "5"));
    }

    private HttpResponseMessage single(DisconnectResult result, Map<String, String> headers) {
        int status = status(result);
        Map<String, String> extra = status == 503 ? Map.of("Retry-After", String.valueOf(retryAfterSeconds(result)))
                : headers;
        if (result.passThru()) {
            return respond(status, JSON, new JsonPrimitive(result.succeeded()), extra);
        }
        return status == 200 ? respond(status, JSON, ResultEvent.of(result, source), extra)
                : respond(status, PROBLEM_JSON, problem(status, result), extra);
    }

    private JsonObject problem(int status, DisconnectResult result) {
        JsonObject problem = new JsonObject();
        problem.addProperty("type", "about:blank");
        problem.addProperty("title", title(status));
        problem.addProperty("status", status);
        if (result.error() != null) {
            problem.addProperty("detail", result.error().message());
            if (result.error().field() != null) {
                problem.addProperty("field", result.error().field());
            }
            problem.addProperty("errorCode", result.error().code());
        }
        problem.addProperty("requestId", result.requestId());
        problem.addProperty("outcome", result.outcome().value());
        problem.add("event", ResultEvent.of(result, source));
        return problem;
    }

    private HttpResponseMessage respond(int status, String contentType, JsonElement body,
                                        Map<String, String> headers) {
        HttpResponseMessage.Builder builder = request.createResponseBuilder(HttpStatusType.custom(status))
                .header("Content-Type", contentType)
                .body(body.toString());
        headers.forEach(builder::header);
        return builder.build();
    }

    private static boolean isThrottled(DisconnectResult result) {
        return result.outcome() == DisconnectOutcome.FAILED && result.retryable()
                && (result.retryAfter() != null || result.arm() != null && result.arm().status() == 429);
    }

    private static long retryAfterSeconds(DisconnectResult result) {
        return result.retryAfter() == null ? 10 : Math.max(1, (result.retryAfter().toMillis() + 999) / 1000);
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Unauthorized";
            case 403 -> "Outside the allowed scope";
            case 404 -> "User session not found";
            case 405 -> "Method not allowed";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported media type";
            case 502 -> "ARM refused or failed";
            case 503 -> "ARM is throttling; retry later";
            default -> "Request failed";
        };
    }
}
