package com.contoso.avd.arm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * A small ARM REST client over the JDK's HTTP client: bearer token, {@code api-version}, client request id,
 * bounded retries of transient failures that honour {@code Retry-After}, and timeouts on everything. It speaks HTTPS
 * only, so a token can never travel in clear text.
 */
public final class ArmClient {
    private static final String USER_AGENT = "avd-session-disconnect/1.0";

    private final URI endpoint;
    private final String apiVersion;
    private final ArmTokens tokens;
    private final RetryPolicy retry;
    private final ArmPacer pacer;
    private final Duration readTimeout;
    private final HttpClient http;

    public ArmClient(URI endpoint, String apiVersion, ArmTokens tokens, RetryPolicy retry, ArmPacer pacer,
                     Duration connectTimeout, Duration readTimeout, SSLContext sslContext) {
        if (!"https".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("ARM endpoint must be an https:// URL (got " + endpoint + ")");
        }
        String base = endpoint.toString();
        this.endpoint = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.apiVersion = apiVersion;
        this.tokens = tokens;
        this.retry = retry;
        this.pacer = pacer;
        this.readTimeout = readTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .sslContext(sslContext)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public URI endpoint() {
        return endpoint;
    }

    /** POST an action such as {@code .../userSessions/6/disconnect}; {@code path} must be encoded. */
    public ArmResponse post(String path, String jsonBody, String clientRequestId) {
        return send("POST", uri(path, ""), jsonBody, clientRequestId);
    }

    /** GET a resource or the first page of a list; {@code query} is extra encoded query, such as {@code &$filter=...}. */
    public ArmResponse get(String path, String query, String clientRequestId) {
        return send("GET", uri(path, query), null, clientRequestId);
    }

    /** GET the next page of a list. The link must point at this client's endpoint: the token goes nowhere else. */
    public ArmResponse getNextLink(String nextLink, String clientRequestId) {
        URI next = URI.create(nextLink);
        if (!"https".equalsIgnoreCase(next.getScheme()) || !endpoint.getHost().equalsIgnoreCase(next.getHost())
                || endpoint.getPort() != next.getPort()) {
            return ArmResponse.noResponse(0, "UntrustedNextLink",
                    "refusing to follow a nextLink to another host: " + next.getHost());
        }
        return send("GET", next, null, clientRequestId);
    }

    /** The URL of an encoded ARM {@code path} on this endpoint, with {@code api-version} and extra {@code query}. */
    public URI uri(String path, String query) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/'");
        }
        return URI.create(endpoint + path + "?api-version=" + apiVersion + (query == null ? "" : query));
    }

    private ArmResponse send(String method, URI uri, String body, String clientRequestId) {
        long deadline = System.nanoTime() + retry.budget().toNanos();
        String subscription = subscriptionOf(uri);
        boolean write = !"GET".equals(method);
        ArmResponse last = null;
        boolean refreshedToken = false;
        int sends = 0;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            try {
                Duration wait = pacer.acquire(subscription, write, deadline);
                if (!wait.isZero()) {
                    return last != null ? last : ArmResponse.paced(sends, wait, subscription);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last != null ? last : ArmResponse.noResponse(sends, ArmResponse.CONNECTION_FAILED, "interrupted");
            }
            last = sendOnce(method, uri, body, clientRequestId, ++sends);
            if (last.rateLimitRemaining() != null) {
                pacer.remaining(subscription, write, last.rateLimitRemaining());
            }
            if (last.status() == 401 && !refreshedToken) {
                // An expired or revoked token: fetch a new one once before calling it a refusal.
                tokens.invalidate();
                refreshedToken = true;
                attempt--;
                continue;
            }
            if (!last.isTransient() || attempt == retry.maxAttempts()) {
                return last;
            }
            Duration delay = retry.delayAfter(attempt, last.retryAfter());
            if (last.status() == 429) {
                // Everyone calling this subscription waits it out; the next acquire gives up past the deadline.
                pacer.throttled(subscription, write, delay);
                continue;
            }
            if (System.nanoTime() + delay.toNanos() > deadline) {
                return last;
            }
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
        }
        return last;
    }

    /** The subscription an ARM path is under, or {@code null}. */
    static String subscriptionOf(URI uri) {
        String[] segments = uri.getRawPath().split("/");
        return segments.length > 2 && segments[1].equalsIgnoreCase("subscriptions") ? segments[2] : null;
    }

    private ArmResponse sendOnce(String method, URI uri, String body, String clientRequestId, int attempt) {
        String token;
        try {
            token = tokens.token();
        } catch (RuntimeException e) {
            return ArmResponse.noResponse(attempt, ArmResponse.TOKEN_UNAVAILABLE,
                    "could not get an ARM token: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        CompletableFuture<HttpResponse<String>> pending =
                http.sendAsync(request(method, uri, body, clientRequestId, token), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            // The request timeout covers the wait for headers; this bounds the body too.
            response = pending.get(readTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return ArmResponse.noResponse(attempt, ArmResponse.TIMEOUT, "no response from ARM within " + readTimeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            boolean timeout = cause instanceof java.net.http.HttpTimeoutException;
            return ArmResponse.noResponse(attempt, timeout ? ArmResponse.TIMEOUT : ArmResponse.CONNECTION_FAILED,
                    (timeout ? "no response from ARM within " + readTimeout + ": " : "calling ARM failed: ")
                            + describe(cause));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return ArmResponse.noResponse(attempt, ArmResponse.CONNECTION_FAILED, "interrupted");
        }
        return toResponse(response, attempt);
    }

    /** The HTTP request of one send (public for the per-request benchmark, which builds it without sending). */
    public HttpRequest request(String method, URI uri, String body, String clientRequestId, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("x-ms-client-request-id", clientRequestId);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return request.build();
    }

    private static ArmResponse toResponse(HttpResponse<String> response, int attempt) {
        HttpHeaders headers = response.headers();
        String body = response.body() == null ? "" : response.body();
        String code = null;
        String message = null;
        if (response.statusCode() >= 400) {
            ArmResponse probe = new ArmResponse(response.statusCode(), body, null, null, attempt, null, null, null,
                    null);
            var error = probe.json().getAsJsonObject("error");
            if (error != null) {
                code = error.has("code") && error.get("code").isJsonPrimitive() ? error.get("code").getAsString() : null;
                message = error.has("message") && error.get("message").isJsonPrimitive()
                        ? error.get("message").getAsString() : null;
            }
            if (code == null) {
                code = "Http" + response.statusCode();
            }
        }
        return new ArmResponse(response.statusCode(), body,
                headers.firstValue("x-ms-request-id").orElse(null),
                headers.firstValue("x-ms-correlation-request-id").orElse(null),
                attempt, retryAfter(headers), code, message, remaining(headers));
    }

    private static Long remaining(HttpHeaders headers) {
        for (String name : new String[] {"x-ms-ratelimit-remaining-subscription-writes",
            "x-ms-ratelimit-remaining-subscription-deletes", "x-ms-ratelimit-remaining-subscription-reads"}) {
            var value = headers.firstValue(name);
            if (value.isPresent()) {
                try {
                    return Long.parseLong(value.get().trim());
                } catch (NumberFormatException ignored) {
                    // not a number: ignore the header
                }
            }
        }
        return null;
    }

    /** {@code Retry-After} in seconds or as an HTTP date, or Azure's {@code retry-after-ms}; {@code null} if absent. */
    static Duration retryAfter(HttpHeaders headers) {
        for (String name : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
            var ms = headers.firstValue(name);
            if (ms.isPresent()) {
                try {
                    return Duration.ofMillis(Long.parseLong(ms.get().trim()));
                } catch (NumberFormatException ignored) {
                    // fall through to Retry-After
                }
            }
        }
        var value = headers.firstValue("Retry-After");
        if (value.isEmpty()) {
            return null;
        }
        String v = value.get().trim();
        try {
            return Duration.ofSeconds(Long.parseLong(v));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
