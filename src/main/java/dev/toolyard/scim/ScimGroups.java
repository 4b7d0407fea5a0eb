package dev.toolyard.scim;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.GroupId;
import dev.toolyard.access.GroupManagement;
import dev.toolyard.access.PermissionGroup;
import dev.toolyard.access.PermissionGroups;
import dev.toolyard.scim.SqlFilter.Column;
import dev.toolyard.scim.SqlFilter.Kind;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.UserId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * SCIM Groups of the token's space: custom permission groups, changed through
 * {@link GroupManagement} so the access engine hears of every membership a provider pushes.
 * Built-in groups (All Users, Viewer, Editor, Admin) are not SCIM resources: their rules are
 * Toolyard's, and a provider must never be able to make someone an admin.
 */
@Service
class ScimGroups {

    private static final Map<String, String> SORTS = Map.of("id", "s.group_id", "displayname", "lower(s.display_name)",
            "externalid", "s.external_id", "meta.created", "s.created_at", "meta.lastmodified", "s.last_modified");

    private final ScimGroupRepository rows;
    private final GroupManagement groups;
    private final PermissionGroups permissionGroups;
    private final AccessEngine engine;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    ScimGroups(ScimGroupRepository rows, GroupManagement groups, PermissionGroups permissionGroups, AccessEngine engine,
            ApplicationEventPublisher events, JsonMapper json, Clock clock) {
        this.rows = rows;
        this.groups = groups;
        this.permissionGroups = permissionGroups;
        this.engine = engine;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** A group as a provider sends it. */
    record GroupInput(String displayName, String externalId, Set<UserId> members) {

        static GroupInput of(JsonNode body) {
            if (body == null || !body.isObject()) {
                throw ScimErrors.invalid(Scim.INVALID_SYNTAX, "A Group is a JSON object.");
            }
            var group = (ObjectNode) body;
            var name = ValueFilters.field(group, "displayName");
            if (name == null || !name.isString() || name.asString().isBlank()) {
                throw ScimErrors.invalidValue("displayName is required.");
            }
            var externalId = ValueFilters.field(group, "externalId");
            if (externalId != null && !externalId.isNull() && (!externalId.isString() || externalId.asString().length() > 2000)) {
                throw ScimErrors.invalidValue("externalId is a string of at most 2000 characters.");
            }
            var members = new LinkedHashSet<UserId>();
            var list = ValueFilters.field(group, "members");
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    throw ScimErrors.invalidValue("members is an array.");
                }
                for (var member : list) {
                    var value = member instanceof ObjectNode object ? ValueFilters.field(object, "value") : null;
                    if (value == null || !value.isString()) {
                        throw ScimErrors.invalidValue("Each member is an object with the user's id as its value.");
                    }
                    try {
                        members.add(UserId.parse(value.asString()));
                    } catch (IllegalArgumentException e) {
                        throw ScimErrors.invalidValue("'" + value.asString() + "' is not a user of this space.");
                    }
                }
            }
            return new GroupInput(name.asString().strip(),
                    externalId == null || externalId.isNull() ? null : externalId.asString(), members);
        }
    }

    /**
     * A displayName SCIM already pushes here is a 409 {@code uniqueness} naming the existing id; a
     * custom group of that name made in the console is taken over (its grants stay), a built-in
     * group's name is refused.
     */
    @Transactional
    public ScimGroupRow create(Caller caller, JsonNode body) {
        var scim = ScimCallers.of(caller);
        var input = GroupInput.of(body);
        rows.findByName(scim.spaceId(), input.displayName()).ifPresent(existing -> {
            throw uniqueness(input.displayName(), existing.groupId());
        });
        var existing = permissionGroups.all(scim.spaceId()).stream()
                .filter(candidate -> candidate.name().equalsIgnoreCase(input.displayName())).findFirst();
        if (existing.isPresent() && !existing.get().custom()) {
            throw new ConflictException(Scim.UNIQUENESS, "'" + existing.get().name()
                    + "' is a built-in group, which SCIM does not change.");
        }
        var group = existing.isPresent() ? existing.get() : groups.create(scim, input.displayName());
        // Members first: the row is written last, so access's events of this request find no row to touch.
        changeMembers(scim, group.id(), existing.isPresent() ? memberIds(scim, group.id()) : Set.of(), input.members());
        publishLink(scim, group, null, input.externalId());
        var now = clock.instant();
        var row = new ScimGroupRow(group.id().value(), input.externalId(), group.name(), 1, now, now);
        try {
            rows.insert(scim.spaceId(), row);
        } catch (DuplicateKeyException e) {
            throw uniqueness(input.displayName(), group.id().value());
        }
        return row;
    }

    @Transactional(readOnly = true)
    public ScimGroupRow get(Caller caller, String id) {
        var scim = ScimCallers.of(caller);
        return rows.find(scim.spaceId(), parse(id), false).orElseThrow(() -> ScimErrors.groupNotFound(id));
    }

    @Transactional(readOnly = true)
    public ScimTable.Listed<ScimGroupRow> list(Caller caller, ListRequest request) {
        var scim = ScimCallers.of(caller);
        return rows.list(scim.spaceId(), request, attributes(scim), order(request));
    }

    @Transactional
    public ScimGroupRow replace(Caller caller, String id, JsonNode body, String ifMatch) {
        var scim = ScimCallers.of(caller);
        var row = locked(scim, id, ifMatch);
        return save(scim, row, GroupInput.of(body), memberIds(scim, row));
    }

    @Transactional
    public ScimGroupRow patch(Caller caller, String id, JsonNode body, String ifMatch) {
        var scim = ScimCallers.of(caller);
        var row = locked(scim, id, ifMatch);
        var current = memberIds(scim, row);
        var resource = json.createObjectNode();
        resource.put("displayName", row.displayName());
        if (row.externalId() != null) {
            resource.put("externalId", row.externalId());
        }
        var members = resource.putArray("members");
        current.forEach(member -> members.addObject().put("value", member.toString()));
        new ScimPatch(ScimSchemas.GROUP, null).apply(resource, body);
        return save(scim, row, GroupInput.of(resource), current);
    }

    /** Deletes the permission group itself: its grants and memberships go with it. */
    @Transactional
    public void delete(Caller caller, String id, String ifMatch) {
        var scim = ScimCallers.of(caller);
        var row = locked(scim, id, ifMatch);
        rows.delete(scim.spaceId(), row.groupId());
        groups.delete(scim, new GroupId(row.groupId()));
    }

    ObjectNode json(Caller caller, ScimGroupRow row, String baseUrl, boolean withMembers) {
        var resource = json.createObjectNode();
        resource.putArray("schemas").add(Scim.GROUP);
        resource.put("id", row.groupId().toString());
        if (row.externalId() != null) {
            resource.put("externalId", row.externalId());
        }
        resource.put("displayName", row.displayName());
        if (withMembers) {
            var members = resource.putArray("members");
            for (var member : groups.members(ScimCallers.of(caller), new GroupId(row.groupId()))) {
                var reference = members.addObject();
                reference.put("value", member.member().id().toString());
                reference.put("$ref", baseUrl + "/Users/" + member.member().id());
                reference.put("display", member.member().name());
                reference.put("type", "User");
            }
        }
        var meta = resource.putObject("meta");
        meta.put("resourceType", "Group");
        meta.put("created", row.created().toString());
        meta.put("lastModified", row.lastModified().toString());
        meta.put("location", baseUrl + "/Groups/" + row.groupId());
        meta.put("version", row.etag());
        return resource;
    }

    private ScimGroupRow save(Caller scim, ScimGroupRow row, GroupInput input, Set<UserId> current) {
        var id = new GroupId(row.groupId());
        String name = row.displayName();
        if (!input.displayName().equals(row.displayName())) {
            rows.findByName(scim.spaceId(), input.displayName())
                    .filter(other -> !other.groupId().equals(row.groupId()))
                    .ifPresent(other -> {
                        throw uniqueness(input.displayName(), other.groupId());
                    });
            name = groups.rename(scim, id, input.displayName()).name();
        }
        changeMembers(scim, id, current, input.members());
        if (!Objects.equals(row.externalId(), input.externalId())) {
            publishLink(scim, groups.get(scim, id), row.externalId(), input.externalId());
        }
        var updated = new ScimGroupRow(row.groupId(), input.externalId(), name, row.version() + 1, row.created(),
                clock.instant());
        rows.update(scim.spaceId(), updated);
        return updated;
    }

    private void changeMembers(Caller scim, GroupId id, Set<UserId> current, Set<UserId> wanted) {
        var add = wanted.stream().filter(user -> !current.contains(user)).toList();
        var remove = current.stream().filter(user -> !wanted.contains(user)).toList();
        if (add.isEmpty() && remove.isEmpty()) {
            return;
        }
        try {
            groups.changeMembers(scim, id, add, remove);
        } catch (NotFoundException e) {
            throw ScimErrors.invalidValue("A member is not a user of this space: " + e.getMessage());
        }
    }

    private Set<UserId> memberIds(Caller scim, ScimGroupRow row) {
        return memberIds(scim, new GroupId(row.groupId()));
    }

    private Set<UserId> memberIds(Caller scim, GroupId group) {
        var ids = new LinkedHashSet<UserId>();
        groups.members(scim, group).forEach(member -> ids.add(member.member().id()));
        return ids;
    }

    private void publishLink(Caller scim, PermissionGroup group, String before, String after) {
        if (Objects.equals(before, after)) {
            return;
        }
        var beforeState = new LinkedHashMap<String, Object>();
        beforeState.put("externalId", before);
        var afterState = new LinkedHashMap<String, Object>();
        afterState.put("externalId", after);
        events.publishEvent(new ScimGroupLinked(scim, group, beforeState, afterState));
    }

    private ScimGroupRow locked(Caller scim, String id, String ifMatch) {
        var row = rows.find(scim.spaceId(), parse(id), true).orElseThrow(() -> ScimErrors.groupNotFound(id));
        ETags.check(ifMatch, row.version());
        return row;
    }

    private SqlFilter.Attributes attributes(Caller scim) {
        var columns = new HashMap<String, Column>();
        columns.put("id", new Column("s.group_id::text", Kind.TEXT, true));
        columns.put("displayname", new Column("s.display_name", Kind.TEXT, false));
        columns.put("externalid", new Column("s.external_id", Kind.TEXT, true));
        columns.put("meta.created", new Column("s.created_at", Kind.TIME, false));
        columns.put("meta.lastmodified", new Column("s.last_modified", Kind.TIME, false));
        var members = new SqlFilter.Membership("s.group_id", user -> {
            var ids = new ArrayList<UUID>();
            engine.groupsOf(scim.spaceId(), new UserId(user)).forEach(group -> ids.add(group.value()));
            return ids;
        });
        return new SqlFilter.Attributes(columns, Map.of(), Map.of("members.value", members), null);
    }

    private static String order(ListRequest request) {
        if (request.sortBy() == null) {
            return "s.created_at, s.group_id";
        }
        String sql = SORTS.get(AttributePath.parse(request.sortBy(), Scim.INVALID_VALUE).key());
        if (sql == null) {
            throw ScimErrors.invalidValue("sortBy names one of: displayName, externalId, meta.created, meta.lastModified, id.");
        }
        return sql + (request.descending() ? " desc nulls last, s.group_id desc" : " asc nulls last, s.group_id");
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ScimErrors.groupNotFound(id);
        }
    }

    private static ConflictException uniqueness(String name, UUID existing) {
        return new ConflictException(Scim.UNIQUENESS, "The displayName '" + name + "' is already provisioned as the group "
                + existing + ".");
    }

}
