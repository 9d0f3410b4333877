package com.contoso.avd.local;

import com.contoso.avd.disconnect.DisconnectResult;
import com.contoso.avd.disconnect.ResultPublisher;
import com.contoso.avd.events.ResultEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The local stand-in for the results topic: one CloudEvent per line in a file, echoed to the console. */
public final class JsonLinesResultPublisher implements ResultPublisher, AutoCloseable {
    private final Writer file;
    private final PrintStream console;
    private final String source;

    public JsonLinesResultPublisher(Path path, PrintStream console, String source) {
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
    public synchronized void publish(DisconnectResult result) {
        String line = ResultEvent.of(result, source).toString();
        try {
            file.write(line);
            file.write('\n');
            file.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (console != null) {
            console.println("result " + line);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
