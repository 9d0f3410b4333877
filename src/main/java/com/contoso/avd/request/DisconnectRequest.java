package com.contoso.avd.request;

import com.contoso.avd.arm.UserSessionId;

/**
 * A validated request to disconnect one user session: what {@code Disconnect-AzWvdUserSession} is called with.
 *
 * @param requestId echoed in every log line, ARM call ({@code x-ms-client-request-id}) and result event
 * @param target    the session, fully validated
 * @param whatIf    report what would be disconnected without disconnecting
 * @param passThru  the caller wants only the cmdlet's boolean back
 * @param reason    free text for the audit trail, or {@code null}
 */
public record DisconnectRequest(String requestId, UserSessionId target, boolean whatIf, boolean passThru,
                                String reason) {
    public DisconnectRequest {
        if (requestId == null || target == null) {
            throw new IllegalArgumentException("requestId and target are required");
        }
    }
}
