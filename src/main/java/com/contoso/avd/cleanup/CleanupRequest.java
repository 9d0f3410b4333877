package com.contoso.avd.cleanup;

import com.contoso.avd.queue.QueuedRequest;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The disconnect request a rule makes for a session. Its id is derived from the session (its resource id and
 * {@code createTime}, so a reused session number is a new request) and the rule: runs that overlap or repeat make
 * the same id, and the requests queue's duplicate detection keeps one.
 */
final class CleanupRequest {
    private CleanupRequest() {
    }

    /** {@code cleanup-} and the first 32 hex digits of a SHA-256 over the session key, createTime and rule name. */
    static String id(ListedSession session, CleanupRule rule) {
        String created = session.createTime() == null ? "" : session.createTime().toString();
        String input = session.key() + "\n" + created + "\n" + rule.name().toLowerCase(Locale.ROOT);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return "cleanup-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** An identity-form disconnect request, as {@code RequestParser} reads it. */
    static QueuedRequest queued(ListedSession session, CleanupRule rule, String requestId, Instant now,
                                Instant scheduledAt) {
        JsonObject body = new JsonObject();
        body.addProperty("inputObject", session.id().resourceId());
        body.addProperty("requestId", requestId);
        body.addProperty("reason", reason(session, rule, now));
        return new QueuedRequest(requestId, body.toString(), scheduledAt);
    }

    /** The {@code sendMessage} body. */
    static String message(CleanupRule.Warning warning) {
        JsonObject body = new JsonObject();
        body.addProperty("messageTitle", warning.title());
        body.addProperty("messageBody", warning.body());
        return body.toString();
    }

    private static String reason(ListedSession session, CleanupRule rule, Instant now) {
        String age = session.createTime() == null ? "age unknown"
                : age(Duration.between(session.createTime(), now)) + " old";
        String warned = rule.warning() == null ? ""
                : ", warned " + rule.warning().delay().toMinutes() + " min before";
        return "cleanup rule " + rule.name() + ": " + session.sessionState() + " session, " + age + warned;
    }

    private static String age(Duration age) {
        return age.isNegative() ? "0m" : age.toHours() + "h" + age.toMinutesPart() + "m";
    }
}
