package dev.evolve.engine.target;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of a {@code target.yaml} with the path of its fields for messages
 * ({@code evaluator.timeout}): typed reads of text, numbers, sizes, durations and files in the
 * target's folder, each refusing a wrong value with a message naming the field.
 */
final class SpecFields {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private final Path file;
    private final String prefix;
    private final JsonNode node;

    SpecFields(Path file, String prefix, JsonNode node) {
        this.file = file;
        this.prefix = prefix;
        if (node == null || !node.isObject()) {
            throw new TargetSpecException(file + ": " + (prefix.isEmpty() ? "must be a mapping of fields "
                    + "(kind: ..., name: ..., ...)" : "field '" + prefix + "': must be a mapping of fields"));
        }
        this.node = node;
    }

    TargetSpecException error(String field, String message) {
        String path = field.isEmpty() ? prefix : prefix.isEmpty() ? field : prefix + "." + field;
        return new TargetSpecException(file + ": " + (path.isEmpty() ? "" : "field '" + path + "': ") + message);
    }

    boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    /** Refuses keys outside {@code a} and {@code b}, naming the first one found and the known ones. */
    void allow(Set<String> a, Set<String> b) {
        Set<String> known = new java.util.TreeSet<>(a);
        known.addAll(b);
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw error(key, "unknown field; known fields here: " + String.join(", ", known));
            }
        }
    }

    private JsonNode require(String key) {
        if (!has(key)) {
            throw error(key, "is required");
        }
        return node.get(key);
    }

    String text(String key, boolean nonBlank) {
        JsonNode v = require(key);
        if (!v.isValueNode() || v.isBinary()) {
            throw error(key, "must be a single value, was " + describe(v));
        }
        String s = v.asText();
        if (nonBlank && s.isBlank()) {
            throw error(key, "must not be empty");
        }
        return s.strip();
    }

    /** An expression in n; a bare number counts as one. */
    String expression(String key) {
        String s = text(key, true);
        try {
            dev.evolve.kernels.custom.SizeExpression.parse(s);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
        return s;
    }

    double number(String key) {
        JsonNode v = require(key);
        double d;
        if (v.isNumber()) {
            d = v.asDouble();
        } else if (v.isTextual()) {
            try {
                d = Double.parseDouble(v.asText().strip());     // YAML 1.1 reads 1e-12 as text
            } catch (NumberFormatException e) {
                throw error(key, "must be a number, was '" + v.asText() + "'");
            }
        } else {
            throw error(key, "must be a number, was " + describe(v));
        }
        if (!Double.isFinite(d)) {
            throw error(key, "must be a finite number, was " + v.asText());
        }
        return d;
    }

    int integer(String key) {
        JsonNode v = require(key);
        return integerOf(key, v);
    }

    private int integerOf(String key, JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.asInt();
        }
        if (v.isTextual() && v.asText().strip().matches("\\d{1,9}")) {
            return Integer.parseInt(v.asText().strip());
        }
        throw error(key, "must be a whole number, was " + describe(v));
    }

    List<Integer> ints(String key) {
        JsonNode v = require(key);
        if (!v.isArray()) {
            throw error(key, "must be a list of whole numbers, e.g. [1, 2, 3, 17, 100], was " + describe(v));
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(integerOf(key + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    List<String> texts(String key) {
        JsonNode v = require(key);
        if (!v.isArray()) {
            throw error(key, "must be a list, e.g. [a, b], was " + describe(v));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isValueNode() || e.isNull()) {
                throw error(key + "[" + i + "]", "must be a single value, was " + describe(e));
            }
            out.add(e.asText());
        }
        return out;
    }

    SpecFields object(String key, boolean required) {
        JsonNode v = required ? require(key) : node.get(key);
        return new SpecFields(file, prefix.isEmpty() ? key : prefix + "." + key, v);
    }

    List<SpecFields> list(String key, boolean required) {
        JsonNode v = required ? require(key) : node.get(key);
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw error(key, "must be a non-empty list, was " + describe(v));
        }
        List<SpecFields> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String path = (prefix.isEmpty() ? key : prefix + "." + key) + "[" + i + "]";
            out.add(new SpecFields(file, path, v.get(i)));
        }
        return out;
    }

    Duration duration(String key) {
        String s = text(key, true);
        Matcher m = DURATION.matcher(s.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw error(key, "'" + s + "' is not a duration (examples: 500ms, 30s, 2m)");
        }
        double v = Double.parseDouble(m.group(1));
        double ms = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> v;
            case "s" -> v * 1e3;
            case "m" -> v * 60e3;
            default -> v * 3600e3;
        };
        Duration d = Duration.ofMillis((long) ms);
        if (d.toMillis() < 1 || d.compareTo(TargetSpecs.MAX_TIMEOUT) > 0) {
            throw error(key, "'" + s + "' must be between 1 ms and 1 h");
        }
        return d;
    }

    /** A file named by {@code key}, inside {@code folder}. */
    Path file(Path folder, String key) {
        return fileAt(folder, key, -1, text(key, true));
    }

    Path fileAt(Path folder, String key, int index, String relative) {
        String field = index < 0 ? key : key + "[" + index + "]";
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (java.nio.file.InvalidPathException e) {
            throw error(field, "'" + relative + "' is not a path");
        }
        Path base = folder.toAbsolutePath().normalize();
        Path resolved = base.resolve(rel).normalize();
        if (rel.isAbsolute() || !resolved.startsWith(base) || resolved.equals(base)) {
            throw error(field, "must name a file inside the folder " + folder + ", was '" + relative + "'");
        }
        if (!Files.exists(resolved)) {
            throw error(field, "no such file '" + relative + "' in " + folder);
        }
        if (index < 0 && !Files.isRegularFile(resolved)) {
            throw error(field, "'" + relative + "' is not a regular file");
        }
        return folder.resolve(rel).normalize();
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        return "'" + v.asText() + "'";
    }
}
