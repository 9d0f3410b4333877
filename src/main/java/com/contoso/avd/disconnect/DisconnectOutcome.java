package com.contoso.avd.disconnect;

/** How a disconnect request ended. Each value is one terminal result event type. */
public enum DisconnectOutcome {
    /** ARM disconnected the session (HTTP 200). */
    SUCCEEDED("succeeded"),
    /** whatIf: nothing was changed; the result shows what would have been disconnected. */
    WHAT_IF("whatif"),
    /** The session does not exist (any more): nothing to disconnect. */
    NOT_FOUND("notfound"),
    /** The request is invalid, outside the allowed scope, or refused by ARM as a bad request. */
    REJECTED("rejected"),
    /** ARM refused the app's identity (401/403): a role assignment is missing. */
    FORBIDDEN("forbidden"),
    /** ARM could not be reached or kept failing (throttling, server errors, timeouts) past every retry. */
    FAILED("failed");

    private final String value;

    DisconnectOutcome(String value) {
        this.value = value;
    }

    /** The name used in events, HTTP bodies and Service Bus properties. */
    public String value() {
        return value;
    }

    /** The CloudEvents {@code type}. */
    public String eventType() {
        return "avd.usersession.disconnect." + value;
    }
}
