package com.contoso.avd.disconnect;

import com.contoso.avd.arm.UserSessionId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The terminal result of one request: everything its result event says.
 *
 * @param requestId     the request's id
 * @param trigger       what delivered it
 * @param target        the session, or {@code null} when the request was too broken to name one
 * @param whatIf        the request asked what would happen
 * @param passThru      the request asked for the cmdlet's boolean only
 * @param reason        the request's audit reason, or {@code null}
 * @param outcome       how it ended
 * @param error         why it did not succeed, or {@code null}
 * @param arm           the ARM call, or {@code null} when none was made
 * @param retryable     calling again later may succeed (throttling, server errors)
 * @param retryAfter    when to call again, if ARM said
 * @param session       for whatIf: what ARM knows of the session (user, state, ...); otherwise empty
 * @param deliveryCount the Service Bus delivery this result ended on, or 0 for other triggers
 * @param deadLettered  the message is being dead-lettered with this result
 * @param duration      time from receipt to result
 * @param time          when the result was reached
 */
public record DisconnectResult(String requestId, Trigger trigger, UserSessionId target, boolean whatIf,
                               boolean passThru, String reason, DisconnectOutcome outcome, Problem error, ArmCall arm,
                               boolean retryable, Duration retryAfter, Map<String, String> session, int deliveryCount,
                               boolean deadLettered, Duration duration, Instant time) {

    /** What went wrong: a code (ARM's or ours), a message, and the request field at fault when there is one. */
    public record Problem(String code, String message, String field) {
    }

    /** The ARM call behind a result. */
    public record ArmCall(int status, int attempts, String requestId, String correlationRequestId) {
    }

    public static final String INVALID_REQUEST = "InvalidRequest";
    public static final String OUTSIDE_ALLOWED_SCOPE = "OutsideAllowedScope";

    public DisconnectResult {
        session = session == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(session));
    }

    /** The cmdlet's {@code -PassThru} value: true only when the session was disconnected. */
    public boolean succeeded() {
        return outcome == DisconnectOutcome.SUCCEEDED;
    }

    public DisconnectResult onDelivery(int deliveryCount, boolean deadLettered) {
        return new DisconnectResult(requestId, trigger, target, whatIf, passThru, reason, outcome, error, arm,
                retryable, retryAfter, session, deliveryCount, deadLettered, duration, time);
    }
}
