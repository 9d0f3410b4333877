package com.contoso.avd.local;

import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.disconnect.ResultPublisher;
import com.contoso.avd.events.EventPublisher;
import com.contoso.avd.events.ResultEvent;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The local stand-in for the results topic: one CloudEvent per line in a file (result events and cleanup run
 * summaries), echoed to the console.
 */
public final class JsonLinesPublisher implements ResultPublisher, EventPublisher, AutoCloseable {
    private final Writer file;
    private final PrintStream console;
    private final String source;

    public JsonLinesPublisher(Path path, PrintStream console, String source) {
        try {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
        this.console = console;
        this.source = source;
    }

    @Override
    public void publish(DisconnectResult result) {
        write(ResultEvent.of(result, source).toString());
    }

    @Override
    public void publish(JsonObject cloudEvent, Map<String, Object> properties) {
        write(cloudEvent.toString());
    }

    private synchronized void write(String line) {
        try {
            file.write(line);
            file.write('\n');
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (console != null) {
            console.println("event " + line);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
