package dev.toolyard.resources.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;

/**
 * Reads a submitted configuration (a JSON object as maps and lists) field by field, collecting
 * every problem with its field's path, so one answer names all that is wrong (T-SEC4).
 */
public final class Submission {

    private final Map<String, Object> body;
    private final String path;
    private final List<FieldProblem> problems;

    public Submission(Map<String, Object> body) {
        this(body == null ? Map.of() : body, "", new ArrayList<>());
    }

    private Submission(Map<String, Object> body, String path, List<FieldProblem> problems) {
        this.body = body;
        this.path = path;
        this.problems = problems;
    }

    public String field(String name) {
        return path + name;
    }

    public boolean has(String name) {
        return body.containsKey(name);
    }

    public String text(String name, boolean required, int max) {
        Object value = body.get(name);
        if (value == null || value instanceof String text && text.isBlank()) {
            if (required) {
                problem(name, "field.required", "is required");
            }
            return null;
        }
        if (!(value instanceof String text)) {
            problem(name, "field.type_mismatch", "must be text");
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() > max) {
            problem(name, "field.too_long", "must be at most " + max + " characters");
            return null;
        }
        if (stripped.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problem(name, "field.control_characters", "must not contain line breaks or control characters");
            return null;
        }
        return stripped;
    }

    /** A whole number within bounds; a number in a string (from a form) is read too. */
    public int integer(String name, int min, int max, int fallback) {
        Object value = body.get(name);
        if (value == null || value instanceof String text && text.isBlank()) {
            return fallback;
        }
        long number;
        if (value instanceof Number given && given.doubleValue() == Math.rint(given.doubleValue())) {
            number = given.longValue();
        } else if (value instanceof String text && text.strip().matches("-?\\d{1,10}")) {
            number = Long.parseLong(text.strip());
        } else {
            problem(name, "field.type_mismatch", "must be a whole number");
            return fallback;
        }
        if (number < min || number > max) {
            problem(name, "field.out_of_range", "must be between " + min + " and " + max);
            return fallback;
        }
        return (int) number;
    }

    public String choice(String name, List<String> options, String fallback) {
        Object value = body.get(name);
        if (value == null || value instanceof String text && text.isBlank()) {
            return fallback;
        }
        if (!(value instanceof String text) || !options.contains(text.strip())) {
            problem(name, "field.invalid_option", "must be one of " + String.join(", ", options));
            return fallback;
        }
        return text.strip();
    }

    public boolean flag(String name) {
        Object value = body.get(name);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof String text && (text.equals("true") || text.equals("on"))) {
            return true;
        }
        if (value instanceof String text && (text.equals("false") || text.isEmpty())) {
            return false;
        }
        problem(name, "field.type_mismatch", "must be true or false");
        return false;
    }

    /** Left out: keep; JSON null: clear; text: set (an empty text is a value too, e.g. no password). */
    public SecretInput secret(String name) {
        if (!body.containsKey(name)) {
            return SecretInput.KEEP;
        }
        Object value = body.get(name);
        if (value == null) {
            return SecretInput.CLEAR;
        }
        if (!(value instanceof String text)) {
            problem(name, "field.type_mismatch", "must be text");
            return SecretInput.KEEP;
        }
        if (text.length() > 4096) {
            problem(name, "field.too_long", "must be at most 4096 characters");
            return SecretInput.KEEP;
        }
        return SecretInput.set(text);
    }

    /** A nested object; left out or null reads as an empty one. */
    @SuppressWarnings("unchecked")
    public Submission object(String name) {
        Object value = body.get(name);
        if (value == null) {
            return new Submission(Map.of(), field(name) + ".", problems);
        }
        if (!(value instanceof Map<?, ?> map)) {
            problem(name, "field.type_mismatch", "must be an object");
            return new Submission(Map.of(), field(name) + ".", problems);
        }
        return new Submission((Map<String, Object>) map, field(name) + ".", problems);
    }

    /** A list of objects; left out or null reads as an empty list. */
    @SuppressWarnings("unchecked")
    public List<Submission> objects(String name, int max) {
        Object value = body.get(name);
        var items = new ArrayList<Submission>();
        if (value == null) {
            return items;
        }
        if (!(value instanceof List<?> list)) {
            problem(name, "field.type_mismatch", "must be a list");
            return items;
        }
        if (list.size() > max) {
            problem(name, "field.too_many", "must have at most " + max + " entries");
            return items;
        }
        for (int i = 0; i < list.size(); i++) {
            String at = field(name) + "[" + i + "].";
            if (list.get(i) instanceof Map<?, ?> map) {
                items.add(new Submission((Map<String, Object>) map, at, problems));
            } else {
                problems.add(new FieldProblem(field(name) + "[" + i + "]", "field.type_mismatch", "must be an object"));
            }
        }
        return items;
    }

    /** Fields a kind does not know are refused, so a typo never silently does nothing. */
    public void rejectUnknown(Set<String> known) {
        body.keySet().stream().filter(name -> !known.contains(name)).sorted()
                .forEach(name -> problem(name, "field.unknown", "is not a setting of this kind of resource"));
    }

    public void problem(String name, String code, String message) {
        problems.add(new FieldProblem(field(name), code, message));
    }

    /** Throws every problem found so far at once. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException("configuration.invalid",
                    "The configuration has invalid fields: " + problems.stream()
                            .map(problem -> problem.field() + " " + problem.message()).toList() + ".",
                    problems);
        }
    }
}
