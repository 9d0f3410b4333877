package com.contoso.avd.functions;

import com.contoso.avd.app.AppSettings;
import com.contoso.avd.app.AzureServices;
import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code POST /api/entra/sessions/disconnect}: the same endpoint for callers that authenticate with Entra ID (their
 * own managed identity) instead of a function key. The host does not check keys on this route, so it answers only
 * when {@code HTTP_ENTRA_AUTH} is set, which the Bicep sets together with App Service authentication: that layer
 * refuses unauthenticated calls and strips any {@code X-MS-CLIENT-PRINCIPAL-*} header a caller sends, so the
 * principal header below is App Service's word.
 */
public final class DisconnectEntraHttpFunction {
    static final String PRINCIPAL_ID = "x-ms-client-principal-id";

    private final DisconnectHttpFunction http;
    private final BooleanSupplier enabled;

    /** Used by the Functions host. */
    public DisconnectEntraHttpFunction() {
        this(new DisconnectHttpFunction(), () -> AzureServices.get().settings().bool(AppSettings.HTTP_ENTRA_AUTH, false));
    }

    public DisconnectEntraHttpFunction(DisconnectHttpFunction http, BooleanSupplier enabled) {
        this.http = http;
        this.enabled = enabled;
    }

    @FunctionName("DisconnectHttpEntra")
    public HttpResponseMessage run(
            @HttpTrigger(name = "request", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
                    route = "entra/sessions/disconnect") HttpRequestMessage<Optional<String>> request,
            final ExecutionContext context) {
        HttpResponses responses = new HttpResponses(request, "");
        if (!enabled.getAsBoolean()) {
            return responses.denied(404, "The Entra ID route is not enabled (HTTP_ENTRA_AUTH); use "
                    + "/api/sessions/disconnect with a function key.");
        }
        String principal = DisconnectHttpFunction.header(request.getHeaders(), PRINCIPAL_ID);
        if (principal == null || principal.isBlank()) {
            return responses.denied(401, "No authenticated Entra ID caller: App Service authentication must be on.");
        }
        context.getLogger().info("entra caller principalId=" + principal.replaceAll("[^A-Za-z0-9-]", ""));
        return http.run(request, context);
    }
}
