package com.contoso.avd.disconnect;

import com.contoso.avd.arm.AllowedScopes;
import com.contoso.avd.arm.ArmClient;
import com.contoso.avd.arm.ArmResponse;
import com.contoso.avd.disconnect.DisconnectResult.ArmCall;
import com.contoso.avd.disconnect.DisconnectResult.Problem;
import com.contoso.avd.request.DisconnectRequest;
import com.contoso.avd.request.InvalidRequestException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The use case: check a valid request against the allowed scope, call ARM's disconnect action (or, for whatIf, read
 * the session), and say how it ended.
 */
public final class Disconnector {
    static final String OPERATOR_ROLE = "Desktop Virtualization User Session Operator";

    private final ArmClient arm;
    private final AllowedScopes scopes;
    private final Clock clock;

    public Disconnector(ArmClient arm, AllowedScopes scopes, Clock clock) {
        this.arm = arm;
        this.scopes = scopes;
        this.clock = clock;
    }

    public DisconnectResult disconnect(DisconnectRequest request, Trigger trigger) {
        long started = System.nanoTime();
        if (!scopes.allows(request.target())) {
            String message = scopes.isEmpty()
                    ? "AVD_ALLOWED_SCOPES is not set, so no target is allowed; list the subscriptions, resource "
                    + "groups or host pools this app may act on"
                    : request.target().hostPool() + " is outside the allowed scopes (" + scopes + ")";
            return result(request, trigger, DisconnectOutcome.REJECTED,
                    new Problem(DisconnectResult.OUTSIDE_ALLOWED_SCOPE, message, null), null, started);
        }
        ArmResponse response = request.whatIf()
                ? arm.get(request.target().path(), null, request.requestId())
                : arm.post(request.target().path() + "/disconnect", null, request.requestId());
        return fromArm(request, trigger, response, started);
    }

    /** The result of a request that could not be parsed or validated. */
    public DisconnectResult rejected(InvalidRequestException error, Trigger trigger) {
        return new DisconnectResult(error.requestId(), trigger, null, false, false, null, DisconnectOutcome.REJECTED,
                new Problem(DisconnectResult.INVALID_REQUEST, error.getMessage(), error.field()), null, false, null,
                null, 0, false, Duration.ZERO, clock.instant());
    }

    private DisconnectResult fromArm(DisconnectRequest request, Trigger trigger, ArmResponse response, long started) {
        ArmCall call = new ArmCall(response.status(), response.attempts(), response.armRequestId(),
                response.correlationRequestId());
        int status = response.status();
        if (response.isSuccess()) {
            DisconnectOutcome outcome = request.whatIf() ? DisconnectOutcome.WHAT_IF : DisconnectOutcome.SUCCEEDED;
            return new DisconnectResult(request.requestId(), trigger, request.target(), request.whatIf(),
                    request.passThru(), request.reason(), outcome, null, call, false, null,
                    request.whatIf() ? sessionFacts(response.json()) : null, 0, false, since(started),
                    clock.instant());
        }
        Problem problem = new Problem(response.errorCode(), response.errorMessage(), null);
        if (status == 404) {
            return result(request, trigger, DisconnectOutcome.NOT_FOUND, problem, call, started);
        }
        if (status == 401 || status == 403) {
            String message = "ARM refused the app's identity (" + response.errorCode()
                    + (response.errorMessage() == null ? "" : ": " + response.errorMessage()) + "). Assign it the '"
                    + OPERATOR_ROLE + "' role on " + request.target().hostPool() + ".";
            return result(request, trigger, DisconnectOutcome.FORBIDDEN,
                    new Problem(response.errorCode(), message, null), call, started);
        }
        if (status == 400) {
            return result(request, trigger, DisconnectOutcome.REJECTED, problem, call, started);
        }
        boolean retryable = response.isTransient();
        return new DisconnectResult(request.requestId(), trigger, request.target(), request.whatIf(),
                request.passThru(), request.reason(), DisconnectOutcome.FAILED, problem, call, retryable,
                retryable ? response.retryAfter() : null, null, 0, false, since(started), clock.instant());
    }

    private DisconnectResult result(DisconnectRequest request, Trigger trigger, DisconnectOutcome outcome,
                                    Problem problem, ArmCall call, long started) {
        return new DisconnectResult(request.requestId(), trigger, request.target(), request.whatIf(),
                request.passThru(), request.reason(), outcome, problem, call, false, null, null, 0, false,
                since(started), clock.instant());
    }

    /** For whatIf: who would be disconnected, from the UserSession's properties. */
    private static Map<String, String> sessionFacts(JsonObject userSession) {
        Map<String, String> facts = new LinkedHashMap<>();
        JsonElement properties = userSession.get("properties");
        if (properties != null && properties.isJsonObject()) {
            for (String key : new String[] {"userPrincipalName", "sessionState", "applicationType", "createTime",
                "activeDirectoryUserName"}) {
                JsonElement value = properties.getAsJsonObject().get(key);
                if (value != null && value.isJsonPrimitive()) {
                    facts.put(key, value.getAsString());
                }
            }
        }
        return facts;
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
