package com.contoso.avd.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.contoso.avd.app.AppServices;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.local.LocalExecutionContext;
import com.contoso.avd.local.LocalHttpRequest;
import com.contoso.avd.support.RecordingPublisher;
import com.contoso.avd.support.EmulatorExtension;
import com.contoso.avd.support.TestApp;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Entra ID route opens only when enabled, only for a caller App Service authenticated. */
@ExtendWith(EmulatorExtension.class)
class DisconnectEntraHttpFunctionTest {
    private AvdEmulator emulator;
    private final RecordingPublisher published = new RecordingPublisher();
    private DisconnectHttpFunction http;

    @BeforeEach
    void setUp(AvdEmulator emulator) {
        this.emulator = emulator;
        AppServices services = TestApp.services(emulator, published);
        http = new DisconnectHttpFunction(services::handler, () -> "/test");
    }

    private static LocalHttpRequest request(Map<String, String> headers) {
        return new LocalHttpRequest(URI.create("https://app/api/entra/sessions/disconnect"), HttpMethod.POST, headers,
                Map.of(), "{\"inputObject\":\"" + TestApp.sessionId("1") + "\"}");
    }

    private HttpResponseMessage call(boolean enabled, Map<String, String> headers) {
        return new DisconnectEntraHttpFunction(http, () -> enabled).run(request(headers),
                new LocalExecutionContext("DisconnectHttpEntra"));
    }

    @Test
    void closedUnlessEnabled() {
        HttpResponseMessage response = call(false, Map.of("Content-Type", "application/json",
                "X-MS-CLIENT-PRINCIPAL-ID", "3f0c1a2b-0000-4000-8000-000000000001"));
        assertEquals(404, response.getStatusCode());
        assertTrue(emulator.requests().isEmpty());
        assertTrue(published.published().isEmpty());
    }

    @Test
    void refusesACallerWithoutAnAuthenticatedPrincipal() {
        assertEquals(401, call(true, Map.of("Content-Type", "application/json")).getStatusCode());
        assertTrue(emulator.requests().isEmpty());
    }

    @Test
    void anAuthenticatedCallerGetsTheSameEndpoint() {
        HttpResponseMessage response = call(true, Map.of("Content-Type", "application/json",
                "X-MS-CLIENT-PRINCIPAL-ID", "3f0c1a2b-0000-4000-8000-000000000001"));
        assertEquals(200, response.getStatusCode());
        assertEquals("succeeded", published.only().outcome().value());
    }
}
