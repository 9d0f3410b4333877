package com.contoso.avd.emulator;

import java.time.Duration;
import java.util.Map;

/**
 * A misbehaviour the emulator shows the next {@code times} matching requests: an error status, a delay, a dropped
 * connection or a response cut off mid-body.
 *
 * @param method       the HTTP method to match, or {@code null} for any
 * @param pathContains a case-insensitive part of the path to match, or {@code null} for any
 */
public record Fault(String method, String pathContains, int times, Kind kind, int status,
                    Map<String, String> headers, Duration delay) {

    public enum Kind { STATUS, DELAY, DROP, TRUNCATE }

    /** Answer with {@code status}, an ARM error body and {@code headers} (such as Retry-After). */
    public static Fault status(int status, Map<String, String> headers, int times) {
        return new Fault(null, null, times, Kind.STATUS, status, headers, Duration.ZERO);
    }

    /** 429 Too Many Requests with {@code Retry-After} (seconds or an HTTP date), or none when {@code null}. */
    public static Fault throttled(String retryAfter, int times) {
        return status(429, retryAfter == null ? Map.of() : Map.of("Retry-After", retryAfter), times);
    }

    /** Hold the request for {@code delay}, then answer normally. */
    public static Fault delay(Duration delay, int times) {
        return new Fault(null, null, times, Kind.DELAY, 0, Map.of(), delay);
    }

    /** Close the connection without answering. */
    public static Fault drop(int times) {
        return new Fault(null, null, times, Kind.DROP, 0, Map.of(), Duration.ZERO);
    }

    /** Send headers and part of a body, then close the connection. */
    public static Fault truncate(int times) {
        return new Fault(null, null, times, Kind.TRUNCATE, 0, Map.of(), Duration.ZERO);
    }

    public Fault on(String method, String pathContains) {
        return new Fault(method, pathContains, times, kind, status, headers, delay);
    }

    boolean matches(String requestMethod, String path) {
        return (method == null || method.equalsIgnoreCase(requestMethod))
                && (pathContains == null || path.toLowerCase(java.util.Locale.ROOT)
                .contains(pathContains.toLowerCase(java.util.Locale.ROOT)));
    }
}
