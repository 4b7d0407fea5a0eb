package dev.toolyard.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * What a module declares (T-M1): its inputs (typed, with defaults), its outputs (expressions over
 * the module's scope) and its events. An embedding component binds the inputs, reads the outputs
 * as its own and handles the events as its own.
 */
public record ModuleDeclaration(List<Input> inputs, List<Output> outputs, List<Event> events) {

    /** The types an input may declare. */
    public static final List<String> INPUT_TYPES = List.of("string", "number", "boolean", "object", "array", "any");

    public ModuleDeclaration {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        events = List.copyOf(events);
    }

    /** {@code defaultValue} (JSON {@code default}) is JSON null when the input has no default. */
    public record Input(String name, String type, @JsonProperty("default") JsonNode defaultValue) {
    }

    /** {@code value} is a {@code {{ }}} expression over the module's scope, or a literal. */
    public record Output(String name, JsonNode value) {
    }

    public record Event(String name) {
    }

    boolean declaresEvent(String name) {
        return events.stream().anyMatch(event -> event.name().equals(name));
    }

    Optional<Input> input(String name) {
        return inputs.stream().filter(input -> input.name().equals(name)).findFirst();
    }

    /** Whether a literal (not an expression, not null) fits an input's declared type. */
    static boolean fits(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isString();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> true;
        };
    }

    /** The declaration of a canonical module document (its {@code module} part). */
    static ModuleDeclaration of(JsonNode document) {
        var module = document.path("module");
        var inputs = new ArrayList<Input>();
        module.path("inputs").forEach(input -> inputs.add(new Input(input.path("name").asString(""),
                input.path("type").asString("any"), input.has("default") ? input.get("default") : NullNode.getInstance())));
        var outputs = new ArrayList<Output>();
        module.path("outputs").forEach(output -> outputs.add(new Output(output.path("name").asString(""),
                output.has("value") ? output.get("value") : NullNode.getInstance())));
        var events = new ArrayList<Event>();
        module.path("events").forEach(event -> events.add(new Event(event.path("name").asString(""))));
        return new ModuleDeclaration(inputs, outputs, events);
    }
}
