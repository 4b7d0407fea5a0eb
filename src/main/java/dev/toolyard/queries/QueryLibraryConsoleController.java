package dev.toolyard.queries;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

import dev.toolyard.access.GroupId;
import dev.toolyard.resources.ResourceManagement;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.PageRequest;
import dev.toolyard.shared.ResourceId;

/**
 * The console's Query library page (T-Q1): the queries the person may use, with search; a
 * query's versions, grants and usage; and the forms to create a query, publish a version and
 * change its settings for those who may. The forms are plain HTML: one text area per SQL query
 * or REST body, rows for further fields and parameters. {@link QueryLibrary} decides everything.
 */
@Controller
@RequestMapping("/query-library")
class QueryLibraryConsoleController {

    /** Blank rows the forms offer for further fields and parameters, without scripts. */
    private static final int SPARE_ROWS = 2;
    private static final Set<String> OWN_INPUTS = Set.of("sql", "method", "path", "body");

    private final QueryLibrary library;
    private final ResourceManagement resources;

    QueryLibraryConsoleController(QueryLibrary library, ResourceManagement resources) {
        this.library = library;
        this.resources = resources;
    }

    record FieldRow(String name, String template) {
    }

    record ParameterRow(String name, String defaultValue, String description, boolean secret) {
    }

    /** What the create and publish forms show; text, as the inputs hold it. */
    record EditorForm(String resourceId, String sql, String method, String path, String body, List<FieldRow> fields,
            List<ParameterRow> parameters, String timeoutSeconds, String maxRows, String maxBytes) {
    }

    record ResourceChoice(String id, String label) {
    }

    record GrantRow(String groupId, String name, boolean member, String level) {
    }

    @GetMapping
    String list(Caller caller, @RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
            Model model) {
        model.addAttribute("page", library.page(caller, q, new PageRequest(cursor, PageRequest.DEFAULT_LIMIT)));
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("resources", resourceChoices(caller));
        model.addAttribute("editor", emptyEditor());
        model.addAttribute("grants", library.grantChoices(caller, null).stream()
                .map(choice -> new GrantRow(choice.id().toString(), choice.name(), choice.member(), ""))
                .toList());
        return "query-library";
    }

    @PostMapping
    String create(Caller caller, @RequestParam String name, @RequestParam(required = false) UUID resource,
            @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        try {
            var created = library.create(caller, new QueryLibrary.Draft(name, form.getFirst("description"),
                    form.containsKey("openToLibrary"), grants(form), content(resource, form, null)));
            flash.addFlashAttribute("notice", "Library query '" + created.query().name() + "' created as version 1.");
            return "redirect:/query-library/" + created.query().id();
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/query-library";
        }
    }

    @GetMapping("/{id}")
    String detail(Caller caller, @PathVariable UUID id, @RequestParam(required = false) Integer version, Model model) {
        var queryId = new LibraryQueryId(id);
        var detail = library.detail(caller, queryId);
        var shown = version == null ? detail.latest() : library.version(caller, queryId, version);
        model.addAttribute("detail", detail);
        model.addAttribute("query", detail.query());
        model.addAttribute("shown", shown);
        model.addAttribute("usage", library.usage(caller, queryId));
        if (detail.mayEdit()) {
            var levels = new LinkedHashMap<String, String>();
            detail.grants().forEach(grant -> levels.put(grant.groupId().toString(), grant.level().name()));
            model.addAttribute("grants", library.grantChoices(caller, queryId).stream()
                    .map(choice -> new GrantRow(choice.id().toString(), choice.name(), choice.member(),
                            levels.getOrDefault(choice.id().toString(), "")))
                    .toList());
            model.addAttribute("resources", resourceChoices(caller));
            model.addAttribute("editor", editorOf(detail.latest()));
        }
        return "library-query";
    }

    @PostMapping("/{id}/publish")
    String publish(Caller caller, @PathVariable UUID id, @RequestParam(required = false) UUID resource,
            @RequestParam(required = false) Integer basedOn, @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes flash) {
        try {
            var version = library.publish(caller, new LibraryQueryId(id), content(resource, form, basedOn));
            flash.addFlashAttribute("notice", "Version " + version.version() + " published.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/query-library/" + id;
    }

    @PostMapping("/{id}/settings")
    String settings(Caller caller, @PathVariable UUID id, @RequestParam String name,
            @RequestParam MultiValueMap<String, String> form, RedirectAttributes flash) {
        try {
            library.change(caller, new LibraryQueryId(id), new QueryLibrary.Change(name,
                    form.getFirst("description") == null ? "" : form.getFirst("description"),
                    form.containsKey("openToLibrary"), grants(form)));
            flash.addFlashAttribute("notice", "Settings saved.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/query-library/" + id;
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
        var queryId = new LibraryQueryId(id);
        String name = library.detail(caller, queryId).query().name();
        try {
            library.delete(caller, queryId);
            flash.addFlashAttribute("notice", "Library query '" + name + "' deleted.");
            return "redirect:/query-library";
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/query-library/" + id;
        }
    }

    private List<ResourceChoice> resourceChoices(Caller caller) {
        return resources.resources(caller).stream()
                .map(resource -> new ResourceChoice(resource.id().toString(), resource.name() + " (" + resource.kind() + ")"))
                .toList();
    }

    /** {@code grant-<group id>} = USE or EDIT; blank for none. An id that is no UUID names no group of the space. */
    private static Map<GroupId, LibraryLevel> grants(MultiValueMap<String, String> form) {
        var grants = new LinkedHashMap<GroupId, LibraryLevel>();
        form.forEach((key, values) -> {
            if (!key.startsWith("grant-") || values.isEmpty() || values.get(0).isBlank()) {
                return;
            }
            try {
                grants.put(new GroupId(UUID.fromString(key.substring(6))),
                        LibraryLevel.valueOf(values.get(0).strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("grants", "request.invalid_option", "grants must be USE or EDIT for a group");
            }
        });
        return grants;
    }

    /** The fields, parameters, limits and notes of the create and publish forms. */
    private static VersionDraft content(UUID resource, MultiValueMap<String, String> form, Integer basedOn) {
        var fields = new ArrayList<FieldTemplate>();
        for (String own : List.of("sql", "method", "path", "body")) {
            String value = form.getFirst(own);
            if (value != null && !value.isBlank()) {
                fields.add(new FieldTemplate(own, value));
            }
        }
        var names = form.getOrDefault("fieldName", List.of());
        var templates = form.getOrDefault("fieldTemplate", List.of());
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).isBlank()) {
                fields.add(new FieldTemplate(names.get(i), i < templates.size() ? templates.get(i) : ""));
            }
        }
        var parameters = new ArrayList<DeclaredParameter>();
        var parameterNames = form.getOrDefault("parameterName", List.of());
        var defaults = form.getOrDefault("parameterDefault", List.of());
        var descriptions = form.getOrDefault("parameterDescription", List.of());
        var secret = form.getOrDefault("parameterSecret", List.of());
        for (int i = 0; i < parameterNames.size(); i++) {
            if (parameterNames.get(i).isBlank()) {
                continue;
            }
            String defaultValue = i < defaults.size() && !defaults.get(i).isEmpty() ? defaults.get(i) : null;
            parameters.add(new DeclaredParameter(parameterNames.get(i), i < descriptions.size() ? descriptions.get(i) : "",
                    defaultValue, secret.contains(String.valueOf(i))));
        }
        return new VersionDraft(resource == null ? null : new ResourceId(resource), fields, parameters,
                whole(number(form, "timeoutSeconds")), whole(number(form, "maxRows")), number(form, "maxBytes"),
                form.getFirst("notes"), basedOn);
    }

    private static Long number(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidInputException.of(field, "field.type_mismatch", field + " must be a whole number");
        }
    }

    /** A number too large for an int is out of every limit's range; the rules say so. */
    private static Integer whole(Long value) {
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static EditorForm emptyEditor() {
        return new EditorForm("", "", "", "", "", spareFields(List.of()), spareParameters(List.of()), "", "", "");
    }

    private static EditorForm editorOf(LibraryVersion version) {
        var own = new LinkedHashMap<String, String>();
        var further = new ArrayList<FieldRow>();
        for (var field : version.fields()) {
            if (OWN_INPUTS.contains(field.name())) {
                own.put(field.name(), field.template());
            } else {
                further.add(new FieldRow(field.name(), field.template()));
            }
        }
        var parameters = version.parameters().stream()
                .map(parameter -> new ParameterRow(parameter.name(),
                        parameter.defaultValue() == null ? "" : String.valueOf(parameter.defaultValue()),
                        parameter.description(), parameter.secret()))
                .toList();
        return new EditorForm(version.resourceId().toString(), own.getOrDefault("sql", ""),
                own.getOrDefault("method", ""), own.getOrDefault("path", ""), own.getOrDefault("body", ""),
                spareFields(further), spareParameters(parameters), String.valueOf(version.limits().timeout().toSeconds()),
                String.valueOf(version.limits().maxRows()), String.valueOf(version.limits().maxBytes()));
    }

    private static List<FieldRow> spareFields(List<FieldRow> rows) {
        var all = new ArrayList<>(rows);
        for (int i = 0; i < SPARE_ROWS; i++) {
            all.add(new FieldRow("", ""));
        }
        return all;
    }

    private static List<ParameterRow> spareParameters(List<ParameterRow> rows) {
        var all = new ArrayList<>(rows);
        for (int i = 0; i < SPARE_ROWS; i++) {
            all.add(new ParameterRow("", "", "", false));
        }
        return all;
    }
}
