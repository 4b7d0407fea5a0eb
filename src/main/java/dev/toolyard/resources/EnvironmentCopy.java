package dev.toolyard.resources;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.toolyard.access.GroupId;
import dev.toolyard.access.PermissionGroup;
import dev.toolyard.access.PermissionGroups;
import dev.toolyard.spaces.SpaceCopiedFromAdminSpace;
import dev.toolyard.spaces.SpaceManagement;

/**
 * T-SP5 with T-RS3: a space copying from the admin space also gets its custom environments, in
 * the same transaction as the rest of the copy. A limit follows the groups by name (the group
 * definitions were copied just before); a limit whose groups the child lacks stays a limit, to
 * admins only. Environments the child already has by that name are left as they are.
 */
@Component
class EnvironmentCopy {

    private final EnvironmentRepository repository;
    private final PermissionGroups groups;
    private final SpaceManagement spaces;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EnvironmentCopy(EnvironmentRepository repository, PermissionGroups groups, SpaceManagement spaces,
            ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.groups = groups;
        this.spaces = spaces;
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void on(SpaceCopiedFromAdminSpace copy) {
        var admin = spaces.adminSpaceId();
        var target = copy.space().id();
        var adminGroupNames = new HashMap<GroupId, String>();
        groups.all(admin).forEach(group -> adminGroupNames.put(group.id(), key(group)));
        var targetGroups = new HashMap<String, GroupId>();
        groups.all(target).forEach(group -> targetGroups.put(key(group), group.id()));
        var copied = new ArrayList<String>();
        for (var environment : repository.all(admin)) {
            if (environment.builtIn() || repository.find(target, environment.name()).isPresent()) {
                continue;
            }
            List<GroupId> limitedTo = environment.groups().stream().map(adminGroupNames::get)
                    .map(targetGroups::get).filter(java.util.Objects::nonNull).toList();
            repository.insert(target, new EnvironmentRepository.Row(UUID.randomUUID(), environment.name(), false,
                    environment.limited(), limitedTo, clock.instant()));
            copied.add(environment.name());
        }
        if (!copied.isEmpty()) {
            events.publishEvent(new EnvironmentsCopied(copy.caller(), target, copied));
        }
    }

    /** Built-in groups match by their rule, custom ones by name. */
    private static String key(PermissionGroup group) {
        return group.builtIn() != null ? "built-in:" + group.builtIn() : group.name().toLowerCase(Locale.ROOT);
    }
}
