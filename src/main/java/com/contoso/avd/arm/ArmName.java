package com.contoso.avd.arm;

import java.util.regex.Pattern;

/**
 * The naming rules of the path parameters of the user-session operations (swagger, api-version 2024-04-03),
 * tightened where a name would otherwise be able to change the ARM path.
 */
public enum ArmName {
    SUBSCRIPTION_ID("subscriptionId", 36, 36,
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"),
            "a GUID such as 00000000-0000-0000-0000-000000000000"),
    RESOURCE_GROUP_NAME("resourceGroupName", 1, 90, Pattern.compile("[-\\w._()]+"),
            "letters, digits, '-', '_', '.', '(' and ')', not ending with '.'"),
    HOST_POOL_NAME("hostPoolName", 3, 64, Pattern.compile("[A-Za-z0-9@.\\-_ ]*"),
            "letters, digits, '@', '.', '-', '_' and space"),
    SESSION_HOST_NAME("sessionHostName", 3, 48, Pattern.compile("[A-Za-z0-9@.\\-_ ]*"),
            "letters, digits, '@', '.', '-', '_' and space"),
    // The spec sets no pattern; the service uses small integers. Allow what can never alter a URL path.
    USER_SESSION_ID("userSessionId", 1, 24, Pattern.compile("[A-Za-z0-9_-]+"),
            "letters, digits, '-' and '_' (the service uses numbers such as 6)");

    private final String field;
    private final int min;
    private final int max;
    private final Pattern pattern;
    private final String allowed;

    ArmName(String field, int min, int max, Pattern pattern, String allowed) {
        this.field = field;
        this.min = min;
        this.max = max;
        this.pattern = pattern;
        this.allowed = allowed;
    }

    /** The request field that carries a name of this kind. */
    public String field() {
        return field;
    }

    /** Why {@code value} is not a valid name of this kind, or {@code null} when it is. */
    public String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "is required";
        }
        int length = value.length();
        if (length < min || length > max) {
            String range = min == max ? String.valueOf(min) : min + "-" + max;
            return "must be " + range + " characters long (got " + length + ")";
        }
        if (!pattern.matcher(value).matches()) {
            return "must contain only " + allowed;
        }
        if (this == RESOURCE_GROUP_NAME && value.endsWith(".")) {
            return "must not end with '.'";
        }
        if (value.isBlank() || !value.equals(value.strip())) {
            return "must not start or end with white space";
        }
        return null;
    }

    /** Returns {@code value} when valid; throws an {@link IllegalArgumentException} naming the field otherwise. */
    public String require(String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(field + " " + problem);
        }
        return value;
    }
}
