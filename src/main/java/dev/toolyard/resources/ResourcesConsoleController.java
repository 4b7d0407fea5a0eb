package dev.toolyard.resources;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.AccessLevel;
import dev.toolyard.access.AccessObject;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.ResourceFolderId;
import dev.toolyard.shared.ResourceId;

/**
 * The console's Resources page (T-RS1 with T-A4): the resource folders and resources the person
 * may use, with their level, and the changes that level allows. The engine's levels only decide
 * which buttons show; {@link ResourceManagement} checks every change again.
 */
@Controller
@RequestMapping("/resources")
class ResourcesConsoleController {

    private final ResourceManagement resources;
    private final AccessEngine engine;

    ResourcesConsoleController(ResourceManagement resources, AccessEngine engine) {
        this.resources = resources;
        this.engine = engine;
    }

    record ResourceRow(UUID id, String name, String kind, String folder, String level, boolean mayEdit) {
    }

    /** A resource folder and its resources; the top level is a section with {@code folder} false. */
    record FolderSection(UUID id, String name, String level, boolean folder, boolean mayEdit, List<ResourceRow> resources) {
    }

    /** A place a resource may be created in or moved to; {@code id} is "" for the top level. */
    record Place(String id, String name) {
    }

    @GetMapping
    String page(Caller caller, Model model) {
        var space = caller.spaceId();
        var global = engine.globalResourceLevel(space, caller.userId());
        // T-A4: space admins and groups with global resource Edit make resource folders and top-level resources.
        boolean globalEdit = caller.spaceAdmin() || atLeast(global, AccessLevel.EDIT);
        var visible = resources.resources(caller);
        var sections = new ArrayList<FolderSection>();
        var places = new ArrayList<Place>();
        if (globalEdit) {
            places.add(new Place("", "Top level"));
        }
        for (var folder : resources.folders(caller)) {
            var level = engine.level(space, caller.userId(), new AccessObject.ResourceFolder(folder.id()));
            boolean mayEdit = atLeast(level, AccessLevel.EDIT);
            if (mayEdit) {
                places.add(new Place(folder.id().toString(), folder.name()));
            }
            sections.add(new FolderSection(folder.id().value(), folder.name(), label(level), true, mayEdit,
                    rows(visible, folder.id())));
        }
        var root = rows(visible, null);
        if (!root.isEmpty()) {
            sections.add(new FolderSection(null, "Top level", label(global), false, false, root));
        }
        model.addAttribute("sections", sections);
        model.addAttribute("mayCreateFolders", globalEdit);
        model.addAttribute("places", places);
        model.addAttribute("kinds", Arrays.stream(ResourceKind.values()).map(Enum::name).toList());
        return "resources";
    }

    @PostMapping("/folders")
    String createFolder(Caller caller, @RequestParam String name, RedirectAttributes flash) {
        try {
            var folder = resources.createFolder(caller, name);
            flash.addFlashAttribute("notice", "Resource folder '" + folder.name() + "' created.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/resources";
    }

    @PostMapping("/folders/{id}/rename")
    String renameFolder(Caller caller, @PathVariable UUID id, @RequestParam String name, RedirectAttributes flash) {
        try {
            var folder = resources.renameFolder(caller, new ResourceFolderId(id), name);
            flash.addFlashAttribute("notice", "Resource folder renamed to '" + folder.name() + "'.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/resources";
    }

    @PostMapping("/folders/{id}/delete")
    String deleteFolder(Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
        try {
            resources.deleteFolder(caller, new ResourceFolderId(id));
            flash.addFlashAttribute("notice", "Resource folder deleted.");
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/resources";
    }

    @PostMapping
    String create(Caller caller, @RequestParam String name, @RequestParam(defaultValue = "") String kind,
            @RequestParam(required = false) UUID folder, RedirectAttributes flash) {
        try {
            var resource = resources.create(caller, name, kind(kind), folderId(folder));
            flash.addFlashAttribute("notice", "Resource '" + resource.name() + "' created.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/resources";
    }

    @PostMapping("/{id}/rename")
    String rename(Caller caller, @PathVariable UUID id, @RequestParam String name, RedirectAttributes flash) {
        try {
            var resource = resources.update(caller, new ResourceId(id), name, null, false);
            flash.addFlashAttribute("notice", "Resource renamed to '" + resource.name() + "'.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/resources";
    }

    @PostMapping("/{id}/move")
    String move(Caller caller, @PathVariable UUID id, @RequestParam(required = false) UUID folder,
            RedirectAttributes flash) {
        try {
            var resource = resources.update(caller, new ResourceId(id), null, folderId(folder), true);
            flash.addFlashAttribute("notice", "Resource '" + resource.name() + "' moved.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/resources";
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
        var resource = resources.resource(caller, new ResourceId(id));
        try {
            resources.delete(caller, resource.id());
            flash.addFlashAttribute("notice", "Resource '" + resource.name() + "' deleted.");
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/resources";
    }

    private static List<ResourceRow> rows(List<Resource> visible, ResourceFolderId folder) {
        return visible.stream()
                .filter(resource -> folder == null ? resource.folderId() == null : folder.equals(resource.folderId()))
                .map(resource -> new ResourceRow(resource.id().value(), resource.name(), resource.kind().name(),
                        folder == null ? "" : folder.toString(), label(Optional.of(resource.level())),
                        resource.level().atLeast(AccessLevel.EDIT)))
                .toList();
    }

    private static boolean atLeast(Optional<AccessLevel> level, AccessLevel wanted) {
        return level.filter(found -> found.atLeast(wanted)).isPresent();
    }

    /** Resources stop at Edit (T-A4), so a group's Own shows as Edit here. */
    private static String label(Optional<AccessLevel> level) {
        return level.map(found -> found == AccessLevel.USE ? "Use" : "Edit").orElse("—");
    }

    /** Blank is left to the service, which checks the folder first and then asks for a kind. */
    private static ResourceKind kind(String value) {
        try {
            return value.isBlank() ? null : ResourceKind.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("kind", "request.invalid_option",
                    "kind must be one of " + Arrays.toString(ResourceKind.values()));
        }
    }

    private static ResourceFolderId folderId(UUID value) {
        return value == null ? null : new ResourceFolderId(value);
    }
}
