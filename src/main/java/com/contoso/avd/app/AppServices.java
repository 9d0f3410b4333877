package com.contoso.avd.app;

import com.azure.core.credential.TokenCredential;
import com.contoso.avd.arm.AllowedScopes;
import com.contoso.avd.arm.ArmClient;
import com.contoso.avd.arm.ArmPacer;
import com.contoso.avd.arm.ArmTokens;
import com.contoso.avd.arm.RetryPolicy;
import com.contoso.avd.cleanup.IdleSessionCleanup;
import com.contoso.avd.disconnect.DisconnectHandler;
import com.contoso.avd.disconnect.Disconnector;
import com.contoso.avd.disconnect.ResultPublisher;
import com.contoso.avd.events.EventPublisher;
import com.contoso.avd.queue.RequestQueue;
import com.contoso.avd.request.RequestParser;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** The composition root: builds the core from settings, a credential, TLS trust and a result publisher. */
public final class AppServices {
    private final AppSettings settings;
    private final ArmClient arm;
    private final AllowedScopes scopes;
    private final DisconnectHandler handler;

    private AppServices(AppSettings settings, ArmClient arm, AllowedScopes scopes, DisconnectHandler handler) {
        this.settings = settings;
        this.arm = arm;
        this.scopes = scopes;
        this.handler = handler;
    }

    /**
     * @param credential  the ARM credential (managed identity in Azure)
     * @param sslContext  TLS trust for ARM (the JVM default in Azure)
     * @param publisher   where terminal results go
     */
    public static AppServices create(AppSettings settings, TokenCredential credential, SSLContext sslContext,
                                     ResultPublisher publisher) {
        var endpoint = settings.armEndpoint();
        ArmTokens tokens = new ArmTokens(credential, ArmTokens.scopeFor(endpoint),
                settings.seconds(AppSettings.ARM_TOKEN_TIMEOUT_SECONDS, 30, 300));
        RetryPolicy retry = new RetryPolicy(settings.integer(AppSettings.ARM_MAX_ATTEMPTS, 4, 1, 20),
                Duration.ofMillis(settings.integer(AppSettings.ARM_RETRY_BASE_DELAY_MS, 500, 1, 60_000)),
                Duration.ofSeconds(20), settings.seconds(AppSettings.ARM_RETRY_BUDGET_SECONDS, 60, 3600));
        ArmPacer pacer = new ArmPacer(new ArmPacer.Limits(
                settings.integer(AppSettings.ARM_WRITES_BURST, 200, 1, 100_000),
                settings.decimal(AppSettings.ARM_WRITES_PER_SECOND, 10, 0, 100_000),
                settings.integer(AppSettings.ARM_READS_BURST, 250, 1, 100_000),
                settings.decimal(AppSettings.ARM_READS_PER_SECOND, 25, 0, 100_000)));
        ArmClient arm = new ArmClient(endpoint, settings.get(AppSettings.ARM_API_VERSION,
                AppSettings.DEFAULT_API_VERSION), tokens, retry, pacer,
                settings.seconds(AppSettings.ARM_CONNECT_TIMEOUT_SECONDS, 10, 300),
                settings.seconds(AppSettings.ARM_READ_TIMEOUT_SECONDS, 30, 600), sslContext);
        AllowedScopes scopes = AllowedScopes.parse(settings.get(AppSettings.ALLOWED_SCOPES));
        RequestParser parser = new RequestParser(settings.get(AppSettings.DEFAULT_SUBSCRIPTION_ID));
        Disconnector disconnector = new Disconnector(arm, scopes, Clock.systemUTC());
        int concurrency = settings.integer(AppSettings.CONCURRENCY, 8, 1, 256);
        DisconnectHandler handler = new DisconnectHandler(parser, disconnector, publisher, workers(concurrency),
                settings.integer(AppSettings.MAX_DELIVERY_COUNT, 10, 1, 2000));
        return new AppServices(settings, arm, scopes, handler);
    }

    public AppSettings settings() {
        return settings;
    }

    public ArmClient arm() {
        return arm;
    }

    public DisconnectHandler handler() {
        return handler;
    }

    /**
     * The scheduled cleanup over this app's ARM client and allowed scopes, with {@code CLEANUP_POLICY} and
     * {@code CLEANUP_DRY_RUN} (default true).
     *
     * @param requests where disconnect requests go (the requests queue)
     * @param events   where the run summary goes (the results topic)
     */
    public IdleSessionCleanup cleanup(RequestQueue requests, EventPublisher events, Clock clock) {
        return cleanup(settings.get(AppSettings.CLEANUP_POLICY), settings.bool(AppSettings.CLEANUP_DRY_RUN, true),
                requests, events, clock);
    }

    /** A cleanup with this policy and dry-run switch instead of the settings' (the local host's on-demand runs). */
    public IdleSessionCleanup cleanup(String policy, boolean dryRun, RequestQueue requests, EventPublisher events,
                                      Clock clock) {
        return new IdleSessionCleanup(arm, scopes, policy, dryRun, requests, events, clock, settings.eventSource());
    }

    private static ExecutorService workers(int size) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "disconnect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
