package com.contoso.avd.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.contoso.avd.app.AppServices;
import com.contoso.avd.app.AppSettings;
import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.emulator.AvdEmulator;
import com.contoso.avd.emulator.Fault;
import com.contoso.avd.events.ResultEvent;
import com.contoso.avd.functions.DisconnectHttpFunction;
import com.contoso.avd.functions.DisconnectQueueFunction;
import com.contoso.avd.local.LocalExecutionContext;
import com.contoso.avd.local.LocalHttpRequest;
import com.contoso.avd.support.RecordingPublisher;
import com.contoso.avd.support.TestApp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** A run through every outcome, every log line and event captured: no token, key or connection string in any. */
class NoSecretsInLogsOrEventsTest {
    private static final String SECRET_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl";
    private static final Pattern SECRETS = Pattern.compile(
            "Bearer\\s|eyJ0eXAi|SharedAccessKey|AccountKey=|[?&]sig=|Endpoint=sb://|" + AvdEmulator.TOKEN);

    @Test
    void nothingSecretIsLoggedOrPublished() throws Exception {
        List<String> captured = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                captured.add(record.getLoggerName() + " " + record.getMessage()
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        Level before = root.getLevel();
        root.setLevel(Level.ALL);
        try (AvdEmulator emulator = AvdEmulator.start()) {
            TestApp.seed(emulator);
            AtomicBoolean tokenFails = new AtomicBoolean();
            // The emulator wants its own token; this one is a JWT-looking secret that must never surface.
            TokenCredential credential = ctx -> tokenFails.get()
                    ? Mono.error(new IllegalStateException("managed identity endpoint unavailable"))
                    : Mono.just(new AccessToken(SECRET_TOKEN, OffsetDateTime.now().plusMinutes(4)));
            Map<String, String> settings = TestApp.settings(emulator);
            settings.put(AppSettings.ARM_MAX_ATTEMPTS, "2");
            settings.put(AppSettings.ARM_RETRY_BASE_DELAY_MS, "5");
            RecordingPublisher published = new RecordingPublisher();
            AppServices services = AppServices.create(new AppSettings(settings), credential,
                    emulator.clientSslContext(), published);
            DisconnectHttpFunction http = new DisconnectHttpFunction(services::handler, () -> "/test");
            DisconnectQueueFunction queue = new DisconnectQueueFunction(services::handler);
            List<String> responses = new CopyOnWriteArrayList<>();

            // 401 (the emulator refuses the secret token), invalid input, scope, whatIf, 5xx, dropped connections.
            for (String body : new String[] {"{\"inputObject\":\"" + TestApp.sessionId("1") + "\"}",
                "{\"hostPoolName\":\"" + SECRET_TOKEN + "\"}", "not json " + SECRET_TOKEN,
                "{\"inputObject\":\"" + TestApp.sessionId("1").replace(TestApp.SUBSCRIPTION,
                        TestApp.OTHER_SUBSCRIPTION) + "\"}",
                "{\"inputObject\":\"" + TestApp.sessionId("1") + "\",\"whatIf\":true}"}) {
                responses.add(String.valueOf(http.run(LocalHttpRequest.postJson(body),
                        new LocalExecutionContext("DisconnectHttp")).getBody()));
            }
            emulator.inject(Fault.status(503, Map.of(), 2));
            emulator.inject(Fault.drop(2));
            for (String messageId : new String[] {"token-fails", "server-fails"}) {
                tokenFails.set(messageId.equals("token-fails"));
                try {
                    queue.run("{\"inputObject\":\"" + TestApp.sessionId("3") + "\"}", messageId, 3,
                            new LocalExecutionContext("DisconnectFromQueue"));
                } catch (DisconnectQueueFunction.RedeliveryRequested deadLettered) {
                    captured.add(deadLettered.toString());
                }
            }

            List<String> events = published.published().stream()
                    .map((DisconnectResult r) -> ResultEvent.of(r, "/test").toString()).toList();
            assertTrue(events.size() >= 7, "every request published: " + events.size());
            assertTrue(captured.size() >= 7, "the run was logged: " + captured.size());
            assertTrue(emulator.requests().stream().anyMatch(AvdEmulator.Recorded::bearer),
                    "the token was really sent to ARM");
            for (List<String> texts : List.of(captured, events, responses)) {
                for (String text : texts) {
                    assertFalse(SECRETS.matcher(text).find(), "a secret in: " + text);
                }
            }
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
        }
    }
}
