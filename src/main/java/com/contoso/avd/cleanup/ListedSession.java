package com.contoso.avd.cleanup;

import com.contoso.avd.arm.UserSessionId;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A user session as ARM lists it: everything a rule can select on. ARM knows no idle time.
 *
 * @param createTime when the session was created, or {@code null} when ARM did not say
 */
public record ListedSession(UserSessionId id, String userPrincipalName, String sessionState, String applicationType,
                            Instant createTime) {

    /** From one item of a userSessions list; throws {@link IllegalArgumentException} when its id is not valid. */
    static ListedSession fromArm(JsonObject item) {
        UserSessionId id = UserSessionId.parse(string(item, "id"));
        JsonElement properties = item.get("properties");
        JsonObject p = properties != null && properties.isJsonObject() ? properties.getAsJsonObject() : new JsonObject();
        return new ListedSession(id, string(p, "userPrincipalName"), string(p, "sessionState"),
                string(p, "applicationType"), instant(string(p, "createTime")));
    }

    /** The session's identity to compare (ARM names are case-insensitive). */
    String key() {
        return id.key();
    }

    private static String string(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
