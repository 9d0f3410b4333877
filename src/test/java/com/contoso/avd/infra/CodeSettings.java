package com.contoso.avd.infra;

import com.contoso.avd.app.AppSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The app settings the code reads, found in the code rather than kept as a list: the {@link AppSettings} name
 * constants, the {@code %NAME%} binding expressions, and (so that a setting added anywhere later is caught) any
 * setting-like constant or literal passed to a settings reader ({@code settings.get(X)}, {@code System.getenv(X)}).
 */
final class CodeSettings {
    static final Path MAIN_JAVA = Path.of("src/main/java");
    /** What a setting name looks like: {@code ARM_ENDPOINT}, {@code ServiceBusConnection__clientId}. */
    static final Pattern SETTING_NAME = Pattern.compile("[A-Z][A-Z0-9_]+|\\w+__\\w+");

    private static final Pattern BINDING_EXPRESSION = Pattern.compile("%(\\w+)%");
    private static final Pattern STRING_CONSTANT = Pattern.compile(
            "static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*\"([^\"]*)\"\\s*;");

    private CodeSettings() {
    }

    /** Every setting name found by the three sources below. */
    static Set<String> readByCode() {
        String sources = mainSources();
        Set<String> names = new TreeSet<>(appSettingsConstants());
        names.addAll(bindingExpressions(sources));
        names.addAll(passedToSettingReaders(sources, settingReaders()));
        return names;
    }

    /** The values of {@code AppSettings}' public String constants that are setting names (not default values). */
    static Set<String> appSettingsConstants() {
        Set<String> names = new TreeSet<>();
        for (Field field : AppSettings.class.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
                String value = constant(field);
                if (SETTING_NAME.matcher(value).matches()) {
                    names.add(value);
                }
            }
        }
        return names;
    }

    /** {@code %NAME%} in binding annotations ({@code queueName = "%DISCONNECT_REQUESTS_QUEUE%"}). */
    static Set<String> bindingExpressions(String sources) {
        Set<String> names = new TreeSet<>();
        Matcher m = BINDING_EXPRESSION.matcher(sources);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Setting-like constants ({@code static final String X = "CLEANUP_DRY_RUN"}) and literals passed as the first
     * argument of a settings reader: {@code settings.bool(X, true)}, {@code settings.get("IDENTITY_ENDPOINT")}.
     */
    static Set<String> passedToSettingReaders(String sources, Set<String> readers) {
        Map<String, Set<String>> constants = new HashMap<>();
        Matcher c = STRING_CONSTANT.matcher(sources);
        while (c.find()) {
            constants.computeIfAbsent(c.group(1), k -> new HashSet<>()).add(c.group(2));
        }
        String methods = String.join("|", readers);
        Pattern call = Pattern.compile("\\b(?:" + methods + ")\\(\\s*(?:(?:\\w+\\.)*(\\w+)|\"([^\"]*)\")\\s*[,)]");
        Set<String> names = new TreeSet<>();
        Matcher m = call.matcher(sources);
        while (m.find()) {
            Set<String> values = m.group(2) != null ? Set.of(m.group(2)) : constants.getOrDefault(m.group(1), Set.of());
            values.stream().filter(v -> SETTING_NAME.matcher(v).matches()).forEach(names::add);
        }
        return names;
    }

    /** {@code AppSettings}' methods that take a setting name first, and {@code System.getenv}. */
    static Set<String> settingReaders() {
        Set<String> readers = new TreeSet<>(Set.of("getenv"));
        for (Method method : AppSettings.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && method.getParameterCount() > 0 && method.getParameterTypes()[0] == String.class) {
                readers.add(method.getName());
            }
        }
        return readers;
    }

    static String mainSources() {
        try (Stream<Path> files = Files.walk(MAIN_JAVA)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().map(CodeSettings::read)
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's text; unreadable is a test failure, not a checked exception. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String constant(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
