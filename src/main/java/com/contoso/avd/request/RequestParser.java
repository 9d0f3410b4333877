package com.contoso.avd.request;

import com.contoso.avd.arm.ArmName;
import com.contoso.avd.arm.UserSessionId;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one parser for every trigger. Accepts both parameter sets of {@code Disconnect-AzWvdUserSession}:
 * name-based ({@code subscriptionId}, {@code resourceGroupName}, {@code hostPoolName}, {@code sessionHostName},
 * {@code userSessionId} alias {@code id}) and identity ({@code inputObject}: a resource id, the identity fields, or a
 * {@code Get-AzWvdUserSession} object). Keys are case-insensitive; anything else is refused with the field named.
 */
public final class RequestParser {
    public static final int MAX_BODY_BYTES = 256 * 1024;
    public static final int MAX_BATCH = 100;
    public static final int MAX_REASON_LENGTH = 512;
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:\\-]{0,127}");

    private static final String SUBSCRIPTION_ID = "subscriptionId";
    private static final String RESOURCE_GROUP_NAME = "resourceGroupName";
    private static final String HOST_POOL_NAME = "hostPoolName";
    private static final String SESSION_HOST_NAME = "sessionHostName";
    private static final String USER_SESSION_ID = "userSessionId";
    private static final String ID = "id";
    private static final String NAME = "name";
    private static final String INPUT_OBJECT = "inputObject";
    private static final String WHAT_IF = "whatIf";
    private static final String PASS_THRU = "passThru";
    private static final String REQUEST_ID_FIELD = "requestId";
    private static final String REASON = "reason";

    /** Top-level keys of the name-based set, in the order a missing one is reported. */
    private static final List<String> NAME_KEYS =
            List.of(RESOURCE_GROUP_NAME, HOST_POOL_NAME, SESSION_HOST_NAME, USER_SESSION_ID, ID, NAME, SUBSCRIPTION_ID);
    private static final Set<String> TOP_LEVEL_KEYS = lower(List.of(SUBSCRIPTION_ID, RESOURCE_GROUP_NAME,
            HOST_POOL_NAME, SESSION_HOST_NAME, USER_SESSION_ID, ID, NAME, INPUT_OBJECT, WHAT_IF, PASS_THRU,
            REQUEST_ID_FIELD, REASON));
    /** The identity fields the cmdlet checks, in its order. */
    private static final List<String> IDENTITY_FIELDS =
            List.of(SUBSCRIPTION_ID, RESOURCE_GROUP_NAME, HOST_POOL_NAME, SESSION_HOST_NAME, USER_SESSION_ID);
    /**
     * Other keys an {@code inputObject} may carry and that are ignored: the rest of IDesktopVirtualizationIdentity,
     * and what {@code Get-AzWvdUserSession | ConvertTo-Json} or the ARM UserSession JSON contains.
     */
    private static final Set<String> INPUT_OBJECT_IGNORED = lower(List.of("applicationGroupName", "applicationName",
            "appAttachPackageName", "desktopName", "msixPackageFullName", "privateEndpointConnectionName",
            "scalingPlanName", "scalingPlanScheduleName", "workspaceName", "type", "properties", "systemData",
            "objectId", "userPrincipalName", "applicationType", "sessionState", "activeDirectoryUserName",
            "createTime", "systemDataCreatedAt", "systemDataCreatedBy", "systemDataCreatedByType",
            "systemDataLastModifiedAt", "systemDataLastModifiedBy", "systemDataLastModifiedByType"));

    private final String defaultSubscriptionId;
    private final Supplier<String> requestIds;

    /** @param defaultSubscriptionId {@code AVD_DEFAULT_SUBSCRIPTION_ID}, or {@code null} */
    public RequestParser(String defaultSubscriptionId) {
        this(defaultSubscriptionId, () -> UUID.randomUUID().toString());
    }

    public RequestParser(String defaultSubscriptionId, Supplier<String> requestIds) {
        this.defaultSubscriptionId = defaultSubscriptionId == null || defaultSubscriptionId.isBlank()
                ? null : ArmName.SUBSCRIPTION_ID.require(defaultSubscriptionId.strip());
        this.requestIds = requestIds;
    }

    /** A fresh request id, for a request that carries none. */
    public String newRequestId() {
        return requestIds.get();
    }

    /**
     * Parses a body holding one request (a queue message, a CLI call).
     *
     * @param fallbackRequestId the id to use when the body has none (a Service Bus message id keeps redeliveries
     *                          of one message one request); {@code null} to generate one
     */
    public DisconnectRequest parse(String body, String fallbackRequestId) {
        String requestId = fallbackRequestId != null ? fallbackRequestId : requestIds.get();
        JsonElement root = read(body, requestId);
        if (!root.isJsonObject()) {
            throw new InvalidRequestException("body", root.isJsonArray()
                    ? "must be one JSON object here (one request per message); arrays are accepted over HTTP only"
                    : "must be a JSON object", requestId);
        }
        return request(root.getAsJsonObject(), requestId);
    }

    /** The items of a body, and whether it was a JSON array (an array is answered with an array). */
    public record Batch(boolean array, List<ParsedRequest> items) {
    }

    /** Parses an HTTP body: one request object, or an array of up to {@value #MAX_BATCH}. */
    public Batch parseBatch(String body) {
        String bodyRequestId = requestIds.get();
        JsonElement root = read(body, bodyRequestId);
        if (root.isJsonObject()) {
            return new Batch(false, List.of(parseItem(root.getAsJsonObject(), bodyRequestId)));
        }
        if (!root.isJsonArray()) {
            throw new InvalidRequestException("body", "must be a JSON object or an array of objects", bodyRequestId);
        }
        JsonArray items = root.getAsJsonArray();
        if (items.isEmpty() || items.size() > MAX_BATCH) {
            throw new InvalidRequestException("body", "must hold 1 to " + MAX_BATCH + " requests (got "
                    + items.size() + ")", bodyRequestId);
        }
        List<ParsedRequest> parsed = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonElement item = items.get(i);
            String requestId = requestIds.get();
            parsed.add(item.isJsonObject() ? parseItem(item.getAsJsonObject(), requestId)
                    : ParsedRequest.invalid(new InvalidRequestException("[" + i + "]", "must be a JSON object",
                    requestId)));
        }
        return new Batch(true, parsed);
    }

    private ParsedRequest parseItem(JsonObject object, String generatedId) {
        try {
            return ParsedRequest.valid(request(object, generatedId));
        } catch (InvalidRequestException e) {
            return ParsedRequest.invalid(e);
        }
    }

    private static JsonElement read(String body, String requestId) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("body", "is empty; expected a JSON request", requestId);
        }
        if (body.length() > MAX_BODY_BYTES / 4 && body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new InvalidRequestException("body", "is larger than " + MAX_BODY_BYTES + " bytes", requestId);
        }
        try {
            return StrictJson.read(body);
        } catch (StrictJson.Problem p) {
            throw new InvalidRequestException(p.path, p.getMessage(), requestId);
        }
    }

    private DisconnectRequest request(JsonObject object, String fallbackRequestId) {
        // Errors carry the caller's requestId once it is known; an invalid one is reported under the fallback.
        String requestId = new Fields(object, "", fallbackRequestId).requestId(fallbackRequestId);
        Fields fields = new Fields(object, "", requestId);
        fields.refuseUnknown(TOP_LEVEL_KEYS);
        boolean whatIf = fields.bool(WHAT_IF);
        boolean passThru = fields.bool(PASS_THRU);
        String reason = fields.reason();
        UserSessionId target = fields.has(INPUT_OBJECT) ? identity(fields) : nameBased(fields);
        return new DisconnectRequest(requestId, target, whatIf, passThru, reason);
    }

    /** The cmdlet's {@code Disconnect} parameter set. */
    private UserSessionId nameBased(Fields fields) {
        fields.refuseBoth(USER_SESSION_ID, ID);
        String sessionKey = fields.has(ID) ? ID : USER_SESSION_ID;
        String session = fields.sessionId(sessionKey);
        if (session != null && session.startsWith("/")) {
            // A whole resource id (Get-AzWvdUserSession's Id) where the session number was expected.
            for (String key : NAME_KEYS) {
                if (!key.equals(sessionKey) && fields.has(key)) {
                    throw fields.invalid(key, "cannot be combined with a full resource id in " + sessionKey);
                }
            }
            return fields.resourceId(sessionKey, session);
        }
        // Types first, so a wrong type is reported before a missing neighbour.
        String resourceGroup = fields.string(RESOURCE_GROUP_NAME);
        String hostPoolName = fields.string(HOST_POOL_NAME);
        String sessionHostName = fields.string(SESSION_HOST_NAME);
        String subscription = fields.string(SUBSCRIPTION_ID);
        String[] fromName = fields.has(NAME) ? fields.nameParts(NAME) : new String[3];
        fields.required(RESOURCE_GROUP_NAME, resourceGroup);
        String hostPool = fields.required(HOST_POOL_NAME, fields.agreeValue(HOST_POOL_NAME, hostPoolName, fromName[0]));
        String sessionHost = fields.required(SESSION_HOST_NAME,
                fields.agreeValue(SESSION_HOST_NAME, sessionHostName, fromName[1]));
        String sessionId = fields.required(sessionKey, fields.agreeValue(sessionKey, session, fromName[2]));
        if (subscription == null) {
            if (defaultSubscriptionId == null) {
                throw fields.invalid(SUBSCRIPTION_ID, "is required: the app setting AVD_DEFAULT_SUBSCRIPTION_ID "
                        + "that would supply it is not set");
            }
            subscription = defaultSubscriptionId;
        }
        fields.check(ArmName.SUBSCRIPTION_ID, SUBSCRIPTION_ID, subscription);
        fields.check(ArmName.RESOURCE_GROUP_NAME, RESOURCE_GROUP_NAME, resourceGroup);
        fields.check(ArmName.HOST_POOL_NAME, hostPoolName == null ? NAME : HOST_POOL_NAME, hostPool);
        fields.check(ArmName.SESSION_HOST_NAME, sessionHostName == null ? NAME : SESSION_HOST_NAME, sessionHost);
        fields.check(ArmName.USER_SESSION_ID, fromName[2] != null && session == null ? NAME : sessionKey, sessionId);
        return UserSessionId.of(subscription, resourceGroup, hostPool, sessionHost, sessionId);
    }

    /** The cmdlet's {@code DisconnectViaIdentity} parameter set. */
    private UserSessionId identity(Fields top) {
        for (String key : NAME_KEYS) {
            if (top.has(key)) {
                throw top.invalid(INPUT_OBJECT, "cannot be combined with " + key + ": the name-based and identity "
                        + "(inputObject) parameter sets are exclusive");
            }
        }
        JsonElement input = top.get(INPUT_OBJECT);
        if (input.isJsonPrimitive() && input.getAsJsonPrimitive().isString()) {
            return top.resourceId(INPUT_OBJECT, input.getAsString());
        }
        if (!input.isJsonObject()) {
            throw top.invalid(INPUT_OBJECT, "must be a user-session resource id (string) or an object with the "
                    + "identity fields");
        }
        Fields fields = new Fields(input.getAsJsonObject(), INPUT_OBJECT + ".", top.requestId);
        Set<String> allowed = new java.util.HashSet<>(INPUT_OBJECT_IGNORED);
        allowed.addAll(lower(IDENTITY_FIELDS));
        allowed.add(ID);
        allowed.add(NAME);
        fields.refuseUnknown(allowed);
        if (fields.has(ID)) {
            // As in the cmdlet, Id wins over the other fields.
            return fields.resourceId(ID, fields.string(ID));
        }
        // Get-AzWvdUserSession's Name is "hostpool/sessionhost/6"; it fills the fields that are absent.
        String[] fromName = fields.has(NAME) ? fields.nameParts(NAME) : new String[3];
        String[] values = {
            fields.string(SUBSCRIPTION_ID),
            fields.string(RESOURCE_GROUP_NAME),
            fields.agreeValue(HOST_POOL_NAME, fields.string(HOST_POOL_NAME), fromName[0]),
            fields.agreeValue(SESSION_HOST_NAME, fields.string(SESSION_HOST_NAME), fromName[1]),
            fields.agreeValue(USER_SESSION_ID, fields.sessionId(USER_SESSION_ID), fromName[2])};
        ArmName[] rules = ArmName.values();
        for (int i = 0; i < values.length; i++) {
            String field = IDENTITY_FIELDS.get(i);
            if (values[i] == null) {
                String cmdletName = Character.toUpperCase(field.charAt(0)) + field.substring(1);
                throw fields.invalid(field, "InputObject has null value for InputObject." + cmdletName);
            }
            fields.check(rules[i], field, values[i]);
        }
        return UserSessionId.of(values[0], values[1], values[2], values[3], values[4]);
    }

    private static Set<String> lower(List<String> keys) {
        Set<String> out = new java.util.HashSet<>();
        for (String key : keys) {
            out.add(key.toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Case-insensitive access to one JSON object's members, with errors that name the field. */
    private static final class Fields {
        private final JsonObject object;
        private final String prefix;
        private final String requestId;

        Fields(JsonObject object, String prefix, String requestId) {
            this.object = object;
            this.prefix = prefix;
            this.requestId = requestId;
        }

        InvalidRequestException invalid(String field, String problem) {
            return new InvalidRequestException(prefix + field, problem, requestId);
        }

        /** The member, or {@code null} when absent or JSON null (PowerShell sends nulls for unset fields). */
        JsonElement get(String key) {
            return StrictJson.member(object, key);
        }

        boolean has(String key) {
            return get(key) != null;
        }

        void refuseUnknown(Set<String> allowed) {
            for (String key : object.keySet()) {
                if (!allowed.contains(key.toLowerCase(Locale.ROOT))) {
                    String name = key.isEmpty() ? "\"\"" : printable(key);
                    throw new InvalidRequestException(prefix + name, "is not a known property", requestId);
                }
            }
        }

        void refuseBoth(String key, String alias) {
            if (has(key) && has(alias)) {
                throw invalid(alias, "is an alias of " + key + "; give only one of them");
            }
        }

        String requestId(String fallback) {
            JsonElement value = get(REQUEST_ID_FIELD);
            if (value == null) {
                return fallback;
            }
            String id = string(REQUEST_ID_FIELD);
            if (!REQUEST_ID.matcher(id).matches()) {
                throw invalid(REQUEST_ID_FIELD, "must be 1-128 characters of letters, digits, '.', '_', ':' and '-', "
                        + "starting with a letter or digit");
            }
            return id;
        }

        String string(String key) {
            JsonElement value = get(key);
            if (value == null) {
                return null;
            }
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw invalid(key, "must be a string, not " + kind(value));
            }
            return value.getAsString();
        }

        /** A user session id: a string, or a whole number as PowerShell users may send it. */
        String sessionId(String key) {
            JsonElement value = get(key);
            if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                String digits = value.getAsJsonPrimitive().getAsNumber().toString();
                if (!digits.matches("[0-9]{1,24}")) {
                    throw invalid(key, "must be a string or a whole number, not " + printable(digits));
                }
                return digits;
            }
            return string(key);
        }

        boolean bool(String key) {
            JsonElement value = get(key);
            if (value == null) {
                return false;
            }
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
                throw invalid(key, "must be true or false, not " + kind(value));
            }
            return value.getAsBoolean();
        }

        String reason() {
            String reason = string(REASON);
            if (reason == null) {
                return null;
            }
            if (reason.length() > MAX_REASON_LENGTH) {
                throw invalid(REASON, "must be at most " + MAX_REASON_LENGTH + " characters (got " + reason.length()
                        + ")");
            }
            if (reason.chars().anyMatch(Character::isISOControl)) {
                throw invalid(REASON, "must not contain control characters");
            }
            return reason;
        }

        String required(String key, String value) {
            if (value == null) {
                throw invalid(key, "is required");
            }
            return value;
        }

        void check(ArmName rule, String field, String value) {
            String problem = rule.problem(value);
            if (problem != null) {
                throw invalid(field, problem);
            }
        }

        /** Splits {@code hostpool/sessionhost/6} (or just {@code 6}) into host pool, session host, session id. */
        String[] nameParts(String key) {
            String name = string(key);
            String[] parts = name.split("/", -1);
            if (parts.length == 1) {
                return new String[] {null, null, parts[0]};
            }
            if (parts.length != 3) {
                throw invalid(key, "must be 'hostPool/sessionHost/userSessionId' as Get-AzWvdUserSession returns it");
            }
            return parts;
        }

        /** The explicit value of {@code key}, or the value taken from {@code name}; they must not differ. */
        String agreeValue(String key, String explicit, String fromName) {
            if (explicit != null && fromName != null && !explicit.equalsIgnoreCase(fromName)) {
                throw invalid(key, "is '" + printable(explicit) + "' but name says '" + printable(fromName) + "'");
            }
            return explicit != null ? explicit : fromName;
        }

        UserSessionId resourceId(String key, String id) {
            try {
                return UserSessionId.parse(id);
            } catch (IllegalArgumentException e) {
                throw invalid(key, e.getMessage());
            }
        }

        private static String kind(JsonElement value) {
            if (value.isJsonObject()) {
                return "an object";
            }
            if (value.isJsonArray()) {
                return "an array";
            }
            JsonPrimitive p = value.getAsJsonPrimitive();
            return p.isBoolean() ? "a boolean" : p.isNumber() ? "a number" : "a string";
        }

        /** Bounded and control-free, so a hostile value cannot flood or forge a log line through an error. */
        private static String printable(String s) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < s.length() && out.length() < 64; i++) {
                char c = s.charAt(i);
                out.append(Character.isISOControl(c) ? '?' : c);
            }
            return s.length() > 64 ? out + "..." : out.toString();
        }
    }
}
