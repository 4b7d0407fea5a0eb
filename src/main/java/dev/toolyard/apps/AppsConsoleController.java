package dev.toolyard.apps;

import java.util.ArrayList;
import java.util.List;
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
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FolderId;
import dev.toolyard.shared.InvalidInputException;

/**
 * The console's Apps page (T-AP1 with T-A1–T-A3): the folders and apps the person may use, with
 * their level, and the changes that level allows. The engine's levels only decide which buttons
 * show; {@link AppManagement} checks every change again.
 */
@Controller
@RequestMapping("/apps")
class AppsConsoleController {

    private final AppManagement apps;
    private final AppReleases releases;
    private final AccessEngine engine;

    AppsConsoleController(AppManagement apps, AppReleases releases, AccessEngine engine) {
        this.apps = apps;
        this.releases = releases;
        this.engine = engine;
    }

    record AppRow(UUID id, String name, boolean module, String folder, String level, boolean mayRename, boolean mayOwn) {
    }

    /** A folder and its apps; the top level is a section with {@code folder} false. */
    record FolderSection(UUID id, String name, String level, boolean folder, boolean mayOwn, List<AppRow> apps) {
    }

    /** A place an app may be created in or moved to; {@code id} is "" for the top level. */
    record Place(String id, String name) {
    }

    @GetMapping
    String page(Caller caller, Model model) {
        var space = caller.spaceId();
        var global = engine.globalAppLevel(space, caller.userId());
        boolean globalEdit = global.filter(level -> level.atLeast(AccessLevel.EDIT)).isPresent();
        var visible = apps.apps(caller, null);
        var sections = new ArrayList<FolderSection>();
        var places = new ArrayList<Place>();
        if (globalEdit) {
            places.add(new Place("", "Top level"));
        }
        for (var folder : apps.folders(caller)) {
            var level = engine.level(space, caller.userId(), new AccessObject.Folder(folder.id()));
            boolean mayCreateIn = atLeast(level, AccessLevel.EDIT);
            if (mayCreateIn) {
                places.add(new Place(folder.id().toString(), folder.name()));
            }
            sections.add(new FolderSection(folder.id().value(), folder.name(), label(level), true,
                    atLeast(level, AccessLevel.OWN), rows(visible, folder.id())));
        }
        var rootApps = rows(visible, null);
        if (!rootApps.isEmpty()) {
            sections.add(new FolderSection(null, "Top level", label(global), false, false, rootApps));
        }
        model.addAttribute("sections", sections);
        model.addAttribute("mayCreateFolders", globalEdit);
        model.addAttribute("places", places);
        return "apps";
    }

    @PostMapping("/folders")
    String createFolder(Caller caller, @RequestParam String name, RedirectAttributes flash) {
        try {
            var folder = apps.createFolder(caller, name);
            flash.addFlashAttribute("notice", "Folder '" + folder.name() + "' created.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/apps";
    }

    @PostMapping("/folders/{id}/rename")
    String renameFolder(Caller caller, @PathVariable UUID id, @RequestParam String name, RedirectAttributes flash) {
        try {
            var folder = apps.renameFolder(caller, new FolderId(id), name);
            flash.addFlashAttribute("notice", "Folder renamed to '" + folder.name() + "'.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/apps";
    }

    @PostMapping("/folders/{id}/delete")
    String deleteFolder(Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
        try {
            apps.deleteFolder(caller, new FolderId(id));
            flash.addFlashAttribute("notice", "Folder deleted.");
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/apps";
    }

    @PostMapping
    String createApp(Caller caller, @RequestParam String name, @RequestParam(required = false) UUID folder,
            @RequestParam(required = false) String kind, RedirectAttributes flash) {
        try {
            var app = apps.createApp(caller, name, folderId(folder), AppKind.of(kind));
            flash.addFlashAttribute("notice", (app.module() ? "Module '" : "App '") + app.name() + "' created.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/apps";
    }

    @PostMapping("/{id}/rename")
    String renameApp(Caller caller, @PathVariable UUID id, @RequestParam String name, RedirectAttributes flash) {
        try {
            var app = apps.renameApp(caller, new AppId(id), name);
            flash.addFlashAttribute("notice", "App renamed to '" + app.name() + "'.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/apps";
    }

    @PostMapping("/{id}/move")
    String moveApp(Caller caller, @PathVariable UUID id, @RequestParam(required = false) UUID folder,
            RedirectAttributes flash) {
        try {
            var app = apps.moveApp(caller, new AppId(id), folderId(folder));
            flash.addFlashAttribute("notice", "App '" + app.name() + "' moved.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/apps";
    }

    /** Copies the app into a place the person may create apps in (T-AP1). */
    @PostMapping("/{id}/duplicate")
    String duplicateApp(Caller caller, @PathVariable UUID id, @RequestParam String name,
            @RequestParam(required = false) UUID folder, RedirectAttributes flash) {
        try {
            var copy = apps.duplicateApp(caller, new AppId(id), name, folderId(folder));
            flash.addFlashAttribute("notice", "App copied as '" + copy.name() + "'.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/apps";
    }

    /** T-R1: an app's releases (Edit), with publishing and making one live for owners. */
    @GetMapping("/{id}/releases")
    String releases(Caller caller, @PathVariable UUID id, Model model) {
        var app = apps.app(caller, new AppId(id));
        model.addAttribute("app", app.app());
        model.addAttribute("releases", releases.list(caller, app.app().id()));
        model.addAttribute("mayOwn", app.level().atLeast(AccessLevel.OWN));
        return "app-releases";
    }

    @PostMapping("/{id}/releases")
    String publish(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String bump,
            @RequestParam(required = false) String notes, RedirectAttributes flash) {
        try {
            var release = releases.publish(caller, new AppId(id), ReleaseBump.parse(bump), notes);
            flash.addFlashAttribute("notice", "Release " + release.version() + " published; it is live.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/apps/" + id + "/releases";
    }

    @PostMapping("/{id}/releases/{version}/live")
    String makeLive(Caller caller, @PathVariable UUID id, @PathVariable String version, RedirectAttributes flash) {
        var release = releases.makeLive(caller, new AppId(id), version);
        flash.addFlashAttribute("notice", "Release " + release.version() + " is live.");
        return "redirect:/apps/" + id + "/releases";
    }

    @PostMapping("/{id}/delete")
    String deleteApp(Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
        var app = apps.app(caller, new AppId(id)).app();
        apps.deleteApp(caller, app.id());
        flash.addFlashAttribute("notice", "App '" + app.name() + "' deleted.");
        return "redirect:/apps";
    }

    private static List<AppRow> rows(List<VisibleApp> visible, FolderId folder) {
        return visible.stream()
                .filter(app -> folder == null ? app.app().folderId() == null : folder.equals(app.app().folderId()))
                .map(app -> new AppRow(app.app().id().value(), app.app().name(), app.app().module(),
                        folder == null ? "" : folder.toString(), label(Optional.of(app.level())),
                        app.level().atLeast(AccessLevel.EDIT), app.level().atLeast(AccessLevel.OWN)))
                .toList();
    }

    private static boolean atLeast(Optional<AccessLevel> level, AccessLevel wanted) {
        return level.filter(found -> found.atLeast(wanted)).isPresent();
    }

    static String label(Optional<AccessLevel> level) {
        return level.map(found -> switch (found) {
            case USE -> "Use";
            case EDIT -> "Edit";
            case OWN -> "Own";
        }).orElse("—");
    }

    private static FolderId folderId(UUID value) {
        return value == null ? null : new FolderId(value);
    }
}
