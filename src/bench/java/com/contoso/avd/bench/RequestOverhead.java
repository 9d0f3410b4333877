package com.contoso.avd.bench;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.contoso.avd.arm.AllowedScopes;
import com.contoso.avd.arm.ArmClient;
import com.contoso.avd.arm.ArmPacer;
import com.contoso.avd.arm.ArmTokens;
import com.contoso.avd.arm.RetryPolicy;
import com.contoso.avd.disconnect.DisconnectOutcome;
import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.disconnect.Trigger;
import com.contoso.avd.events.ServiceBusResultPublisher;
import com.contoso.avd.request.DisconnectRequest;
import com.contoso.avd.request.RequestParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.publisher.Mono;

/**
 * What one queue message costs the app besides waiting for ARM: parse and validate the body, check the scope, build
 * the ARM request (URL and headers), and turn the result into the topic message (CloudEvents JSON and properties).
 * The same classes as in the Function; only the send is left out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestOverhead {
    static final String SUBSCRIPTION = "6f2c1c43-8a3a-4f3f-9c55-0a1b2c3d4e5f";
    static final String NAME_BASED = "{\"subscriptionId\": \"" + SUBSCRIPTION + "\", \"resourceGroupName\": \"rg-avd\", "
            + "\"hostPoolName\": \"hp-pooled\", \"sessionHostName\": \"sh-0.contoso.local\", \"userSessionId\": \"6\", "
            + "\"reason\": \"end of shift\"}";
    /** As Get-AzWvdUserSession returns the id: lower-case keywords. */
    static final String IDENTITY = "{\"inputObject\": \"/subscriptions/" + SUBSCRIPTION + "/resourcegroups/rg-avd/"
            + "providers/Microsoft.DesktopVirtualization/hostpools/hp-pooled/sessionhosts/sh-0.contoso.local/"
            + "usersessions/6\"}";
    static final String MESSAGE_ID = "b7c5e0de-2f5e-4a59-9a43-1d0f5c7e9e11";
    static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.benchmark.token";
    static final String SOURCE = "/avd-session-disconnect/func-avd-disconnect";

    private final RequestParser parser = new RequestParser(SUBSCRIPTION);
    private final AllowedScopes scopes = AllowedScopes.parse("/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-avd");
    private final ArmClient arm = armClient();

    @Benchmark
    public void nameBased(Blackhole out) {
        handle(NAME_BASED, out);
    }

    @Benchmark
    public void identity(Blackhole out) {
        handle(IDENTITY, out);
    }

    private void handle(String body, Blackhole out) {
        DisconnectRequest request = parser.parse(body, MESSAGE_ID);
        if (!scopes.allows(request.target())) {
            throw new IllegalStateException("outside the scope");
        }
        URI uri = arm.uri(request.target().path() + "/disconnect", null);
        HttpRequest http = arm.request("POST", uri, null, request.requestId(), TOKEN);
        DisconnectResult result = new DisconnectResult(request.requestId(), Trigger.QUEUE, request.target(),
                request.whatIf(), request.passThru(), request.reason(), DisconnectOutcome.SUCCEEDED, null,
                new DisconnectResult.ArmCall(200, 1, "4f0c2d7e-3a1b-4c5d-8e9f-0a1b2c3d4e5f",
                        "9a1e2b3c-4d5e-4f60-8172-93a4b5c6d7e8"), false, null, null, 1, false,
                Duration.ofMillis(52), Instant.now());
        ServiceBusMessage message = ServiceBusResultPublisher.message(result, SOURCE);
        out.consume(http);
        out.consume(message);
    }

    private static ArmClient armClient() {
        TokenCredential credential = context -> Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
        try {
            return new ArmClient(URI.create("https://management.azure.com"), "2024-04-03",
                    new ArmTokens(credential, "https://management.azure.com/.default", Duration.ofSeconds(30)),
                    new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(60)),
                    new ArmPacer(ArmPacer.Limits.arm()), Duration.ofSeconds(10), Duration.ofSeconds(30),
                    SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
