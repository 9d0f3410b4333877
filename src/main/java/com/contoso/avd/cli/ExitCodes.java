package com.contoso.avd.cli;

import com.contoso.avd.disconnect.DisconnectResult;

/** The CLI's exit codes, one per class of outcome (documented in README). */
public final class ExitCodes {
    /** Disconnected, or whatIf. */
    public static final int OK = 0;
    /** An unexpected error (a bug, an unreadable file). */
    public static final int ERROR = 1;
    /** Invalid input: a bad option or request (picocli's own usage errors use 2 as well). */
    public static final int INVALID = 2;
    /** The user session does not exist. */
    public static final int NOT_FOUND = 3;
    /** ARM refused the identity, or the target is outside the allowed scopes. */
    public static final int FORBIDDEN = 4;
    /** ARM failed or kept throttling past every retry, or a send to the queue failed. */
    public static final int FAILED = 5;

    private ExitCodes() {
    }

    public static int of(DisconnectResult result) {
        return switch (result.outcome()) {
            case SUCCEEDED, WHAT_IF -> OK;
            case NOT_FOUND -> NOT_FOUND;
            case FORBIDDEN -> FORBIDDEN;
            case REJECTED -> result.error() != null
                    && DisconnectResult.OUTSIDE_ALLOWED_SCOPE.equals(result.error().code()) ? FORBIDDEN : INVALID;
            case FAILED -> FAILED;
        };
    }
}
