package dev.toolyard.identity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.toolyard.access.AccessChange;
import dev.toolyard.access.AccessLevel;
import dev.toolyard.access.AdditionalAccess;
import dev.toolyard.access.BuiltInGroup;
import dev.toolyard.access.GroupAccess;
import dev.toolyard.access.GroupId;
import dev.toolyard.access.GroupManagement;
import dev.toolyard.apps.AppManagement;
import dev.toolyard.resources.ResourceManagement;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.PageRequest;
import dev.toolyard.shared.UserId;

/**
 * The console's Groups pages (T-G1–T-G5): the list with counts, a group's members and group
 * admins, and the editor of its whole access, saved at once. They live here, not in access,
 * because they show people (found by e-mail through {@link SpaceUsers}) and the names of apps and
 * resources, and identity is the module allowed to depend on access, apps and resources alike.
 * Every decision is {@link GroupManagement}'s.
 */
@Controller
@RequestMapping("/groups")
class GroupsConsoleController {

    static final List<Choice> APP_LEVELS = List.of(new Choice("", "None"), new Choice("USE", "Use"),
            new Choice("EDIT", "Edit"), new Choice("OWN", "Own"));
    static final List<Choice> RESOURCE_LEVELS = List.of(new Choice("", "None"), new Choice("USE", "Use"),
            new Choice("EDIT", "Edit"));
    static final List<Choice> ADDITIONAL = List.of(
            new Choice(AdditionalAccess.WORKSPACE.name(), "Workspace (the space's home page of apps)"),
            new Choice(AdditionalAccess.QUERY_LIBRARY.name(), "Query library"),
            new Choice(AdditionalAccess.USER_LIST.name(), "User list"),
            new Choice(AdditionalAccess.AUDIT_LOG.name(), "Audit log"),
            new Choice(AdditionalAccess.USAGE_ANALYTICS.name(), "Usage analytics"),
            new Choice(AdditionalAccess.THEMES.name(), "Themes"));

    private final GroupManagement groups;
    private final SpaceUsers users;
    private final AppManagement apps;
    private final ResourceManagement resources;

    GroupsConsoleController(GroupManagement groups, SpaceUsers users, AppManagement apps, ResourceManagement resources) {
        this.groups = groups;
        this.users = users;
        this.apps = apps;
        this.resources = resources;
    }

    /** A value of a select or checkbox and what the person reads. */
    record Choice(String value, String label) {
    }

    /** An object in the access editor, with the group's level on it ("" for none). */
    record Entry(UUID id, String name, String level) {
    }

    record FolderEntry(UUID id, String name, String level, List<Entry> items) {
    }

    /** One half of the editor: apps or resources. */
    record Section(String global, List<FolderEntry> folders, List<Entry> root) {
    }

    /** T-G1: what a built-in group's fixed rules give, shown read-only. */
    record FixedRules(String apps, String resources, String additional) {
    }

    @GetMapping
    String page(Caller caller, Model model) {
        if (caller.spaceAdmin()) {
            model.addAttribute("summaries", groups.list(caller));
        } else {
            var administered = groups.administeredBy(caller);
            if (administered.isEmpty()) {
                throw ForbiddenException.denied();
            }
            model.addAttribute("administered", administered);
        }
        return "groups";
    }

    @PostMapping
    String create(Caller caller, @RequestParam String name, RedirectAttributes flash) {
        try {
            var group = groups.create(caller, name);
            flash.addFlashAttribute("notice", "Group '" + group.name() + "' created.");
            return "redirect:/groups/" + group.id();
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("draftName", name);
            return "redirect:/groups";
        }
    }

    @PostMapping("/{id}/rename")
    String rename(Caller caller, @PathVariable UUID id, @RequestParam String name, RedirectAttributes flash) {
        try {
            var group = groups.rename(caller, new GroupId(id), name);
            flash.addFlashAttribute("notice", "Group renamed to '" + group.name() + "'.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/groups";
    }

    @PostMapping("/{id}/delete")
    String delete(Caller caller, @PathVariable UUID id, RedirectAttributes flash) {
        var group = groups.get(caller, new GroupId(id));
        try {
            groups.delete(caller, group.id());
            flash.addFlashAttribute("notice", "Group '" + group.name() + "' deleted.");
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/groups";
    }

    @GetMapping("/{id}")
    String group(Caller caller, @PathVariable UUID id, Model model) {
        var group = groups.get(caller, new GroupId(id));
        model.addAttribute("group", group);
        model.addAttribute("members", groups.members(caller, group.id()));
        model.addAttribute("mayAppoint", caller.spaceAdmin() && group.custom());
        model.addAttribute("mayManageMembers", group.membersEditable());
        return "group";
    }

    /** Adds the user of the space with this e-mail; group admins may too (T-G3). */
    @PostMapping("/{id}/members")
    String addMember(Caller caller, @PathVariable UUID id, @RequestParam String email, RedirectAttributes flash) {
        var group = groups.get(caller, new GroupId(id)).id();
        try {
            var user = userByEmail(caller, email);
            groups.addMember(caller, group, user.id());
            flash.addFlashAttribute("notice", user.displayName() + " is now a member.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("draftEmail", email);
        } catch (NotFoundException e) {
            if (!"user.not_found".equals(e.code())) {
                throw e;
            }
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("draftEmail", email);
        }
        return "redirect:/groups/" + id;
    }

    @PostMapping("/{id}/members/{user}/remove")
    String removeMember(Caller caller, @PathVariable UUID id, @PathVariable UUID user, RedirectAttributes flash) {
        try {
            groups.removeMember(caller, new GroupId(id), new UserId(user));
            flash.addFlashAttribute("notice", "Member removed.");
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/groups/" + id;
    }

    @PostMapping("/{id}/admins/{user}")
    String appoint(Caller caller, @PathVariable UUID id, @PathVariable UUID user,
            @RequestParam(defaultValue = "true") boolean admin, RedirectAttributes flash) {
        try {
            groups.setGroupAdmin(caller, new GroupId(id), new UserId(user), admin);
            flash.addFlashAttribute("notice", admin ? "Now a group admin: they may add and remove members."
                    : "No longer a group admin.");
        } catch (ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/groups/" + id;
    }

    @GetMapping("/{id}/access")
    String access(Caller caller, @PathVariable UUID id, Model model) {
        var group = groups.get(caller, new GroupId(id));
        var access = groups.access(caller, group.id());
        model.addAttribute("group", group);
        model.addAttribute("editable", group.grantsEditable());
        if (!group.grantsEditable()) {
            model.addAttribute("rules", fixedRules(group.builtIn()));
            return "group-access";
        }
        var appTree = apps.tree(caller);
        var appFolders = appTree.folders().stream().map(folder -> new FolderEntry(folder.id().value(), folder.name(),
                level(access.folders(), folder.id().value()),
                entries(appTree.apps().stream().filter(app -> folder.id().equals(app.folderId())).toList(),
                        app -> app.id().value(), app -> app.name(), access.apps())))
                .toList();
        var rootApps = entries(appTree.apps().stream().filter(app -> app.folderId() == null).toList(),
                app -> app.id().value(), app -> app.name(), access.apps());
        model.addAttribute("apps", new Section(name(access.globalApps()), appFolders, rootApps));

        var resourceTree = resources.tree(caller);
        var resourceFolders = resourceTree.folders().stream().map(folder -> new FolderEntry(folder.id().value(),
                folder.name(), level(access.resourceFolders(), folder.id().value()),
                entries(resourceTree.resources().stream().filter(r -> folder.id().equals(r.folderId())).toList(),
                        r -> r.id().value(), r -> r.name(), access.resources())))
                .toList();
        var rootResources = entries(resourceTree.resources().stream().filter(r -> r.folderId() == null).toList(),
                r -> r.id().value(), r -> r.name(), access.resources());
        model.addAttribute("resources", new Section(name(access.globalResources()), resourceFolders, rootResources));
        model.addAttribute("additional", access.additional().stream().map(Enum::name).toList());
        model.addAttribute("appLevels", APP_LEVELS);
        model.addAttribute("resourceLevels", RESOURCE_LEVELS);
        model.addAttribute("additionalChoices", ADDITIONAL);
        return "group-access";
    }

    /** T-G5: the whole form is the group's new access, saved in one call, so in one transaction. */
    @PostMapping("/{id}/access")
    String saveAccess(Caller caller, @PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes flash) {
        var group = new GroupId(id);
        try {
            var name = groups.get(caller, group).name();
            groups.saveAccess(caller, group, change(form));
            flash.addFlashAttribute("notice", "Access of " + name + " saved.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/groups/" + id + "/access";
    }

    /** Reads the editor's fields: {@code folder.<id>}, {@code app.<id>}, {@code resourceFolder.<id>}, {@code resource.<id>}… */
    static AccessChange change(MultiValueMap<String, String> form) {
        var folders = new HashMap<UUID, AccessLevel>();
        var appLevels = new HashMap<UUID, AccessLevel>();
        var resourceFolders = new HashMap<UUID, AccessLevel>();
        var resourceLevels = new HashMap<UUID, AccessLevel>();
        var byPrefix = new LinkedHashMap<String, Map<UUID, AccessLevel>>();
        byPrefix.put("folder.", folders);
        byPrefix.put("app.", appLevels);
        byPrefix.put("resourceFolder.", resourceFolders);
        byPrefix.put("resource.", resourceLevels);
        form.forEach((key, values) -> byPrefix.forEach((prefix, levels) -> {
            if (key.startsWith(prefix)) {
                var level = level(key, values.isEmpty() ? null : values.get(0));
                if (level != null) {
                    levels.put(uuid(key, key.substring(prefix.length())), level);
                }
            }
        }));
        var additional = EnumSet.noneOf(AdditionalAccess.class);
        for (String value : form.getOrDefault("additional", List.of())) {
            try {
                additional.add(AdditionalAccess.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.of("additional", "request.invalid_option", "Unknown additional access: " + value);
            }
        }
        var access = new GroupAccess(level("globalApps", form.getFirst("globalApps")), folders, appLevels,
                level("globalResources", form.getFirst("globalResources")), resourceFolders, resourceLevels, additional);
        return new AccessChange(access, uuids("applyToApps", form), uuids("applyToResources", form));
    }

    private SpaceUser userByEmail(Caller caller, String email) {
        String address = email == null ? "" : email.strip();
        if (address.isEmpty()) {
            throw InvalidInputException.of("email", "field.required", "Enter the e-mail of a user of this space.");
        }
        var found = users.search(caller, new UserQuery(address, UserFilter.ALL, UserSort.NAME,
                PageRequest.first(PageRequest.MAX_LIMIT)));
        return found.items().stream().filter(user -> user.email().equalsIgnoreCase(address)).findFirst()
                .orElseThrow(() -> new NotFoundException("user.not_found",
                        "There is no user " + address + " in this space; invite them on the Users page first."));
    }

    private static FixedRules fixedRules(BuiltInGroup builtIn) {
        return switch (builtIn) {
            case VIEWER -> new FixedRules("Use on every folder and app", "Use on every resource folder and resource", "None");
            case EDITOR -> new FixedRules("Edit on every folder and app", "Edit on every resource folder and resource", "None");
            case ADMIN -> new FixedRules("Own on every folder and app", "Edit on every resource folder and resource",
                    "All, and the space's settings");
            case ALL_USERS -> throw new IllegalArgumentException("All Users' access is editable");
        };
    }

    private static <T> List<Entry> entries(List<T> objects, Function<T, UUID> id, Function<T, String> name,
            Map<UUID, AccessLevel> levels) {
        var entries = new ArrayList<Entry>();
        for (T object : objects) {
            entries.add(new Entry(id.apply(object), name.apply(object), level(levels, id.apply(object))));
        }
        return entries;
    }

    private static String level(Map<UUID, AccessLevel> levels, UUID id) {
        return name(levels.get(id));
    }

    private static String name(AccessLevel level) {
        return level == null ? "" : level.name();
    }

    private static AccessLevel level(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AccessLevel.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, "access.invalid_level", "Unknown level: " + value);
        }
    }

    private static Set<UUID> uuids(String field, MultiValueMap<String, String> form) {
        var ids = new HashSet<UUID>();
        for (String value : form.getOrDefault(field, List.of())) {
            ids.add(uuid(field, value));
        }
        return ids;
    }

    private static UUID uuid(String field, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of(field, "request.invalid_id", "Not an id: " + value);
        }
    }
}
