package com.contoso.avd.app;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.contoso.avd.cleanup.IdleSessionCleanup;
import com.contoso.avd.events.ServiceBusEventPublisher;
import com.contoso.avd.events.ServiceBusResultPublisher;
import com.contoso.avd.queue.ServiceBusRequestQueue;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The app as the Functions host runs it: managed identity for ARM and Service Bus, results and cleanup summaries to
 * the topic, cleanup requests to the requests queue. Built once per instance, on first use; the cleanup only when
 * the timer first fires, so a bad cleanup setting never stops the disconnect functions.
 */
public final class AzureServices {
    private static final Lazy<AzureServices> INSTANCE =
            new Lazy<>(() -> new AzureServices(AppSettings.fromEnvironment()));

    private final AppServices app;
    private final Lazy<IdleSessionCleanup> cleanup;

    private AzureServices(AppSettings settings) {
        TokenCredential credential = credential(settings);
        String topic = settings.require(AppSettings.RESULTS_TOPIC);
        // Senders built from one builder share its AMQP connection.
        ServiceBusClientBuilder serviceBus = new ServiceBusClientBuilder()
                .fullyQualifiedNamespace(settings.require(AppSettings.SERVICE_BUS_NAMESPACE))
                .credential(credential)
                .retryOptions(new AmqpRetryOptions().setMaxRetries(3).setTryTimeout(Duration.ofSeconds(20)));
        Lazy<ServiceBusSenderClient> topicSender = new Lazy<>(() -> {
            synchronized (serviceBus) {
                return serviceBus.sender().topicName(topic).buildClient();
            }
        });
        Lazy<ServiceBusSenderClient> queueSender = new Lazy<>(() -> {
            String queue = settings.require(AppSettings.REQUESTS_QUEUE);
            synchronized (serviceBus) {
                return serviceBus.sender().queueName(queue).buildClient();
            }
        });
        ServiceBusResultPublisher publisher = new ServiceBusResultPublisher(topicSender, settings.eventSource());
        try {
            this.app = AppServices.create(settings, credential, SSLContext.getDefault(), publisher);
            publisher.connectInBackground();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
        this.cleanup = new Lazy<>(() -> app.cleanup(new ServiceBusRequestQueue(queueSender),
                new ServiceBusEventPublisher(topicSender), Clock.systemUTC()));
    }

    public static AppServices get() {
        return INSTANCE.get().app;
    }

    public static IdleSessionCleanup cleanup() {
        return INSTANCE.get().cleanup.get();
    }

    /**
     * In Azure (the platform sets IDENTITY_ENDPOINT) the managed identity directly, user-assigned when
     * AZURE_CLIENT_ID is set, without DefaultAzureCredential's probe chain; elsewhere DefaultAzureCredential.
     */
    public static TokenCredential credential(AppSettings settings) {
        String clientId = settings.get(AppSettings.AZURE_CLIENT_ID);
        if (settings.get("IDENTITY_ENDPOINT") != null || settings.get("MSI_ENDPOINT") != null) {
            ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
            return clientId == null ? builder.build() : builder.clientId(clientId).build();
        }
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
        return clientId == null ? builder.build() : builder.managedIdentityClientId(clientId).build();
    }
}
