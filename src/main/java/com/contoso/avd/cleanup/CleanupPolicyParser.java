package com.contoso.avd.cleanup;

import com.contoso.avd.arm.AllowedScopes;
import com.contoso.avd.arm.HostPoolId;
import com.contoso.avd.request.StrictJson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Reads {@code CLEANUP_POLICY}: an array of rules, or {@code {"rules": [...]}} (either way the i-th rule is named
 * {@code rules[i]} in errors); no rules at all is valid and turns the cleanup off. Keys are case-insensitive as in
 * requests; unknown keys, wrong types, values out of range and host pools outside the allowed scopes are refused with
 * the field named.
 */
final class CleanupPolicyParser {
    static final int MAX_RULES = 50;
    static final int DEFAULT_MAX_PER_RUN = 100;
    static final int MAX_PER_RUN_LIMIT = 10_000;
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");
    /** ARM's documented values in their spelling, used in {@code $filter}; others pass as written. */
    private static final List<String> KNOWN_STATES =
            List.of("Unknown", "Active", "Disconnected", "Pending", "LogOff", "UserProfileDiskMounted");
    private static final List<String> KNOWN_APPLICATION_TYPES = List.of("Desktop", "RemoteApp");
    private static final List<String> RULE_KEYS = List.of("name", "hostPools", "sessionStates", "minSessionAgeMinutes",
            "applicationTypes", "includeUsers", "excludeUsers", "onlyDrainedHosts", "warnMinutes", "messageTitle",
            "messageBody", "maxPerRun");

    private final AllowedScopes scopes;

    CleanupPolicyParser(AllowedScopes scopes) {
        this.scopes = scopes;
    }

    CleanupPolicy parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidPolicyException("policy", "is not set");
        }
        JsonElement root;
        try {
            root = StrictJson.read(json);
        } catch (StrictJson.Problem p) {
            throw new InvalidPolicyException(p.path.equals("body") ? "policy" : p.path, p.getMessage());
        }
        JsonArray rules;
        if (root.isJsonArray()) {
            rules = root.getAsJsonArray();
        } else if (root.isJsonObject()) {
            Node policy = new Node(root.getAsJsonObject(), "");
            policy.refuseUnknown(List.of("rules"));
            rules = policy.array("rules", 0, Integer.MAX_VALUE, true);
        } else {
            throw new InvalidPolicyException("policy", "must be an array of rules, or an object {\"rules\": [...]}");
        }
        if (rules.size() > MAX_RULES) {
            throw new InvalidPolicyException("rules", "must hold at most " + MAX_RULES + " rules (got " + rules.size()
                    + ")");
        }
        List<CleanupRule> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            String path = "rules[" + i + "]";
            if (!rules.get(i).isJsonObject()) {
                throw new InvalidPolicyException(path, "must be an object");
            }
            CleanupRule rule = rule(new Node(rules.get(i).getAsJsonObject(), path));
            if (!names.add(rule.name().toLowerCase(Locale.ROOT))) {
                throw new InvalidPolicyException(path + ".name", "'" + rule.name() + "' is used by an earlier rule; "
                        + "names must be unique (request ids are derived from them)");
            }
            parsed.add(rule);
        }
        return new CleanupPolicy(List.copyOf(parsed));
    }

    private CleanupRule rule(Node rule) {
        rule.refuseUnknown(RULE_KEYS);
        String name = rule.string("name", true, 64);
        if (!RULE_NAME.matcher(name).matches()) {
            throw rule.invalid("name", "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        List<HostPoolId> hostPools = hostPools(rule);
        List<String> states = rule.has("sessionStates")
                ? rule.words("sessionStates", KNOWN_STATES) : List.of("Active");
        Integer minAge = rule.integer("minSessionAgeMinutes", 1, 525_600);
        List<String> applicationTypes = rule.has("applicationTypes")
                ? rule.words("applicationTypes", KNOWN_APPLICATION_TYPES) : List.of();
        List<UpnPattern> include = rule.has("includeUsers") ? rule.patterns("includeUsers") : List.of();
        List<UpnPattern> exclude = rule.has("excludeUsers") ? rule.patterns("excludeUsers") : List.of();
        Boolean onlyDrained = rule.bool("onlyDrainedHosts");
        Integer maxPerRun = rule.integer("maxPerRun", 1, MAX_PER_RUN_LIMIT);
        return new CleanupRule(name, hostPools, states, minAge == null ? null : Duration.ofMinutes(minAge),
                applicationTypes, include, exclude, onlyDrained != null && onlyDrained, warning(rule),
                maxPerRun == null ? DEFAULT_MAX_PER_RUN : maxPerRun);
    }

    private List<HostPoolId> hostPools(Node rule) {
        JsonArray ids = rule.array("hostPools", 1, 100, true);
        List<HostPoolId> pools = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String field = rule.field("hostPools") + "[" + i + "]";
            String id = Node.string(ids.get(i), field, 512);
            HostPoolId pool;
            try {
                pool = HostPoolId.parse(id);
            } catch (IllegalArgumentException e) {
                throw new InvalidPolicyException(field, e.getMessage());
            }
            if (!scopes.allows(pool)) {
                throw new InvalidPolicyException(field, scopes.isEmpty()
                        ? "AVD_ALLOWED_SCOPES is not set, so no host pool is allowed"
                        : pool + " is outside AVD_ALLOWED_SCOPES (" + scopes + ")");
            }
            if (!seen.add(pool.key())) {
                throw new InvalidPolicyException(field, "repeats " + pool);
            }
            pools.add(pool);
        }
        return List.copyOf(pools);
    }

    private static CleanupRule.Warning warning(Node rule) {
        Integer minutes = rule.integer("warnMinutes", 1, 1440);
        if (minutes == null) {
            for (String key : List.of("messageTitle", "messageBody")) {
                if (rule.has(key)) {
                    throw rule.invalid(key, "is only used with warnMinutes");
                }
            }
            return null;
        }
        String title = rule.string("messageTitle", true, 256);
        String body = rule.string("messageBody", true, 4096);
        if (title.chars().anyMatch(Character::isISOControl)) {
            throw rule.invalid("messageTitle", "must not contain control characters");
        }
        if (body.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw rule.invalid("messageBody", "must not contain control characters other than line breaks and tabs");
        }
        return new CleanupRule.Warning(Duration.ofMinutes(minutes), title, body);
    }

    /** One JSON object of the policy, read case-insensitively, with errors that name the field. */
    private static final class Node {
        private final JsonObject object;
        private final String path;

        Node(JsonObject object, String path) {
            this.object = object;
            this.path = path;
        }

        String field(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        InvalidPolicyException invalid(String key, String problem) {
            return new InvalidPolicyException(field(key), problem);
        }

        /** The member, or {@code null} when absent or JSON null. */
        JsonElement get(String key) {
            return StrictJson.member(object, key);
        }

        boolean has(String key) {
            return get(key) != null;
        }

        void refuseUnknown(List<String> known) {
            for (String key : object.keySet()) {
                if (known.stream().noneMatch(key::equalsIgnoreCase)) {
                    throw new InvalidPolicyException(field(key), "is not a known property (known: "
                            + String.join(", ", known) + ")");
                }
            }
        }

        String string(String key, boolean required, int maxLength) {
            JsonElement value = get(key);
            if (value == null) {
                if (required) {
                    throw invalid(key, "is required");
                }
                return null;
            }
            return string(value, field(key), maxLength);
        }

        static String string(JsonElement value, String field, int maxLength) {
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw new InvalidPolicyException(field, "must be a string");
            }
            String s = value.getAsString();
            if (s.isBlank() || s.length() > maxLength) {
                throw new InvalidPolicyException(field, "must be 1-" + maxLength + " characters, not blank");
            }
            return s;
        }

        JsonArray array(String key, int min, int max, boolean required) {
            JsonElement value = get(key);
            if (value == null) {
                if (required) {
                    throw invalid(key, "is required");
                }
                return null;
            }
            if (!value.isJsonArray()) {
                throw invalid(key, "must be an array");
            }
            JsonArray array = value.getAsJsonArray();
            if (array.size() < min || array.size() > max) {
                throw invalid(key, "must hold " + min + " to " + max + " entries (got " + array.size() + ")"
                        + (array.isEmpty() && !required ? "; leave it out for the default" : ""));
            }
            return array;
        }

        /** Words such as session states; known values take their documented spelling. */
        List<String> words(String key, List<String> known) {
            return each(key, 20, (value, field) -> {
                String word = string(value, field, 64);
                if (!WORD.matcher(word).matches()) {
                    throw new InvalidPolicyException(field, "must be a single word such as " + known.get(0));
                }
                return known.stream().filter(word::equalsIgnoreCase).findFirst().orElse(word);
            });
        }

        List<UpnPattern> patterns(String key) {
            return each(key, 100, (value, field) -> {
                String glob = string(value, field, 256);
                if (glob.chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
                    throw new InvalidPolicyException(field, "must not contain spaces or control characters");
                }
                return UpnPattern.of(glob);
            });
        }

        private <T> List<T> each(String key, int max, BiFunction<JsonElement, String, T> reader) {
            JsonArray array = array(key, 1, max, false);
            List<T> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                out.add(reader.apply(array.get(i), field(key) + "[" + i + "]"));
            }
            return List.copyOf(out);
        }

        Integer integer(String key, int min, int max) {
            JsonElement value = get(key);
            if (value == null) {
                return null;
            }
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
                throw invalid(key, "must be a whole number");
            }
            BigDecimal number = new BigDecimal(value.getAsString());
            if (number.stripTrailingZeros().scale() > 0 || number.compareTo(BigDecimal.valueOf(min)) < 0
                    || number.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw invalid(key, "must be a whole number from " + min + " to " + max + " (got " + value + ")");
            }
            return number.intValueExact();
        }

        Boolean bool(String key) {
            JsonElement value = get(key);
            if (value == null) {
                return null;
            }
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
                throw invalid(key, "must be true or false");
            }
            return value.getAsBoolean();
        }
    }
}
