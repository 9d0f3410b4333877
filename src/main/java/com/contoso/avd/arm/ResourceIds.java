package com.contoso.avd.arm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Matching ARM resource ids against a template (keywords case-insensitive, as ARM treats them) and encoding paths. */
final class ResourceIds {
    static final String PROVIDER = "Microsoft.DesktopVirtualization";

    private ResourceIds() {
    }

    /**
     * Splits {@code id} into segments and matches them against {@code template}, where a {@code null} entry is a
     * name slot and any other entry a keyword. Returns the names in order.
     */
    static List<String> match(String id, String what, String... template) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("is empty; expected a " + what + " resource id");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '?' || c == '#' || c == '%' || c == '\\' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("must not contain '" + printable(c) + "'; expected a " + what
                        + " resource id");
            }
        }
        if (!id.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/subscriptions/'; expected a " + what + " resource id");
        }
        String[] segments = id.substring(1).split("/", -1);
        if (segments.length != template.length) {
            throw new IllegalArgumentException("is not a " + what + " resource id (" + shape(template) + ")");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < template.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("has an empty segment; expected " + shape(template));
            }
            if (template[i] == null) {
                names.add(segment);
            } else if (!template[i].equalsIgnoreCase(segment)) {
                throw new IllegalArgumentException("is not a " + what + " resource id: expected '" + template[i]
                        + "' where it has '" + segment + "' (" + shape(template) + ")");
            }
        }
        return names;
    }

    /** Removes a trailing {@code /suffix} (case-insensitive) if present. */
    static String stripSuffix(String id, String suffix) {
        String tail = "/" + suffix;
        if (id != null && id.length() > tail.length()
                && id.regionMatches(true, id.length() - tail.length(), tail, 0, tail.length())) {
            return id.substring(0, id.length() - tail.length());
        }
        return id;
    }

    /** Percent-encodes one path segment (RFC 3986 unreserved characters pass through). */
    static String encode(String segment) {
        StringBuilder out = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String shape(String[] template) {
        StringBuilder out = new StringBuilder();
        for (String part : template) {
            out.append('/').append(part == null ? "{name}" : part);
        }
        return out.toString();
    }

    private static String printable(char c) {
        return Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
