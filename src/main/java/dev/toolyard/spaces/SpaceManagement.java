package dev.toolyard.spaces;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.GroupManagement;
import dev.toolyard.access.PermissionGroups;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.FieldProblem;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.Page;
import dev.toolyard.shared.PageRequest;
import dev.toolyard.shared.SpaceId;

/**
 * Spaces as instance admins manage them (T-SP1, T-SP4), the same for console and API. Every
 * change publishes an event that the audit trail records in the same transaction.
 */
@Service
public class SpaceManagement {

    static final String ADMIN_SPACE_NAME = "Admin";
    static final int MAX_NAME_LENGTH = 80;

    private final SpaceRepository spaces;
    private final PermissionGroups groups;
    private final GroupManagement groupManagement;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private volatile SpaceId adminSpaceId;

    SpaceManagement(SpaceRepository spaces, PermissionGroups groups, GroupManagement groupManagement,
            ApplicationEventPublisher events, Clock clock) {
        this.spaces = spaces;
        this.groups = groups;
        this.groupManagement = groupManagement;
        this.events = events;
        this.clock = clock;
    }

    /** T-SP1: the one admin space, made at first start. */
    @Transactional
    public Space ensureAdminSpace() {
        return spaces.findAdminSpace().orElseGet(() -> {
            var now = clock.instant();
            var created = new Space(SpaceId.random(), ADMIN_SPACE_NAME, true, now, now);
            if (!spaces.insert(created)) {
                throw new IllegalStateException("Another node created the admin space at the same moment; start again");
            }
            groups.provisionBuiltInGroups(created.id());
            return created;
        });
    }

    /** The admin space can be neither deleted nor replaced, so its id is read once. */
    public SpaceId adminSpaceId() {
        var cached = adminSpaceId;
        if (cached == null) {
            cached = spaces.findAdminSpace().map(Space::id)
                    .orElseThrow(() -> new IllegalStateException("The admin space is made at first start"));
            adminSpaceId = cached;
        }
        return cached;
    }

    @Transactional(readOnly = true)
    public Page<Space> list(Caller caller, PageRequest page) {
        caller.requireScope(ApiScope.SPACES_READ);
        caller.requireInstanceAdmin();
        var after = page.after(2);
        var items = after.isEmpty()
                ? spaces.page(null, null, page.limit() + 1)
                : spaces.page(after.get(0), parseCursorId(after.get(1)), page.limit() + 1);
        if (items.size() <= page.limit()) {
            return new Page<>(items, null);
        }
        var shown = items.subList(0, page.limit());
        var last = shown.get(shown.size() - 1);
        return new Page<>(shown, PageRequest.cursorOf(last.name(), last.id().toString()));
    }

    @Transactional(readOnly = true)
    public Space get(Caller caller, SpaceId id) {
        caller.requireScope(ApiScope.SPACES_READ);
        caller.requireInstanceAdmin();
        return spaces.find(id).orElseThrow(() -> notFound(id));
    }

    /** Every space by name, for choosing one to switch to; callers filter what a person may enter. */
    @Transactional(readOnly = true)
    public List<Space> all() {
        return spaces.all();
    }

    public boolean exists(SpaceId id) {
        return spaces.find(id).isPresent();
    }

    /** The name of a space the caller is in, for showing where they are. */
    @Transactional(readOnly = true)
    public String nameOf(SpaceId id) {
        return spaces.find(id).map(Space::name).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public Space create(Caller caller, String name) {
        return create(caller, name, false);
    }

    /** T-SP5: with {@code copyFromAdminSpace}, the new space starts with the admin space's group definitions. */
    @Transactional
    public Space create(Caller caller, String name, boolean copyFromAdminSpace) {
        caller.requireScope(ApiScope.SPACES_WRITE);
        caller.requireInstanceAdmin();
        String valid = validName(name);
        var now = clock.instant();
        var space = new Space(SpaceId.random(), valid, false, now, now);
        if (!spaces.insert(space)) {
            throw nameTaken(valid);
        }
        groups.provisionBuiltInGroups(space.id());
        events.publishEvent(new SpaceCreated(caller, space));
        if (copyFromAdminSpace) {
            copyGroups(caller, space);
        }
        return space;
    }

    /**
     * T-SP5: copies the admin space's custom groups with their global rules and additional access,
     * never members and never grants on objects (those belong to the admin space). A copy is a
     * copy: later changes in the admin space do not reach the child. Returns the number copied.
     */
    @Transactional
    public int copyFromAdminSpace(Caller caller, SpaceId id) {
        caller.requireScope(ApiScope.SPACES_WRITE);
        caller.requireInstanceAdmin();
        var space = spaces.findForUpdate(id).orElseThrow(() -> notFound(id));
        if (space.adminSpace()) {
            throw new ConflictException("space.is_admin_space", "The admin space cannot copy from itself.");
        }
        return copyGroups(caller, space);
    }

    private int copyGroups(Caller caller, Space space) {
        int copied = groupManagement.copyDefinitions(adminSpaceId(), space.id());
        events.publishEvent(new SpaceCopiedFromAdminSpace(caller, space, copied));
        return copied;
    }

    @Transactional
    public Space rename(Caller caller, SpaceId id, String name) {
        caller.requireScope(ApiScope.SPACES_WRITE);
        caller.requireInstanceAdmin();
        String valid = validName(name);
        var before = spaces.findForUpdate(id).orElseThrow(() -> notFound(id));
        if (before.name().equals(valid)) {
            return before;
        }
        var now = clock.instant();
        if (!spaces.rename(id, valid, now)) {
            throw nameTaken(valid);
        }
        var after = new Space(id, valid, before.adminSpace(), before.createdAt(), now);
        events.publishEvent(new SpaceRenamed(caller, before, after));
        return after;
    }

    /** Removes the space and, through cascading keys, everything it owns; its audit chain stays. */
    @Transactional
    public Space delete(Caller caller, SpaceId id) {
        caller.requireScope(ApiScope.SPACES_WRITE);
        caller.requireInstanceAdmin();
        var space = spaces.findForUpdate(id).orElseThrow(() -> notFound(id));
        if (space.adminSpace()) {
            throw new ConflictException("space.admin_space_protected", "The admin space cannot be deleted.");
        }
        spaces.delete(id);
        events.publishEvent(new SpaceDeleted(caller, space));
        return space;
    }

    static String validName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw InvalidInputException.of("name", "field.required", "name must not be blank");
        }
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw InvalidInputException.of("name", "field.size",
                    "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.of("name", "field.invalid", "name must not contain control characters");
        }
        return trimmed;
    }

    private static UUID parseCursorId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("cursor", "request.invalid_cursor", "cursor is not one this API gave out");
        }
    }

    private static NotFoundException notFound(SpaceId id) {
        return new NotFoundException("space.not_found", "There is no space " + id + ".");
    }

    private static ConflictException nameTaken(String name) {
        return new ConflictException("space.name_taken", "A space named '" + name + "' already exists.",
                new FieldProblem("name", "space.name_taken", "is already taken"));
    }
}
