package com.contoso.avd.bench.harness;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.contoso.avd.app.AppServices;
import com.contoso.avd.app.AppSettings;
import com.contoso.avd.app.AzureServices;
import com.contoso.avd.disconnect.DisconnectHandler;
import com.contoso.avd.events.ServiceBusResultPublisher;
import com.microsoft.azure.functions.ExecutionContext;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import reactor.core.publisher.Mono;

/**
 * The cold-start proxy's JVM: on a class path of exactly the Function package plus this class, it wires the app as
 * {@code AzureServices} does (settings from the environment, the JVM's default TLS trust, the credential), loads the
 * queue function class by name, and delivers one message: token, TLS, the ARM call, and the result event turned into
 * its topic message. Only the Service Bus send is left out (no Service Bus here).
 *
 * <p>Argument: {@code token} (a fixed token, as the emulator accepts) or {@code identity} (the app's own credential
 * choice, {@code ManagedIdentityCredential} when IDENTITY_ENDPOINT is set, against a loopback identity endpoint).
 * Prints one line: {@code ok ms=... heapUsedKB=... heapCommittedKB=... vmHwmKB=...}.
 */
public final class ColdStartHarness {
    static final String FUNCTION = "com.contoso.avd.functions.DisconnectQueueFunction";
    static final String TOKEN = "avd-emulator-development-token";

    private ColdStartHarness() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        AppSettings settings = AppSettings.fromEnvironment();
        TokenCredential credential = "identity".equals(args[0]) ? AzureServices.credential(settings)
                : context -> Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
        List<ServiceBusMessage> published = new ArrayList<>();
        AppServices services = AppServices.create(settings, credential, SSLContext.getDefault(),
                result -> published.add(ServiceBusResultPublisher.message(result, settings.eventSource())));

        Class<?> type = Class.forName(FUNCTION);
        Supplier<DisconnectHandler> handler = services::handler;
        Object function = type.getConstructor(Supplier.class).newInstance(handler);
        Method run = type.getMethod("run", String.class, String.class, int.class, ExecutionContext.class);
        run.invoke(function, System.getenv("BENCH_MESSAGE"), "cold-start-1", 1, new Context());

        if (published.size() != 1 || !"succeeded".equals(published.get(0).getSubject())) {
            throw new IllegalStateException("the disconnect did not succeed: "
                    + (published.isEmpty() ? "no event" : published.get(0).getBody()));
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        Runtime runtime = Runtime.getRuntime();
        System.out.println("ok ms=" + ms + " heapUsedKB=" + (runtime.totalMemory() - runtime.freeMemory()) / 1024
                + " heapCommittedKB=" + runtime.totalMemory() / 1024 + " vmHwmKB=" + peakRss());
    }

    /** Peak resident set size so far, from /proc (Linux). */
    private static long peakRss() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** What the Functions host hands the function: a logger and ids. */
    private static final class Context implements ExecutionContext {
        @Override
        public Logger getLogger() {
            return Logger.getLogger("Function.DisconnectFromQueue");
        }

        @Override
        public String getInvocationId() {
            return "cold-start-invocation";
        }

        @Override
        public String getFunctionName() {
            return "DisconnectFromQueue";
        }
    }
}
