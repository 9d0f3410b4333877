package com.contoso.avd.disconnect;

/** Where terminal results go (the results topic in Azure, a JSON Lines file locally). */
public interface ResultPublisher {
    /**
     * Publishes one terminal result; returns only once it is durably handed over.
     *
     * @throws RuntimeException when it could not be published: the request must then not be reported done
     */
    void publish(DisconnectResult result);
}
