package com.contoso.avd.functions;

import com.contoso.avd.app.AzureServices;
import com.contoso.avd.disconnect.DisconnectHandler;
import com.contoso.avd.disconnect.DisconnectHandler.BatchResult;
import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.disconnect.Trigger;
import com.contoso.avd.request.RequestParser;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code POST /api/sessions/disconnect}: synchronous disconnects for automation; answers with the result events. */
public final class DisconnectHttpFunction {
    private final Supplier<DisconnectHandler> handler;
    private final Supplier<String> eventSource;

    /** Used by the Functions host. */
    public DisconnectHttpFunction() {
        this(() -> AzureServices.get().handler(), () -> AzureServices.get().settings().eventSource());
    }

    public DisconnectHttpFunction(Supplier<DisconnectHandler> handler, Supplier<String> eventSource) {
        this.handler = handler;
        this.eventSource = eventSource;
    }

    @FunctionName("DisconnectHttp")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
                    route = "sessions/disconnect") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        HttpResponses responses = new HttpResponses(request, eventSource.get());
        DisconnectHandler core = handler.get();
        BatchResult outcome;
        try {
            if (request.getHttpMethod() != HttpMethod.POST) {
                return responses.refused(405, core.refuse("method", "must be POST (got " + request.getHttpMethod()
                        + ")", Trigger.HTTP), Map.of("Allow", "POST"));
            }
            String contentType = header(request.getHeaders(), "content-type");
            if (contentType == null || !isJson(contentType)) {
                return responses.refused(415, core.refuse("Content-Type", "must be application/json (got "
                        + (contentType == null ? "none" : contentType) + ")", Trigger.HTTP), Map.of());
            }
            String body = request.getBody().orElse("");
            if (body.length() > RequestParser.MAX_BODY_BYTES / 4
                    && body.getBytes(StandardCharsets.UTF_8).length > RequestParser.MAX_BODY_BYTES) {
                return responses.refused(413, core.refuse("body", "is larger than " + RequestParser.MAX_BODY_BYTES
                        + " bytes", Trigger.HTTP), Map.of());
            }
            outcome = core.handleBody(body, Trigger.HTTP);
        } catch (RuntimeException e) {
            context.getLogger().severe("result events could not be published: " + e.getClass().getSimpleName());
            return responses.unpublished();
        }
        for (DisconnectResult result : outcome.results()) {
            context.getLogger().info(LogLines.of(result));
        }
        return responses.of(outcome);
    }

    /** A header by name, case-insensitively (the host lower-cases names; other hosts may not). */
    static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.startsWith("application/")
                && mediaType.endsWith("+json");
    }
}
