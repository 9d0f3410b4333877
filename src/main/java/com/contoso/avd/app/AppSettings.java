package com.contoso.avd.app;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The app settings the code reads, in one place: names, defaults and parsing. Values come from the environment in
 * Azure and from a map in tests and the local host.
 */
public final class AppSettings {
    public static final String DEFAULT_SUBSCRIPTION_ID = "AVD_DEFAULT_SUBSCRIPTION_ID";
    public static final String ALLOWED_SCOPES = "AVD_ALLOWED_SCOPES";
    public static final String ARM_ENDPOINT = "ARM_ENDPOINT";
    public static final String ARM_API_VERSION = "ARM_API_VERSION";
    public static final String ARM_MAX_ATTEMPTS = "ARM_MAX_ATTEMPTS";
    public static final String ARM_RETRY_BUDGET_SECONDS = "ARM_RETRY_BUDGET_SECONDS";
    public static final String ARM_CONNECT_TIMEOUT_SECONDS = "ARM_CONNECT_TIMEOUT_SECONDS";
    public static final String ARM_READ_TIMEOUT_SECONDS = "ARM_READ_TIMEOUT_SECONDS";
    public static final String ARM_TOKEN_TIMEOUT_SECONDS = "ARM_TOKEN_TIMEOUT_SECONDS";
    public static final String ARM_RETRY_BASE_DELAY_MS = "ARM_RETRY_BASE_DELAY_MS";
    public static final String ARM_WRITES_BURST = "ARM_WRITES_BURST";
    public static final String ARM_WRITES_PER_SECOND = "ARM_WRITES_PER_SECOND";
    public static final String ARM_READS_BURST = "ARM_READS_BURST";
    public static final String ARM_READS_PER_SECOND = "ARM_READS_PER_SECOND";
    public static final String AZURE_CLIENT_ID = "AZURE_CLIENT_ID";
    public static final String REQUESTS_QUEUE = "DISCONNECT_REQUESTS_QUEUE";
    public static final String RESULTS_TOPIC = "DISCONNECT_RESULTS_TOPIC";
    public static final String MAX_DELIVERY_COUNT = "DISCONNECT_MAX_DELIVERY_COUNT";
    public static final String CONCURRENCY = "DISCONNECT_CONCURRENCY";
    /** Set (by the Bicep, with App Service authentication) to open the Entra ID route. */
    public static final String HTTP_ENTRA_AUTH = "HTTP_ENTRA_AUTH";
    public static final String SERVICE_BUS_NAMESPACE = "ServiceBusConnection__fullyQualifiedNamespace";
    /** The cleanup policy (JSON); unset or without rules, the scheduled cleanup is off. */
    public static final String CLEANUP_POLICY = "CLEANUP_POLICY";
    /** {@code true} (the default) makes cleanup runs report what they would do and do nothing. */
    public static final String CLEANUP_DRY_RUN = "CLEANUP_DRY_RUN";
    /** The cleanup's NCRONTAB schedule (six fields, UTC), read by the Functions host. */
    public static final String CLEANUP_SCHEDULE = "CLEANUP_SCHEDULE";
    /** Set by App Service: names the event source. */
    public static final String SITE_NAME = "WEBSITE_SITE_NAME";

    public static final String DEFAULT_ARM_ENDPOINT = "https://management.azure.com";
    public static final String DEFAULT_API_VERSION = "2024-04-03";

    private final Map<String, String> values;

    public AppSettings(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Every value, for a caller that overrides some. */
    public Map<String, String> values() {
        return values;
    }

    public static AppSettings fromEnvironment() {
        return new AppSettings(System.getenv());
    }

    /** The value, or {@code null} when unset or blank. */
    public String get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String get(String name, String fallback) {
        String value = get(name);
        return value == null ? fallback : value;
    }

    public String require(String name) {
        String value = get(name);
        if (value == null) {
            throw new IllegalStateException("app setting " + name + " is required");
        }
        return value;
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("app setting " + name + " must be a whole number from " + min + " to "
                    + max + " (got '" + value + "')");
        }
    }

    public double decimal(String name, double fallback, double min, double max) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (!(parsed >= min && parsed <= max)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalStateException("app setting " + name + " must be a number from " + min + " to " + max
                    + " (got '" + value + "')");
        }
    }

    public boolean bool(String name, boolean fallback) {
        String value = get(name);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalStateException("app setting " + name + " must be true or false (got '" + value + "')");
    }

    public Duration seconds(String name, int fallback, int max) {
        return Duration.ofSeconds(integer(name, fallback, 1, max));
    }

    public URI armEndpoint() {
        return URI.create(get(ARM_ENDPOINT, DEFAULT_ARM_ENDPOINT));
    }

    /** The CloudEvents {@code source} of this app's events. */
    public String eventSource() {
        return "/avd-session-disconnect/" + get(SITE_NAME, "local");
    }
}
