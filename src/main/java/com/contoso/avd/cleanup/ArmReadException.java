package com.contoso.avd.cleanup;

import com.contoso.avd.arm.ArmResponse;

/** A list ARM would not give, after the client's retries; {@link #code()} is ARM's error code or ours. */
final class ArmReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    ArmReadException(String message, int status, String code) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ArmReadException of(String what, ArmResponse response) {
        return new ArmReadException(what + " failed: " + (response.status() > 0 ? "HTTP " + response.status() + " " : "")
                + response.errorCode() + (response.errorMessage() == null ? "" : ": " + response.errorMessage())
                + " (attempts: " + response.attempts() + ")", response.status(), response.errorCode());
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
