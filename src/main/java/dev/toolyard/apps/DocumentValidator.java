package dev.toolyard.apps;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.SpaceId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks an app document against docs/app-document.md and the component catalog, and returns it
 * canonical: keys in the documented order (free maps such as properties sorted by key), optional
 * parts filled in, so the same document is always the same bytes. Every problem is reported at
 * once, by JSON pointer, in one {@code app.document_invalid}.
 */
@Component
class DocumentValidator {

    static final int SCHEMA_VERSION = 1;
    private static final int MAX_PROBLEMS = 100;
    private static final int MAX_TEXT = 65_536;
    private static final int MAX_DEPTH = 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Set<String> RESERVED = Set.of("current_user", "url", "page", "theme", "event",
            // JavaScript keywords and literals
            "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
            "enum", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in",
            "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public", "return",
            "static", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with",
            "yield", "await", "async", "of", "undefined", "arguments",
            // globals an expression may use
            "Math", "JSON", "Date", "Object", "Array", "String", "Number", "Boolean", "RegExp", "Promise", "Map", "Set",
            "WeakMap", "WeakSet", "Symbol", "BigInt", "Error", "TypeError", "RangeError", "Intl", "Reflect", "Proxy",
            "NaN", "Infinity", "parseInt", "parseFloat", "isNaN", "isFinite", "encodeURIComponent",
            "decodeURIComponent", "encodeURI", "decodeURI", "console", "window", "globalThis", "self", "document",
            "eval", "Function", "setTimeout", "setInterval", "fetch", "structuredClone");
    private static final List<String> ROOT_KEYS = List.of("schemaVersion", "pages", "queries", "transformers", "state",
            "settings", "module");
    /** The component type that embeds a module (T-M1), checked against the module's declaration. */
    static final String MODULE_TYPE = "module";
    private static final Map<String, List<String>> ACTION_KEYS = Map.of(
            "runQuery", List.of("query"),
            "setState", List.of("name", "value"),
            "setComponent", List.of("id", "property", "value"),
            "openPage", List.of("page"),
            "openUrl", List.of("url", "newTab"),
            "notify", List.of("message", "kind"),
            "openModal", List.of("id"),
            "closeModal", List.of("id"),
            "moduleEvent", List.of("event"));
    private static final Set<String> OPTIONAL_ACTION_KEYS = Set.of("openUrl.newTab", "notify.kind", "setState.value",
            "setComponent.value");
    private static final List<String> NOTIFY_KINDS = List.of("info", "success", "warning", "error");

    private final ComponentCatalog catalog;
    private final ModuleReferences modules;

    DocumentValidator(ComponentCatalog catalog, ModuleReferences modules) {
        this.catalog = catalog;
        this.modules = modules;
    }

    /**
     * The app whose document is checked: its kind decides whether the document declares a module
     * part; {@code queryNames} are its queries and library imports (the queries module's);
     * {@code knownTheme} says whether a theme id may be named in {@code settings.theme}.
     */
    record Subject(SpaceId space, AppId app, AppKind kind, Set<String> queryNames, Predicate<String> knownTheme) {
    }

    /** The canonical form of {@code document}, or an {@code app.document_invalid} listing its problems. */
    ObjectNode validate(JsonNode document, Subject subject) {
        var check = new Check(subject);
        var canonical = check.root(document);
        if (!check.problems.isEmpty()) {
            var shown = check.problems.size() > MAX_PROBLEMS ? check.problems.subList(0, MAX_PROBLEMS) : check.problems;
            throw new InvalidInputException("app.document_invalid", "The app document has " + check.problems.size()
                    + " problem" + (check.problems.size() == 1 ? "" : "s") + "; the first: "
                    + check.problems.get(0).field() + " " + check.problems.get(0).message() + ".", shown);
        }
        return canonical;
    }

    /** One validation: its problems, the names it met and the expression graph it builds. */
    private final class Check {

        private final JsonNodeFactory nodes = JsonNodeFactory.instance;
        private final List<FieldProblem> problems = new ArrayList<>();
        private final Subject subject;
        private final Set<String> queryNames;
        private final Predicate<String> knownTheme;
        private final Map<String, String> names = new HashMap<>();
        /** The events a module declares; an app declares none. */
        private final Set<String> moduleEvents = new HashSet<>();
        private final Map<String, ComponentCatalog.Type> components = new HashMap<>();
        private final Set<String> pages = new HashSet<>();
        private final Set<String> stateNames = new HashSet<>();
        /** Expression graph: a component, transformer or state name → where it is and what it reads. */
        private final Map<String, Node> graph = new LinkedHashMap<>();
        /** Actions are checked after the whole document, since they may name what comes later. */
        private final List<Runnable> references = new ArrayList<>();

        private record Node(String pointer, boolean component, Set<String> reads) {
        }

        Check(Subject subject) {
            this.subject = subject;
            this.queryNames = subject.queryNames();
            this.knownTheme = subject.knownTheme();
        }

        ObjectNode root(JsonNode document) {
            var out = nodes.objectNode();
            if (document == null || !document.isObject()) {
                problem("", "document.type", "must be a JSON object");
                return out;
            }
            unknownKeys("", document, ROOT_KEYS);
            var version = document.get("schemaVersion");
            if (version == null || !version.isIntegralNumber() || version.asLong() != SCHEMA_VERSION) {
                problem("/schemaVersion", "document.schema_version",
                        "must be " + SCHEMA_VERSION + ", the only schema version there is");
            }
            out.put("schemaVersion", SCHEMA_VERSION);
            out.set("pages", pagesOf(document.get("pages")));
            out.set("queries", list(document.get("queries"), "/queries", false, this::query));
            out.set("transformers", list(document.get("transformers"), "/transformers", false, this::transformer));
            out.set("state", list(document.get("state"), "/state", false, this::state));
            out.set("settings", settings(document.get("settings")));
            if (subject.kind() == AppKind.MODULE) {
                out.set("module", moduleDeclaration(document.get("module")));
            } else if (document.has("module")) {
                problem("/module", "document.unknown_property", "only a module's document declares inputs, outputs "
                        + "and events");
            }
            references.forEach(Runnable::run);
            cycles();
            return out;
        }

        private ArrayNode pagesOf(JsonNode pages) {
            if (pages == null || !pages.isArray() || pages.isEmpty()) {
                problem("/pages", "document.required", "must be an array of at least one page");
                return nodes.arrayNode();
            }
            return list(pages, "/pages", true, this::page);
        }

        private interface Item {
            JsonNode check(JsonNode item, String pointer);
        }

        private ArrayNode list(JsonNode value, String pointer, boolean required, Item item) {
            var out = nodes.arrayNode();
            if (value == null || value.isNull()) {
                if (required) {
                    problem(pointer, "document.required", "is required");
                }
                return out;
            }
            if (!value.isArray()) {
                problem(pointer, "document.type", "must be an array");
                return out;
            }
            for (int i = 0; i < value.size(); i++) {
                var element = value.get(i);
                String at = pointer + "/" + i;
                if (!element.isObject()) {
                    problem(at, "document.type", "must be an object");
                    continue;
                }
                out.add(item.check(element, at));
            }
            return out;
        }

        private JsonNode page(JsonNode page, String pointer) {
            unknownKeys(pointer, page, List.of("id", "title", "components"));
            var out = nodes.objectNode();
            String id = name(page, pointer, "id");
            pages.add(id);
            out.put("id", id);
            out.put("title", text(page.get("title"), pointer + "/title", false));
            out.set("components", list(page.get("components"), pointer + "/components", false,
                    (component, at) -> component(component, at, null, 1)));
            return out;
        }

        private JsonNode component(JsonNode component, String pointer, ComponentCatalog.Type parent, int depth) {
            var out = nodes.objectNode();
            unknownKeys(pointer, component, List.of("id", "type", "slot", "layout", "properties", "events", "children"));
            String id = name(component, pointer, "id");
            out.put("id", id);
            var typeNode = component.get("type");
            ComponentCatalog.Type type = null;
            if (typeNode == null || !typeNode.isString()) {
                problem(pointer + "/type", "document.required", "must name a component type");
            } else {
                type = catalog.type(typeNode.asString()).orElse(null);
                if (type == null) {
                    problem(pointer + "/type", "document.unknown_type", "'" + typeNode.asString()
                            + "' is not a component type (" + String.join(", ", new TreeSet<>(catalog.typeNames())) + ")");
                }
            }
            out.put("type", typeNode == null || !typeNode.isString() ? "" : typeNode.asString());
            if (type != null && id != null) {
                components.put(id, type);
            }
            slot(component, pointer, parent, out);
            out.set("layout", layout(component.get("layout"), pointer + "/layout"));
            var reads = new LinkedHashSet<String>();
            out.set("properties", properties(component.get("properties"), pointer + "/properties", type, reads));
            if (id != null) {
                graph.put(id, new Node(pointer, true, reads));
            }
            var finalType = type;
            out.set("events", list(component.get("events"), pointer + "/events", false,
                    (event, at) -> event(event, at, finalType)));
            if (type != null && MODULE_TYPE.equals(type.name())) {
                references.add(() -> embedding(out, pointer));
            }
            var children = component.get("children");
            if (children != null && !children.isNull() && children.isArray() && !children.isEmpty() && type != null
                    && !type.container()) {
                problem(pointer + "/children", "document.not_container",
                        "'" + type.name() + "' holds no children; use a container, form, tabs or modal");
            }
            if (depth >= MAX_DEPTH && children != null && children.isArray() && !children.isEmpty()) {
                problem(pointer + "/children", "document.too_deep", "components nest at most " + MAX_DEPTH + " deep");
                out.set("children", nodes.arrayNode());
            } else {
                out.set("children", list(children, pointer + "/children", false,
                        (child, at) -> component(child, at, finalType, depth + 1)));
            }
            if (type != null && "tabs".equals(type.name())) {
                tabSlots(out, pointer);
            }
            return out;
        }

        private void slot(JsonNode component, String pointer, ComponentCatalog.Type parent, ObjectNode out) {
            var slot = component.get("slot");
            boolean inTabs = parent != null && "tabs".equals(parent.name());
            if (slot == null || slot.isNull()) {
                if (inTabs) {
                    problem(pointer + "/slot", "document.required", "must name the tab the component is on");
                }
                return;
            }
            if (!inTabs) {
                problem(pointer + "/slot", "document.unknown_property", "is only for children of tabs");
                return;
            }
            if (!slot.isString()) {
                problem(pointer + "/slot", "document.type", "must be a tab name");
                return;
            }
            out.put("slot", slot.asString());
        }

        /** Children's slots must name the tabs' literal tab names; expressions are the runtime's. */
        private void tabSlots(ObjectNode tabs, String pointer) {
            var declared = tabs.path("properties").get("tabs");
            if (declared == null || !declared.isArray()) {
                return;
            }
            var names = new HashSet<String>();
            declared.forEach(tab -> names.add(tab.asString()));
            var children = tabs.path("children");
            for (int i = 0; i < children.size(); i++) {
                var slot = children.get(i).get("slot");
                if (slot != null && slot.isString() && !names.contains(slot.asString())) {
                    problem(pointer + "/children/" + i + "/slot", "document.unknown_tab",
                            "'" + slot.asString() + "' is not one of the tabs " + names);
                }
            }
        }

        private ObjectNode layout(JsonNode layout, String pointer) {
            var out = nodes.objectNode();
            if (layout == null || !layout.isObject()) {
                problem(pointer, "document.required", "must be an object {x, y, w, h}");
                return out;
            }
            unknownKeys(pointer, layout, List.of("x", "y", "w", "h"));
            int x = integer(layout, pointer, "x", 0, 11);
            int y = integer(layout, pointer, "y", 0, 100_000);
            int w = integer(layout, pointer, "w", 1, 12);
            int h = integer(layout, pointer, "h", 1, 200);
            if (x + w > 12 && x >= 0 && w >= 1) {
                problem(pointer + "/w", "document.layout", "x + w must be at most 12 (the grid's columns)");
            }
            out.put("x", x);
            out.put("y", y);
            out.put("w", w);
            out.put("h", h);
            return out;
        }

        private int integer(JsonNode parent, String pointer, String key, int min, int max) {
            var value = parent.get(key);
            if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min
                    || value.asInt() > max) {
                problem(pointer + "/" + key, "document.layout", "must be a whole number from " + min + " to " + max);
                return min;
            }
            return value.asInt();
        }

        private ObjectNode properties(JsonNode properties, String pointer, ComponentCatalog.Type type,
                Set<String> reads) {
            var out = nodes.objectNode();
            if (properties == null || properties.isNull()) {
                return out;
            }
            if (!properties.isObject()) {
                problem(pointer, "document.type", "must be an object");
                return out;
            }
            for (var entry : new TreeMap<>(asMap(properties)).entrySet()) {
                String at = pointer + "/" + escape(entry.getKey());
                var value = entry.getValue();
                if (type != null) {
                    var property = type.properties().get(entry.getKey());
                    if (property == null) {
                        problem(at, "document.unknown_property", "'" + type.name() + "' has no property '"
                                + entry.getKey() + "'");
                    } else {
                        literal(value, at, property);
                    }
                }
                expressions(value, at, reads, 0);
                out.set(entry.getKey(), canonicalValue(value));
            }
            return out;
        }

        /** A literal value (not a {@code {{ }}} string) must have the property's type; null means the default. */
        private void literal(JsonNode value, String pointer, ComponentCatalog.Property property) {
            if (value.isNull() || (value.isString() && value.asString().contains("{{"))) {
                return;
            }
            boolean fits = switch (property.type()) {
                case "string" -> value.isString();
                case "enum" -> value.isString() && property.values().contains(value.asString());
                case "integer" -> value.isIntegralNumber() && within(value.asDouble(), property);
                case "number" -> value.isNumber() && within(value.asDouble(), property);
                case "boolean" -> value.isBoolean();
                case "array" -> value.isArray();
                default -> true;
            };
            if (!fits) {
                String expected = switch (property.type()) {
                    case "enum" -> "one of " + property.values();
                    case "integer", "number" -> "a" + ("integer".equals(property.type()) ? " whole" : "") + " number"
                            + (property.min() != null ? " ≥ " + format(property.min()) : "")
                            + (property.max() != null ? " ≤ " + format(property.max()) : "");
                    case "string" -> "text";
                    default -> "a " + property.type();
                };
                problem(pointer, "document.value_type", "must be " + expected + ", or a {{ }} expression");
            }
        }

        private boolean within(double value, ComponentCatalog.Property property) {
            return (property.min() == null || value >= property.min()) && (property.max() == null || value <= property.max());
        }

        /** Collects the names the value's {@code {{ }}} expressions read; reports unterminated ones. */
        private void expressions(JsonNode value, String pointer, Set<String> reads, int depth) {
            if (depth > MAX_DEPTH) {
                problem(pointer, "document.too_deep", "values nest at most " + MAX_DEPTH + " deep");
                return;
            }
            if (value.isString()) {
                if (value.asString().length() > MAX_TEXT) {
                    problem(pointer, "document.too_long", "must be at most " + MAX_TEXT + " characters");
                    return;
                }
                try {
                    for (var expression : ExpressionNames.embedded(value.asString())) {
                        reads.addAll(ExpressionNames.topLevel(expression.text()));
                    }
                } catch (ExpressionNames.Unterminated e) {
                    problem(pointer, "document.expression", e.getMessage() + " (at character " + e.position + ")");
                }
            } else if (value.isContainer()) {
                for (var entry : value.isObject() ? asMap(value).entrySet() : indexed(value).entrySet()) {
                    expressions(entry.getValue(), pointer + "/" + escape(entry.getKey()), reads, depth + 1);
                }
            }
        }

        private JsonNode event(JsonNode event, String pointer, ComponentCatalog.Type type) {
            unknownKeys(pointer, event, List.of("event", "actions"));
            var out = nodes.objectNode();
            var name = event.get("event");
            if (name == null || !name.isString()) {
                problem(pointer + "/event", "document.required", "must name an event");
            } else if (type != null && !MODULE_TYPE.equals(type.name()) && !type.events().contains(name.asString())) {
                problem(pointer + "/event", "document.unknown_event", "'" + type.name() + "' has no event '"
                        + name.asString() + "'" + (type.events().isEmpty() ? "" : " (" + new TreeSet<>(type.events()) + ")"));
            }
            out.put("event", name == null || !name.isString() ? "" : name.asString());
            out.set("actions", list(event.get("actions"), pointer + "/actions", false, this::action));
            return out;
        }

        private JsonNode action(JsonNode action, String pointer) {
            var out = nodes.objectNode();
            var typeNode = action.get("type");
            String type = typeNode != null && typeNode.isString() ? typeNode.asString() : null;
            var keys = type == null ? null : ACTION_KEYS.get(type);
            if (keys == null) {
                problem(pointer + "/type", "document.unknown_action", "must be one of "
                        + new TreeSet<>(ACTION_KEYS.keySet()));
                return out;
            }
            var allowed = new ArrayList<String>();
            allowed.add("type");
            allowed.addAll(keys);
            unknownKeys(pointer, action, allowed);
            out.put("type", type);
            for (String key : keys) {
                var value = action.get(key);
                if (value == null && OPTIONAL_ACTION_KEYS.contains(type + "." + key)) {
                    continue;
                }
                if (value == null) {
                    problem(pointer + "/" + key, "document.required", "is required for " + type);
                    continue;
                }
                if ("value".equals(key)) {
                    expressions(value, pointer + "/" + key, new HashSet<>(), 0);
                    out.set(key, canonicalValue(value));
                } else if ("newTab".equals(key)) {
                    if (!value.isBoolean()) {
                        problem(pointer + "/" + key, "document.type", "must be true or false");
                    }
                    out.put(key, value.asBoolean(false));
                } else {
                    out.put(key, text(value, pointer + "/" + key, true));
                }
            }
            references.add(() -> actionReferences(type, out, pointer));
            return out;
        }

        private void actionReferences(String type, ObjectNode action, String pointer) {
            switch (type) {
                case "runQuery" -> {
                    String query = action.path("query").asString("");
                    if (!queryNames.contains(query)) {
                        problem(pointer + "/query", "document.unknown_reference", "'" + query
                                + "' is not a query or library import of this app");
                    }
                }
                case "setState" -> {
                    if (!stateNames.contains(action.path("name").asString(""))) {
                        problem(pointer + "/name", "document.unknown_reference", "'" + action.path("name").asString("")
                                + "' is not a state variable of this document");
                    }
                }
                case "setComponent" -> {
                    var target = components.get(action.path("id").asString(""));
                    if (target == null) {
                        problem(pointer + "/id", "document.unknown_reference", "'" + action.path("id").asString("")
                                + "' is not a component of this document");
                    } else if (!target.properties().containsKey(action.path("property").asString(""))) {
                        problem(pointer + "/property", "document.unknown_property", "'" + target.name()
                                + "' has no property '" + action.path("property").asString("") + "'");
                    }
                }
                case "openPage" -> {
                    if (!pages.contains(action.path("page").asString(""))) {
                        problem(pointer + "/page", "document.unknown_reference", "'" + action.path("page").asString("")
                                + "' is not a page of this document");
                    }
                }
                case "openModal", "closeModal" -> {
                    var target = components.get(action.path("id").asString(""));
                    if (target == null || !"modal".equals(target.name())) {
                        problem(pointer + "/id", "document.unknown_reference", "'" + action.path("id").asString("")
                                + "' is not a modal of this document");
                    }
                }
                case "notify" -> {
                    if (action.has("kind") && !NOTIFY_KINDS.contains(action.get("kind").asString())) {
                        problem(pointer + "/kind", "document.value_type", "must be one of " + NOTIFY_KINDS);
                    }
                }
                case "moduleEvent" -> {
                    String event = action.path("event").asString("");
                    if (!moduleEvents.contains(event)) {
                        problem(pointer + "/event", "document.unknown_reference", subject.kind() == AppKind.MODULE
                                ? "'" + event + "' is not an event this module declares"
                                : "only a module emits events; this is an app");
                    }
                }
                default -> {
                }
            }
        }

        private JsonNode query(JsonNode query, String pointer) {
            unknownKeys(pointer, query, List.of("name", "runOnPageLoad", "parameters", "onSuccess", "onFailure"));
            var out = nodes.objectNode();
            String name = name(query, pointer, "name");
            if (name != null && !queryNames.contains(name)) {
                problem(pointer + "/name", "document.unknown_reference", "'" + name
                        + "' is not a query or library import of this app");
            }
            out.put("name", name);
            var onLoad = query.get("runOnPageLoad");
            if (onLoad != null && !onLoad.isNull() && !onLoad.isBoolean()) {
                problem(pointer + "/runOnPageLoad", "document.type", "must be true or false");
            }
            out.put("runOnPageLoad", onLoad != null && onLoad.asBoolean(false));
            out.set("parameters", parameters(query.get("parameters"), pointer + "/parameters"));
            out.set("onSuccess", list(query.get("onSuccess"), pointer + "/onSuccess", false, this::action));
            out.set("onFailure", list(query.get("onFailure"), pointer + "/onFailure", false, this::action));
            return out;
        }

        /**
         * A library import's parameters, by name: values or {@code {{ }}} expressions the runtime
         * evaluates and sends with each run. They feed no component, so they are not in the cycle graph.
         */
        private ObjectNode parameters(JsonNode parameters, String pointer) {
            var out = nodes.objectNode();
            if (parameters == null || parameters.isNull()) {
                return out;
            }
            if (!parameters.isObject()) {
                problem(pointer, "document.type", "must be an object");
                return out;
            }
            for (var entry : new TreeMap<>(asMap(parameters)).entrySet()) {
                String at = pointer + "/" + escape(entry.getKey());
                if (!NAME.matcher(entry.getKey()).matches()) {
                    problem(at, "document.name_format", "must be a letter or _, then up to 63 letters, digits or _");
                }
                expressions(entry.getValue(), at, new HashSet<>(), 0);
                out.set(entry.getKey(), canonicalValue(entry.getValue()));
            }
            return out;
        }

        private JsonNode transformer(JsonNode transformer, String pointer) {
            unknownKeys(pointer, transformer, List.of("name", "body"));
            var out = nodes.objectNode();
            String name = name(transformer, pointer, "name");
            String body = text(transformer.get("body"), pointer + "/body", true);
            if (body.length() > MAX_TEXT) {
                problem(pointer + "/body", "document.too_long", "must be at most " + MAX_TEXT + " characters");
            }
            Set<String> reads = new LinkedHashSet<>();
            try {
                reads = ExpressionNames.topLevel(body);
            } catch (ExpressionNames.Unterminated e) {
                problem(pointer + "/body", "document.expression", e.getMessage() + " (at character " + e.position + ")");
            }
            if (name != null) {
                graph.put(name, new Node(pointer, false, reads));
            }
            out.put("name", name);
            out.put("body", body);
            return out;
        }

        private JsonNode state(JsonNode state, String pointer) {
            unknownKeys(pointer, state, List.of("name", "initial"));
            var out = nodes.objectNode();
            String name = name(state, pointer, "name");
            var initial = state.get("initial");
            var reads = new LinkedHashSet<String>();
            if (initial != null) {
                expressions(initial, pointer + "/initial", reads, 0);
            }
            if (name != null) {
                stateNames.add(name);
                graph.put(name, new Node(pointer, false, reads));
            }
            out.put("name", name);
            out.set("initial", initial == null ? nodes.nullNode() : canonicalValue(initial));
            return out;
        }

        private ObjectNode settings(JsonNode settings) {
            var out = nodes.objectNode();
            if (settings != null && !settings.isNull() && !settings.isObject()) {
                problem("/settings", "document.type", "must be an object");
                settings = null;
            }
            if (settings != null && !settings.isNull()) {
                unknownKeys("/settings", settings, List.of("theme"));
            }
            var theme = settings == null ? null : settings.get("theme");
            if (theme != null && !theme.isNull() && !theme.isString()) {
                problem("/settings/theme", "document.type", "must be a theme's id or null (the space's default theme)");
            } else if (theme != null && theme.isString() && !knownTheme.test(theme.asString())) {
                problem("/settings/theme", "document.unknown_theme", "names no theme of this space");
            }
            if (theme == null || theme.isNull() || !theme.isString()) {
                out.putNull("theme");
            } else {
                out.put("theme", theme.asString());
            }
            return out;
        }

        /**
         * A page id, component id, query, transformer or state name: well formed, not reserved,
         * unique in the document and not the name of an app query the document does not list.
         */
        private String name(JsonNode parent, String pointer, String key) {
            var node = parent.get(key);
            String at = pointer + "/" + key;
            if (node == null || !node.isString()) {
                problem(at, "document.required", "is required");
                return null;
            }
            String name = node.asString();
            if (!NAME.matcher(name).matches()) {
                problem(at, "document.name_format", "'" + name + "' must be a letter or _, then up to 63 letters, "
                        + "digits or _");
                return name;
            }
            if (RESERVED.contains(name)) {
                problem(at, "document.name_reserved", "'" + name + "' is reserved in expressions");
                return name;
            }
            var first = names.putIfAbsent(name, at);
            if (first != null) {
                problem(at, "document.name_duplicate", "'" + name + "' is already used at " + first
                        + " (ids and names share one scope)");
            } else if (!at.startsWith("/queries/") && queryNames.contains(name)) {
                problem(at, "document.name_duplicate", "'" + name + "' is the name of one of the app's queries");
            }
            return name;
        }

        private String text(JsonNode value, String pointer, boolean required) {
            if (value == null || value.isNull()) {
                if (required) {
                    problem(pointer, "document.required", "is required");
                }
                return "";
            }
            if (!value.isString()) {
                problem(pointer, "document.type", "must be text");
                return "";
            }
            if (value.asString().length() > MAX_TEXT) {
                problem(pointer, "document.too_long", "must be at most " + MAX_TEXT + " characters");
            }
            return value.asString();
        }

        private void unknownKeys(String pointer, JsonNode object, List<String> known) {
            for (String key : object.propertyNames()) {
                if (!known.contains(key)) {
                    problem(pointer + "/" + escape(key), "document.unknown_property", "is not part of the document "
                            + "(expected " + String.join(", ", known) + ")");
                }
            }
        }

        /**
         * A module's declaration (T-M1): inputs are names in the module's scope with a type and a
         * default that fits it; outputs are values (usually {{ }} expressions) over that scope;
         * events are what its {@code moduleEvent} actions emit.
         */
        private ObjectNode moduleDeclaration(JsonNode module) {
            var out = nodes.objectNode();
            if (module != null && !module.isNull() && !module.isObject()) {
                problem("/module", "document.type", "must be an object {inputs, outputs, events}");
                module = null;
            }
            if (module != null && !module.isNull()) {
                unknownKeys("/module", module, List.of("inputs", "outputs", "events"));
            }
            var outputNames = new HashSet<String>();
            out.set("inputs", list(module == null ? null : module.get("inputs"), "/module/inputs", false, this::input));
            out.set("outputs", list(module == null ? null : module.get("outputs"), "/module/outputs", false,
                    (output, at) -> output(output, at, outputNames)));
            out.set("events", list(module == null ? null : module.get("events"), "/module/events", false,
                    this::moduleEvent));
            return out;
        }

        private JsonNode input(JsonNode input, String pointer) {
            unknownKeys(pointer, input, List.of("name", "type", "default"));
            var out = nodes.objectNode();
            out.put("name", name(input, pointer, "name"));
            var type = input.get("type");
            String declared = type != null && type.isString() ? type.asString() : null;
            if (declared == null || !ModuleDeclaration.INPUT_TYPES.contains(declared)) {
                problem(pointer + "/type", "document.value_type", "must be one of " + ModuleDeclaration.INPUT_TYPES);
                declared = "any";
            }
            out.put("type", declared);
            var value = input.get("default");
            if (value != null && !value.isNull() && !ModuleDeclaration.fits(declared, value)) {
                problem(pointer + "/default", "document.value_type", "must be a " + declared + " (the input's type) or null");
            }
            out.set("default", value == null ? nodes.nullNode() : canonicalValue(value));
            return out;
        }

        private JsonNode output(JsonNode output, String pointer, Set<String> outputNames) {
            unknownKeys(pointer, output, List.of("name", "value"));
            var out = nodes.objectNode();
            out.put("name", memberName(output, pointer, outputNames, "output"));
            var value = output.get("value");
            if (value == null) {
                problem(pointer + "/value", "document.required", "is required");
                value = nodes.nullNode();
            }
            expressions(value, pointer + "/value", new HashSet<>(), 0);
            out.set("value", canonicalValue(value));
            return out;
        }

        private JsonNode moduleEvent(JsonNode event, String pointer) {
            unknownKeys(pointer, event, List.of("name"));
            var out = nodes.objectNode();
            out.put("name", memberName(event, pointer, moduleEvents, "event"));
            return out;
        }

        /** An output's or event's name: well formed and unique among its kind (not a scope name). */
        private String memberName(JsonNode parent, String pointer, Set<String> taken, String kind) {
            var node = parent.get("name");
            if (node == null || !node.isString()) {
                problem(pointer + "/name", "document.required", "is required");
                return "";
            }
            String name = node.asString();
            if (!NAME.matcher(name).matches()) {
                problem(pointer + "/name", "document.name_format", "'" + name + "' must be a letter or _, then up to 63 "
                        + "letters, digits or _");
            } else if (!taken.add(name)) {
                problem(pointer + "/name", "document.name_duplicate", "the module already has an " + kind + " '" + name
                        + "'");
            }
            return name;
        }

        /**
         * A {@code module} component (T-M1): a module of this space, a release it has (or null to
         * follow its live document), inputs it declares with literals of their type, events it
         * declares, and no way back to the module being saved. Messages never list what the module
         * declares: the saver may not be allowed to use it.
         */
        private void embedding(ObjectNode component, String pointer) {
            var properties = component.path("properties");
            String at = pointer + "/properties";
            var moduleNode = properties.get("module");
            if (moduleNode == null || moduleNode.isNull()) {
                problem(at + "/module", "document.required", "must name the module to embed");
                return;
            }
            var module = moduleNode.isString() ? modules.module(subject.space(), moduleNode.asString())
                    : Optional.<App>empty();
            if (module.isEmpty()) {
                problem(at + "/module", "document.unknown_reference", "is not a module of this space");
                return;
            }
            var moduleId = module.get().id();
            var versionNode = properties.get("version");
            String version = null;
            if (versionNode != null && !versionNode.isNull()) {
                if (!versionNode.isString() || !modules.hasRelease(subject.space(), moduleId, versionNode.asString())) {
                    problem(at + "/version", "document.unknown_reference", "is not a release of the module (null "
                            + "follows its live document)");
                    return;
                }
                version = versionNode.asString();
            }
            if (moduleId.equals(subject.app())
                    || modules.reaches(subject.space(), new ModuleReferences.Embedding(moduleId.toString(), version),
                            subject.app())) {
                problem(at + "/module", "document.module_cycle", "the module would embed itself"
                        + (moduleId.equals(subject.app()) ? "" : " through the modules it embeds"));
                return;
            }
            var declaration = modules.declaration(subject.space(), moduleId, version).orElse(null);
            if (declaration == null) {
                return;
            }
            var inputs = properties.get("inputs");
            if (inputs != null && !inputs.isNull()) {
                if (!inputs.isObject()) {
                    problem(at + "/inputs", "document.type", "must be an object: input name → value or {{ }}");
                } else {
                    for (var entry : inputs.properties()) {
                        String inputAt = at + "/inputs/" + escape(entry.getKey());
                        var input = declaration.input(entry.getKey());
                        var value = entry.getValue();
                        if (input.isEmpty()) {
                            problem(inputAt, "document.unknown_input", "'" + entry.getKey()
                                    + "' is not an input the module declares");
                        } else if (!value.isNull() && !(value.isString() && value.asString().contains("{{"))
                                && !ModuleDeclaration.fits(input.get().type(), value)) {
                            problem(inputAt, "document.value_type", "must be a " + input.get().type()
                                    + " (the input's type), or a {{ }} expression");
                        }
                    }
                }
            }
            var events = component.path("events");
            for (int i = 0; i < events.size(); i++) {
                String event = events.get(i).path("event").asString("");
                if (!declaration.declaresEvent(event)) {
                    problem(pointer + "/events/" + i + "/event", "document.unknown_event", "'" + event
                            + "' is not an event the module declares");
                }
            }
        }

        /** Tarjan's strongly connected components over the names expressions read. */
        private void cycles() {
            var index = new HashMap<String, Integer>();
            var low = new HashMap<String, Integer>();
            var onStack = new HashSet<String>();
            Deque<String> stack = new ArrayDeque<>();
            int[] counter = {0};
            for (String start : graph.keySet()) {
                if (!index.containsKey(start)) {
                    strongConnect(start, index, low, onStack, stack, counter);
                }
            }
        }

        private void strongConnect(String node, Map<String, Integer> index, Map<String, Integer> low,
                Set<String> onStack, Deque<String> stack, int[] counter) {
            index.put(node, counter[0]);
            low.put(node, counter[0]);
            counter[0]++;
            stack.push(node);
            onStack.add(node);
            for (String next : graph.get(node).reads()) {
                if (!graph.containsKey(next)) {
                    continue;
                }
                if (!index.containsKey(next)) {
                    strongConnect(next, index, low, onStack, stack, counter);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                var members = new ArrayList<String>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    members.add(0, member);
                } while (!member.equals(node));
                var self = graph.get(node);
                // A component reading its own outputs (a table hidden until a row is selected) is
                // not a loop: outputs change on the user's input, not when properties recompute.
                boolean selfLoop = members.size() == 1 && !self.component() && self.reads().contains(node);
                if (members.size() > 1 || selfLoop) {
                    String cycle = String.join(" → ", members) + " → " + members.get(0);
                    for (String name : members) {
                        problem(graph.get(name).pointer(), "app.document_cycle", "is part of an expression cycle: "
                                + cycle);
                    }
                }
            }
        }

        private void problem(String pointer, String code, String message) {
            problems.add(new FieldProblem(pointer, code, message));
        }
    }

    /** Free JSON (property values, state, action values): objects with keys sorted, recursively. */
    static JsonNode canonicalValue(JsonNode value) {
        if (value.isObject()) {
            var out = JsonNodeFactory.instance.objectNode();
            new TreeMap<>(asMap(value)).forEach((key, child) -> out.set(key, canonicalValue(child)));
            return out;
        }
        if (value.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            value.forEach(child -> out.add(canonicalValue(child)));
            return out;
        }
        return value;
    }

    private static Map<String, JsonNode> asMap(JsonNode object) {
        var map = new LinkedHashMap<String, JsonNode>();
        for (var entry : object.properties()) {
            map.put(entry.getKey(), entry.getValue());
        }
        return map;
    }

    private static Map<String, JsonNode> indexed(JsonNode array) {
        var map = new LinkedHashMap<String, JsonNode>();
        for (int i = 0; i < array.size(); i++) {
            map.put(String.valueOf(i), array.get(i));
        }
        return map;
    }

    /** RFC 6901: a key in a JSON pointer. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static String format(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }
}
