package com.contoso.avd.queue;

import java.util.List;

/** The requests queue, as senders see it: the CLI's {@code enqueue}, the cleanup fan-out, the local host. */
public interface RequestQueue {
    /**
     * Sends every request, in order, in as few batches as the queue allows.
     *
     * @throws SendFailure when a batch could not be sent; it says how many were sent before
     */
    void send(List<QueuedRequest> requests);

    /** A send that failed part-way: the first {@link #sent()} requests are on the queue, the rest are not. */
    final class SendFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int sent;

        public SendFailure(int sent, Throwable cause) {
            super("sending to the requests queue failed after " + sent + " request(s): " + cause.getMessage(), cause);
            this.sent = sent;
        }

        public int sent() {
            return sent;
        }
    }
}
