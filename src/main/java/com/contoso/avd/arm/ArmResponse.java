package com.contoso.avd.arm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;

/**
 * What an ARM call came to after its retries.
 *
 * @param status               the HTTP status, or {@code 0} when no response arrived (timeout, connection or token
 *                             failure)
 * @param body                 the response body ({@code ""} when none)
 * @param armRequestId         ARM's {@code x-ms-request-id}, or {@code null}
 * @param correlationRequestId ARM's {@code x-ms-correlation-request-id}, or {@code null}
 * @param attempts             how many times the call was sent
 * @param retryAfter           how long ARM asked to wait before calling again, or {@code null}
 * @param errorCode            ARM's {@code error.code}, or our code when no response arrived
 * @param errorMessage         ARM's {@code error.message}, or what went wrong
 * @param rateLimitRemaining   ARM's {@code x-ms-ratelimit-remaining-subscription-writes} (or {@code -reads}), or
 *                             {@code null}
 */
public record ArmResponse(int status, String body, String armRequestId, String correlationRequestId, int attempts,
                          Duration retryAfter, String errorCode, String errorMessage, Long rateLimitRemaining) {
    public static final String TIMEOUT = "Timeout";
    public static final String CONNECTION_FAILED = "ConnectionFailed";
    public static final String TOKEN_UNAVAILABLE = "TokenUnavailable";
    public static final String CLIENT_THROTTLED = "ClientThrottled";

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** A failure that may well pass if the call is made again later: throttling, server errors, no response. */
    public boolean isTransient() {
        return isTransient(status);
    }

    static boolean isTransient(int status) {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    /** The body as a JSON object, or an empty object when it is not one. */
    public JsonObject json() {
        try {
            JsonElement parsed = JsonParser.parseString(body);
            return parsed.isJsonObject() ? parsed.getAsJsonObject() : new JsonObject();
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }

    static ArmResponse noResponse(int attempts, String code, String message) {
        return new ArmResponse(0, "", null, null, attempts, null, code, message, null);
    }

    /** Not sent: waiting for ARM capacity would have outlasted the retry budget. */
    static ArmResponse paced(int attempts, Duration wait, String subscriptionId) {
        return new ArmResponse(0, "", null, null, attempts, wait, CLIENT_THROTTLED, "waiting " + wait.toMillis()
                + " ms for ARM capacity in subscription " + subscriptionId + " would outlast the retry budget", null);
    }
}
