package dev.toolyard.resources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.ResourceId;

/**
 * A resource's page in the console: one configuration form per environment the person may use
 * (T-RS3), editable with Edit and read-only with Use (T-A4), and "Test connection" through htmx.
 * Forms become the same settings object the API takes, so {@link ResourceConfigurations} decides
 * everything; an empty secret field keeps the stored secret, "clear" removes it.
 */
@Controller
@RequestMapping("/resources/{id}")
class ResourceConsoleController {

    /** Blank rows under the saved ones, for adding headers and parameters without a script. */
    private static final int BLANK_ROWS = 2;

    private final ResourceManagement resources;
    private final ResourceConfigurations configurations;

    ResourceConsoleController(ResourceManagement resources, ResourceConfigurations configurations) {
        this.resources = resources;
        this.configurations = configurations;
    }

    /** One environment's form: saved values (or defaults), with rows for REST's lists. */
    record Section(String environment, boolean configured, boolean mayEdit, Map<String, Object> settings,
            List<Map<String, Object>> headers, List<Map<String, Object>> parameters, Map<String, Object> auth,
            String updatedAt) {
    }

    @GetMapping
    String page(Caller caller, @PathVariable UUID id, Model model) {
        var resource = resources.resource(caller, new ResourceId(id));
        var sections = new ArrayList<Section>();
        for (var view : configurations.configurations(caller, resource.id())) {
            var settings = view.settings();
            sections.add(new Section(view.environment(), view.configured(), view.mayEdit(), settings,
                    rows(settings.get("headers")), rows(settings.get("queryParameters")), auth(settings.get("auth")),
                    view.updatedAt() == null ? null : view.updatedAt().toString()));
        }
        model.addAttribute("resource", resource);
        model.addAttribute("rest", resource.kind() == ResourceKind.REST);
        model.addAttribute("sections", sections);
        return "resource";
    }

    @PostMapping("/configurations/{environment}")
    String save(Caller caller, @PathVariable UUID id, @PathVariable String environment,
            @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        var resource = resources.resource(caller, new ResourceId(id));
        try {
            configurations.save(caller, resource.id(), environment, settings(resource.kind(), form));
            flash.addFlashAttribute("notice", "Configuration for '" + environment + "' saved.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/resources/" + id;
    }

    @PostMapping("/configurations/{environment}/delete")
    String delete(Caller caller, @PathVariable UUID id, @PathVariable String environment, RedirectAttributes flash) {
        configurations.delete(caller, new ResourceId(id), environment);
        flash.addFlashAttribute("notice", "Configuration for '" + environment + "' removed.");
        return "redirect:/resources/" + id;
    }

    /** An htmx fragment; the form's unsaved values when it has any (Edit), else the stored configuration. */
    @PostMapping("/configurations/{environment}/test")
    String test(Caller caller, @PathVariable UUID id, @PathVariable String environment,
            @RequestParam MultiValueMap<String, String> form, Model model) {
        var resource = resources.resource(caller, new ResourceId(id));
        boolean unsaved = form.containsKey("host") || form.containsKey("baseUrl");
        try {
            model.addAttribute("test", configurations.test(caller, resource.id(), environment,
                    unsaved ? settings(resource.kind(), form) : null));
        } catch (InvalidInputException e) {
            model.addAttribute("test", new ResourceConfigurations.ConnectionTest(false, e.code(), e.getMessage(), 0));
        }
        return "resource-test";
    }

    /** The console's fields as the settings object of the API. */
    static Map<String, Object> settings(ResourceKind kind, MultiValueMap<String, String> form) {
        var settings = new LinkedHashMap<String, Object>();
        if (kind != ResourceKind.REST) {
            for (String field : List.of("host", "port", "database", "user", "tlsMode", "poolSize",
                    "connectTimeoutSeconds")) {
                settings.put(field, form.getFirst(field));
            }
            secret(form, "password", "clearPassword", settings, "password");
            return settings;
        }
        settings.put("baseUrl", form.getFirst("baseUrl"));
        settings.put("connectTimeoutSeconds", form.getFirst("connectTimeoutSeconds"));
        var headers = new ArrayList<Map<String, Object>>();
        var names = form.getOrDefault("headerName", List.of());
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isBlank()) {
                continue;
            }
            var header = new LinkedHashMap<String, Object>();
            header.put("name", names.get(i));
            boolean secret = "secret".equals(at(form, "headerKind", i));
            header.put("secret", secret);
            String value = at(form, "headerValue", i);
            if (!secret || !value.isEmpty()) {
                header.put("value", value);
            }
            headers.add(header);
        }
        settings.put("headers", headers);
        var parameters = new ArrayList<Map<String, Object>>();
        var parameterNames = form.getOrDefault("parameterName", List.of());
        for (int i = 0; i < parameterNames.size(); i++) {
            if (!parameterNames.get(i).isBlank()) {
                parameters.add(Map.of("name", parameterNames.get(i), "value", at(form, "parameterValue", i)));
            }
        }
        settings.put("queryParameters", parameters);
        var auth = new LinkedHashMap<String, Object>();
        String type = form.getFirst("authType");
        auth.put("type", type);
        if ("basic".equals(type)) {
            auth.put("user", form.getFirst("authUser"));
            secret(form, "authPassword", null, auth, "password");
        } else if ("bearer".equals(type)) {
            secret(form, "authToken", null, auth, "token");
        } else if ("api_key".equals(type)) {
            auth.put("name", form.getFirst("authName"));
            auth.put("in", form.getFirst("authIn"));
            secret(form, "authValue", null, auth, "value");
        }
        settings.put("auth", auth);
        return settings;
    }

    /** Empty keeps the stored secret (left out); the clear box sends null; anything else is the new value. */
    private static void secret(MultiValueMap<String, String> form, String field, String clearField,
            Map<String, Object> into, String key) {
        if (clearField != null && form.containsKey(clearField)) {
            into.put(key, null);
            return;
        }
        String value = form.getFirst(field);
        if (value != null && !value.isEmpty()) {
            into.put(key, value);
        }
    }

    private static String at(MultiValueMap<String, String> form, String field, int index) {
        var values = form.getOrDefault(field, List.of());
        return index < values.size() ? values.get(index) : "";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Object saved) {
        var rows = new ArrayList<Map<String, Object>>();
        if (saved instanceof List<?> list) {
            list.forEach(item -> rows.add((Map<String, Object>) item));
        }
        for (int i = 0; i < BLANK_ROWS; i++) {
            rows.add(new HashMap<>());
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> auth(Object saved) {
        return saved instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of("type", "none");
    }
}
