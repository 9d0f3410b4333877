package com.contoso.avd.app;

import com.azure.core.amqp.AmqpRetryOptions;
import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.messaging.servicebus.ServiceBusClientBuilder;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.contoso.avd.events.ServiceBusResultPublisher;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The app as the Functions host runs it: managed identity for ARM and Service Bus, results to the topic. Built once
 * per instance, on first use.
 */
public final class AzureServices {
    private static volatile AppServices instance;

    private AzureServices() {
    }

    public static AppServices get() {
        AppServices services = instance;
        if (services == null) {
            synchronized (AzureServices.class) {
                services = instance;
                if (services == null) {
                    instance = services = create(AppSettings.fromEnvironment());
                }
            }
        }
        return services;
    }

    static AppServices create(AppSettings settings) {
        TokenCredential credential = credential(settings);
        String topic = settings.require(AppSettings.RESULTS_TOPIC);
        String namespace = settings.require(AppSettings.SERVICE_BUS_NAMESPACE);
        Lazy<ServiceBusSenderClient> sender = new Lazy<>(() -> new ServiceBusClientBuilder()
                .fullyQualifiedNamespace(namespace)
                .credential(credential)
                .retryOptions(new AmqpRetryOptions().setMaxRetries(3).setTryTimeout(Duration.ofSeconds(20)))
                .sender()
                .topicName(topic)
                .buildClient());
        ServiceBusResultPublisher publisher = new ServiceBusResultPublisher(sender, settings.eventSource());
        try {
            AppServices services = AppServices.create(settings, credential, SSLContext.getDefault(), publisher);
            publisher.connectInBackground();
            return services;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
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
