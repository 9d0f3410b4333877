package com.contoso.avd.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.TokenCredential;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.emulator.Fault;
import com.contoso.avd.local.DevelopmentCredential;
import com.contoso.avd.support.EmulatorExtension;
import com.contoso.avd.support.TestApp;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

/** The ARM client against the HTTPS emulator: real TLS, real HTTP, injected faults. */
@ExtendWith(EmulatorExtension.class)
class ArmClientTest {
    private AvdEmulator emulator;
    private static final String PATH = UserSessionId.parse(TestApp.sessionId("1")).path();

    @BeforeEach
    void seed(AvdEmulator emulator) {
        this.emulator = emulator;
    }

    private ArmClient client(RetryPolicy retry, Duration readTimeout) {
        return client(retry, readTimeout, DevelopmentCredential.forEndpoint(emulator.endpoint()),
                emulator.clientSslContext());
    }

    private ArmClient client(RetryPolicy retry, Duration readTimeout, TokenCredential credential,
                                    SSLContext tls) {
        ArmTokens tokens = new ArmTokens(credential, ArmTokens.scopeFor(emulator.endpoint()), Duration.ofSeconds(2));
        return new ArmClient(emulator.endpoint(), "2024-04-03", tokens, retry, ArmPacer.off(), Duration.ofSeconds(2),
                readTimeout,
                tls);
    }

    private ArmClient client() {
        return client(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(10)),
                Duration.ofSeconds(2));
    }

    @Test
    void disconnectSendsTokenApiVersionAndClientRequestId() {
        ArmResponse response = client().post(PATH + "/disconnect", null, "req-42");
        assertEquals(200, response.status());
        assertEquals(1, response.attempts());
        assertNotNull(response.armRequestId());
        assertNotNull(response.correlationRequestId());
        var recorded = emulator.requests().get(0);
        assertEquals("POST", recorded.method());
        assertEquals(PATH + "/disconnect", recorded.rawPath());
        assertEquals("api-version=2024-04-03", recorded.rawQuery());
        assertEquals("req-42", recorded.clientRequestId());
        assertTrue(recorded.bearer());
        assertEquals("Disconnected", emulator.session(TestApp.SUBSCRIPTION, TestApp.RESOURCE_GROUP,
                TestApp.HOST_POOL, TestApp.SESSION_HOST, "1").state());
    }

    @Test
    void retries429HonouringRetryAfterInSeconds() {
        emulator.inject(Fault.throttled("1", 1));
        long start = System.nanoTime();
        ArmResponse response = client().post(PATH + "/disconnect", null, "r");
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, response.status());
        assertEquals(2, response.attempts());
        assertTrue(waitedMs >= 950, "waited " + waitedMs + " ms for Retry-After: 1");
    }

    @Test
    void retries429HonouringRetryAfterAsAnHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(2));
        emulator.inject(Fault.throttled(date, 1));
        long start = System.nanoTime();
        ArmResponse response = client().post(PATH + "/disconnect", null, "r");
        assertEquals(200, response.status());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 900, "honoured the HTTP-date");
    }

    @Test
    void retries429WithoutRetryAfterAndServerErrorsWithBackoff() {
        emulator.inject(Fault.throttled(null, 1));
        emulator.inject(Fault.status(503, Map.of(), 1));
        ArmResponse response = client().post(PATH + "/disconnect", null, "r");
        assertEquals(200, response.status());
        assertEquals(3, response.attempts());
    }

    @Test
    void stopsAfterMaxAttemptsAndReportsTheLastFailure() {
        emulator.inject(Fault.status(500, Map.of(), 10));
        ArmResponse response = client().post(PATH + "/disconnect", null, "r");
        assertEquals(500, response.status());
        assertEquals(3, response.attempts());
        assertTrue(response.isTransient());
        assertEquals(3, emulator.requests().size());
    }

    @Test
    void stopsWhenRetryAfterWouldOutlastTheBudget() {
        emulator.inject(Fault.throttled("30", 5));
        ArmClient client = client(new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50),
                Duration.ofSeconds(2)), Duration.ofSeconds(2));
        long start = System.nanoTime();
        ArmResponse response = client.post(PATH + "/disconnect", null, "r");
        assertEquals(429, response.status());
        assertEquals(Duration.ofSeconds(30), response.retryAfter());
        assertEquals(1, response.attempts());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1500, "did not sleep past the budget");
    }

    @Test
    void droppedAndTruncatedResponsesAreRetried() {
        emulator.inject(Fault.drop(1));
        emulator.inject(Fault.truncate(1));
        ArmResponse response = client().post(PATH + "/disconnect", null, "r");
        assertEquals(200, response.status());
        assertEquals(3, response.attempts());
    }

    @Test
    void slowResponsesTimeOut() {
        emulator.inject(Fault.delay(Duration.ofSeconds(3), 5));
        ArmClient client = client(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofSeconds(10)), Duration.ofMillis(500));
        ArmResponse response = client.post(PATH + "/disconnect", null, "r");
        assertEquals(0, response.status());
        assertEquals(ArmResponse.TIMEOUT, response.errorCode());
        assertEquals(2, response.attempts());
    }

    @Test
    void aServerWeDoNotTrustFailsTheHandshakeAndNothingIsSent() throws Exception {
        ArmClient untrusting = client(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofSeconds(5)), Duration.ofSeconds(2), DevelopmentCredential.forEndpoint(emulator.endpoint()),
                SSLContext.getDefault());
        ArmResponse response = untrusting.post(PATH + "/disconnect", null, "r");
        assertEquals(0, response.status());
        assertEquals(ArmResponse.CONNECTION_FAILED, response.errorCode());
        assertTrue(response.errorMessage().contains("SSLHandshakeException"), response.errorMessage());
        assertTrue(emulator.requests().isEmpty());
    }

    @Test
    void aTokenThatCannotBeHadIsReportedWithoutCallingArm() {
        TokenCredential broken = ctx -> Mono.error(new IllegalStateException("IMDS unavailable"));
        ArmClient client = client(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20),
                Duration.ofSeconds(5)), Duration.ofSeconds(2), broken, emulator.clientSslContext());
        ArmResponse response = client.post(PATH + "/disconnect", null, "r");
        assertEquals(ArmResponse.TOKEN_UNAVAILABLE, response.errorCode());
        assertTrue(response.isTransient());
        assertTrue(emulator.requests().isEmpty());
    }

    @Test
    void armErrorsAreParsed() {
        ArmResponse response = client().post(UserSessionId.parse(TestApp.sessionId("99")).path() + "/disconnect",
                null, "r");
        assertEquals(404, response.status());
        assertEquals("NotFound", response.errorCode());
        assertEquals("User session ID not found.", response.errorMessage());
        assertFalse(response.isTransient());
    }

    @Test
    void refusesPlainHttpSoATokenNeverTravelsInClearText() {
        assertThrows(IllegalArgumentException.class, () -> new ArmClient(URI.create("http://127.0.0.1:1"),
                "2024-04-03", null, RetryPolicy.defaults(), ArmPacer.off(), Duration.ofSeconds(1), Duration.ofSeconds(1), null));
    }

    @Test
    void refusesANextLinkToAnotherHost() {
        ArmResponse response = client().getNextLink("https://evil.example.com/steal?api-version=1", "r");
        assertEquals("UntrustedNextLink", response.errorCode());
        assertTrue(emulator.requests().isEmpty());
    }
}
