package com.contoso.avd.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a Bicep reader for tests, since no Bicep compiler is available: comments are blanked out, and
 * top-level {@code param}, {@code var x = {...}}, {@code resource} and {@code module} declarations are found with
 * their bodies, whose first-level {@code key: value} properties can be read as raw expression text.
 */
final class BicepFile {
    private static final Pattern DECLARATION = Pattern.compile(
            "(?m)^(resource|module)\\s+(\\w+)\\s+'([^']+)'\\s*(existing\\s*)?=\\s*");
    private static final Pattern PARAM = Pattern.compile("(?m)^param\\s+(\\w+)\\s+(\\w+)(?:[ \\t]*=[ \\t]*(.*))?$");
    private static final Pattern VAR_OBJECT = Pattern.compile("(?m)^var\\s+(\\w+)\\s*=\\s*\\{");

    final Path path;
    /** The file as written. */
    final String text;
    /** The file with every comment replaced by spaces (strings untouched, offsets kept). */
    final String code;

    private BicepFile(Path path, String text) {
        this.path = path;
        this.text = text;
        this.code = withoutComments(text);
    }

    static BicepFile read(Path path) {
        try {
            return new BicepFile(path, Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BicepFile of(String text) {
        return new BicepFile(Path.of("inline.bicep"), text);
    }

    /** A {@code resource} or {@code module} declaration. */
    record Declaration(String keyword, String symbol, String type, boolean existing, String prefix,
                       BicepObject body) {
        /** The resource type without its API version, e.g. {@code Microsoft.ServiceBus/namespaces/queues}. */
        String resourceType() {
            int at = type.indexOf('@');
            return at < 0 ? type : type.substring(0, at);
        }

        String get(String path) {
            return body.get(path);
        }
    }

    record Param(String name, String type, String defaultValue) {
    }

    List<Declaration> declarations() {
        List<Declaration> found = new ArrayList<>();
        Matcher m = DECLARATION.matcher(code);
        while (m.find()) {
            int open = openingBrace(code, m.end());
            int close = matching(code, open);
            found.add(new Declaration(m.group(1), m.group(2), m.group(3), m.group(4) != null,
                    code.substring(m.end(), open).strip(), BicepObject.parse(code.substring(open + 1, close))));
        }
        return found;
    }

    List<Declaration> resourcesOfType(String resourceType) {
        return declarations().stream()
                .filter(d -> d.keyword().equals("resource") && d.resourceType().equalsIgnoreCase(resourceType))
                .toList();
    }

    /** The one resource of this type that this file creates (not an {@code existing} reference). */
    Declaration createdResource(String resourceType) {
        List<Declaration> created = resourcesOfType(resourceType).stream().filter(d -> !d.existing()).toList();
        if (created.size() != 1) {
            throw new AssertionError(path + ": expected one created " + resourceType + ", found " + created.size());
        }
        return created.get(0);
    }

    Declaration declaration(String symbol) {
        return declarations().stream().filter(d -> d.symbol().equals(symbol)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(path + " declares no resource or module " + symbol));
    }

    Map<String, Param> params() {
        Map<String, Param> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(code);
        while (m.find()) {
            params.put(m.group(1), new Param(m.group(1), m.group(2),
                    m.group(3) == null ? null : m.group(3).strip()));
        }
        return params;
    }

    Param param(String name) {
        Param param = params().get(name);
        if (param == null) {
            throw new NoSuchElementException(path + " has no param " + name);
        }
        return param;
    }

    /** The object literal of {@code var name = {...}}. */
    BicepObject variableObject(String name) {
        Matcher m = VAR_OBJECT.matcher(code);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                int open = m.end() - 1;
                return BicepObject.parse(code.substring(open + 1, matching(code, open)));
            }
        }
        throw new NoSuchElementException(path + " has no object variable " + name);
    }

    /** Collapses whitespace, so that expressions compare regardless of layout. */
    static String normalize(String expression) {
        return expression == null ? null : expression.replaceAll("\\s+", " ").strip();
    }

    private static int openingBrace(String s, int from) {
        int parens = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                i = endOfString(s, i);
            } else if (c == '(') {
                parens++;
            } else if (c == ')') {
                parens--;
            } else if (c == '{' && parens == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("no '{' after offset " + from);
    }

    /** The index of the bracket that closes the one at {@code open}, skipping strings. */
    static int matching(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                i = endOfString(s, i);
            } else if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("unbalanced bracket at offset " + open);
    }

    /** Index of the closing quote of the string that starts at {@code start} ({@code '...'} or {@code '''...'''}). */
    static int endOfString(String s, int start) {
        if (s.startsWith("'''", start)) {
            int end = s.indexOf("'''", start + 3);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated ''' string at offset " + start);
            }
            return end + 2;
        }
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '\'') {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated string at offset " + start);
    }

    static String withoutComments(String s) {
        StringBuilder out = new StringBuilder(s);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                i = endOfString(s, i);
            } else if (s.startsWith("//", i)) {
                int end = s.indexOf('\n', i);
                end = end < 0 ? s.length() : end;
                blank(out, i, end);
                i = end;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                blank(out, i, end);
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static void blank(StringBuilder out, int from, int to) {
        for (int i = from; i < to; i++) {
            if (out.charAt(i) != '\n') {
                out.setCharAt(i, ' ');
            }
        }
    }

    /** The first-level properties of an object literal, as raw expression text. */
    static final class BicepObject {
        private static final Pattern KEY = Pattern.compile("\\s*('(?:[^'\\\\]|\\\\.)*'|[A-Za-z_][\\w]*)[ \\t]*:");

        private final Map<String, String> properties;

        private BicepObject(Map<String, String> properties) {
            this.properties = properties;
        }

        static BicepObject parse(String inner) {
            Map<String, String> properties = new LinkedHashMap<>();
            int i = 0;
            while (i < inner.length()) {
                int lineEnd = endOfValue(inner, i);
                Matcher key = KEY.matcher(inner).region(i, lineEnd);
                if (key.lookingAt()) {
                    String name = key.group(1);
                    if (name.startsWith("'")) {
                        name = name.substring(1, name.length() - 1);
                    }
                    properties.put(name, inner.substring(key.end(), lineEnd).strip());
                }
                i = lineEnd + 1;
            }
            return new BicepObject(properties);
        }

        /** The end of the property starting at {@code from}: a newline or comma outside brackets and strings. */
        private static int endOfValue(String s, int from) {
            int depth = 0;
            for (int i = from; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\'') {
                    i = endOfString(s, i);
                } else if (c == '{' || c == '[' || c == '(') {
                    depth++;
                } else if (c == '}' || c == ']' || c == ')') {
                    depth--;
                } else if ((c == '\n' || c == ',') && depth == 0) {
                    return i;
                }
            }
            return s.length();
        }

        Map<String, String> properties() {
            return properties;
        }

        /** The raw value at a dotted path ({@code properties.sqlFilter.sqlExpression}), or null. */
        String get(String path) {
            BicepObject object = this;
            String[] keys = path.split("\\.");
            for (int k = 0; k < keys.length - 1; k++) {
                object = object.object(keys[k]);
                if (object == null) {
                    return null;
                }
            }
            return object.properties.get(keys[keys.length - 1]);
        }

        /** The object literal at this key, or null when the value is not an object literal. */
        BicepObject object(String key) {
            String value = properties.get(key);
            if (value == null || !value.startsWith("{")) {
                return null;
            }
            return parse(value.substring(1, matching(value, 0)));
        }
    }
}
