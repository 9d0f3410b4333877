package com.contoso.avd.request;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads JSON strictly (RFC 8259, no comments or single quotes) into a Gson tree, refusing keys that repeat when
 * compared case-insensitively (PowerShell users send {@code HostPoolName}; two spellings of one key are ambiguous),
 * nesting deeper than a bound and trailing data. Requests and the cleanup policy are read with it.
 */
public final class StrictJson {
    static final int MAX_DEPTH = 8;

    /** A JSON document that could not be read; {@code path} is where, such as {@code inputObject.id}. */
    public static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        public final String path;

        Problem(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }
    }

    private StrictJson() {
    }

    public static JsonElement read(String json) throws Problem {
        JsonReader reader = new JsonReader(new StringReader(json));
        reader.setStrictness(Strictness.STRICT);
        try {
            JsonElement value = value(reader, 0);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new Problem("body", "has data after the JSON value");
            }
            return value;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new Problem("body", "is not valid JSON (" + e.getMessage() + ")");
        }
    }

    private static JsonElement value(JsonReader reader, int depth) throws IOException, Problem {
        switch (reader.peek()) {
            case STRING:
                return new JsonPrimitive(reader.nextString());
            case NUMBER:
                return new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(reader.nextBoolean());
            case NULL:
                reader.nextNull();
                return JsonNull.INSTANCE;
            case BEGIN_ARRAY:
                checkDepth(reader, depth);
                JsonArray array = new JsonArray();
                reader.beginArray();
                while (reader.hasNext()) {
                    array.add(value(reader, depth + 1));
                }
                reader.endArray();
                return array;
            case BEGIN_OBJECT:
                checkDepth(reader, depth);
                JsonObject object = new JsonObject();
                Set<String> seen = new HashSet<>();
                reader.beginObject();
                while (reader.hasNext()) {
                    String name = reader.nextName();
                    if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                        throw new Problem(field(reader.getPath()), "appears more than once (keys are case-insensitive)");
                    }
                    object.add(name, value(reader, depth + 1));
                }
                reader.endObject();
                return object;
            default:
                throw new Problem("body", "is not valid JSON (unexpected " + reader.peek() + ")");
        }
    }

    private static void checkDepth(JsonReader reader, int depth) throws Problem {
        if (depth >= MAX_DEPTH) {
            throw new Problem(field(reader.getPath()), "is nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    /** The member named {@code key} in any case, or {@code null} when absent or JSON null. */
    public static JsonElement member(JsonObject object, String key) {
        for (java.util.Map.Entry<String, JsonElement> member : object.entrySet()) {
            if (member.getKey().equalsIgnoreCase(key)) {
                return member.getValue().isJsonNull() ? null : member.getValue();
            }
        }
        return null;
    }

    /** Gson's {@code $.inputObject.id} / {@code $[3].id} as a field name: {@code inputObject.id} / {@code [3].id}. */
    static String field(String gsonPath) {
        String path = gsonPath.startsWith("$.") ? gsonPath.substring(2)
                : gsonPath.startsWith("$") ? gsonPath.substring(1) : gsonPath;
        return path.isEmpty() ? "body" : path;
    }
}
