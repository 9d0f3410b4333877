package com.contoso.avd.functions;

import com.contoso.avd.disconnect.DisconnectResult;

/** One log line per result: ids, outcome and target, never tokens or request bodies. */
final class LogLines {
    private LogLines() {
    }

    static String of(DisconnectResult result) {
        StringBuilder line = new StringBuilder("requestId=").append(result.requestId())
                .append(" outcome=").append(result.outcome().value());
        if (result.target() != null) {
            line.append(" target=").append(result.target().resourceId());
        }
        if (result.arm() != null) {
            line.append(" armStatus=").append(result.arm().status()).append(" attempts=")
                    .append(result.arm().attempts()).append(" armRequestId=").append(result.arm().requestId());
        }
        if (result.error() != null) {
            line.append(" error=").append(result.error().code());
            if (result.error().field() != null) {
                line.append(" field=").append(result.error().field());
            }
        }
        return line.toString();
    }
}
