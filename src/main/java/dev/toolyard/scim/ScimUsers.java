package dev.toolyard.scim;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.GroupId;
import dev.toolyard.access.GroupManagement;
import dev.toolyard.identity.ProvisionedUsers;
import dev.toolyard.identity.SpaceUser;
import dev.toolyard.identity.UserState;
import dev.toolyard.scim.SqlFilter.Column;
import dev.toolyard.scim.SqlFilter.Kind;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.UserId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SCIM Users (RFC 7644 §3) of the token's space: the user records of identity, provisioned through
 * {@link ProvisionedUsers}, with SCIM's own row beside each. Every change is one transaction with
 * its audit entries; {@code If-Match} is checked under the row's lock.
 */
@Service
class ScimUsers {

    /** Sortable attributes and their SQL; the request names one of these keys, never SQL. */
    private static final Map<String, String> SORTS = Map.of(
            "id", "s.user_id", "username", "lower(s.user_name)", "externalid", "s.external_id",
            "name.givenname", "lower(s.given_name)", "name.familyname", "lower(s.family_name)",
            "displayname", "lower(s.display_name)", "meta.created", "s.created_at",
            "meta.lastmodified", "s.last_modified", "active", "s.active");

    private final ScimUserRepository rows;
    private final ScimGroupRepository groupRows;
    private final ProvisionedUsers provisioned;
    private final GroupManagement groups;
    private final AccessEngine engine;
    private final JsonMapper json;
    private final Clock clock;

    ScimUsers(ScimUserRepository rows, ScimGroupRepository groupRows, ProvisionedUsers provisioned,
            GroupManagement groups, AccessEngine engine, JsonMapper json, Clock clock) {
        this.rows = rows;
        this.groupRows = groupRows;
        this.provisioned = provisioned;
        this.groups = groups;
        this.engine = engine;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A retried POST must not leave the provider stuck: a userName SCIM already manages here is a
     * 409 {@code uniqueness} whose detail names the existing id (the provider then finds it with
     * {@code filter=userName eq "…"}, which is how Entra ID and Okta match). A person the space
     * already has but SCIM did not provision (invited in the console, say) is taken over instead.
     */
    @Transactional
    public ScimUserRow create(Caller caller, JsonNode body) {
        var scim = ScimCallers.of(caller);
        var input = UserInput.of(body);
        rows.findByUserName(scim.spaceId(), input.userName()).ifPresent(existing -> {
            throw uniqueness(input.userName(), existing.userId());
        });
        var user = provisioned.provision(scim, profile(input), input.active(), audit(null, input.externalId()));
        var now = clock.instant();
        var row = row(user, input, 1, now, now);
        try {
            rows.insert(scim.spaceId(), row);
        } catch (DuplicateKeyException e) {
            throw uniqueness(input.userName(), user.id().value());
        }
        return row;
    }

    @Transactional(readOnly = true)
    public ScimUserRow get(Caller caller, String id) {
        var scim = ScimCallers.of(caller);
        return rows.find(scim.spaceId(), parse(id), false).orElseThrow(() -> ScimErrors.userNotFound(id));
    }

    @Transactional(readOnly = true)
    public ScimTable.Listed<ScimUserRow> list(Caller caller, ListRequest request) {
        var scim = ScimCallers.of(caller);
        return rows.list(scim.spaceId(), request, attributes(scim), order(request));
    }

    @Transactional
    public ScimUserRow replace(Caller caller, String id, JsonNode body, String ifMatch) {
        var scim = ScimCallers.of(caller);
        var row = locked(scim, id, ifMatch);
        return save(scim, row, UserInput.of(body));
    }

    @Transactional
    public ScimUserRow patch(Caller caller, String id, JsonNode body, String ifMatch) {
        var scim = ScimCallers.of(caller);
        var row = locked(scim, id, ifMatch);
        var resource = writable(row);
        new ScimPatch(ScimSchemas.USER, ScimSchemas.ENTERPRISE_USER).apply(resource, body);
        return save(scim, row, UserInput.of(resource));
    }

    /**
     * DELETE disables the user in the space (T-U4: sessions and tokens end, their apps and audit
     * trail stay) and ends SCIM's management: the resource is gone for the provider, and the
     * space's admins decide in the console whether the person comes back.
     */
    @Transactional
    public void delete(Caller caller, String id, String ifMatch) {
        var scim = ScimCallers.of(caller);
        var row = locked(scim, id, ifMatch);
        var user = provisioned.get(scim, new UserId(row.userId()));
        var audit = new LinkedHashMap<String, Object>();
        audit.put("scim", "deleted");
        provisioned.update(scim, user.id(), new ProvisionedUsers.Profile(user.email(), user.firstName(),
                user.lastName(), Map.of()), false, audit);
        rows.delete(scim.spaceId(), row.userId());
    }

    /** The user as SCIM shows them; {@code groups} lists the SCIM groups they are in. */
    ObjectNode json(Caller caller, ScimUserRow row, String baseUrl, GroupIds scimGroups) {
        var node = writable(row);
        var resource = json.createObjectNode();
        var schemas = resource.putArray("schemas").add(Scim.USER);
        if (node.has(Scim.ENTERPRISE_USER)) {
            schemas.add(Scim.ENTERPRISE_USER);
        }
        resource.put("id", row.userId().toString());
        resource.setAll(node);
        var name = (ObjectNode) resource.get("name");
        name.put("formatted", (row.givenName() + " " + row.familyName()).strip());
        if (resource.get(Scim.ENTERPRISE_USER) instanceof ObjectNode ext && ext.get("manager") instanceof ObjectNode manager) {
            manager.put("$ref", baseUrl + "/Users/" + manager.get("value").asString());
        }
        var memberOf = resource.putArray("groups");
        for (var group : engine.memberGroups(caller.spaceId(), new UserId(row.userId()))) {
            if (group.custom() && scimGroups.contains(group.id().value())) {
                var reference = memberOf.addObject();
                reference.put("value", group.id().toString());
                reference.put("$ref", baseUrl + "/Groups/" + group.id());
                reference.put("display", group.name());
                reference.put("type", "direct");
            }
        }
        var meta = resource.putObject("meta");
        meta.put("resourceType", "User");
        meta.put("created", row.created().toString());
        meta.put("lastModified", row.lastModified().toString());
        meta.put("location", baseUrl + "/Users/" + row.userId());
        meta.put("version", row.etag());
        return resource;
    }

    /** The ids of the space's SCIM groups, read once per response and only when a user is in a custom group. */
    GroupIds scimGroups(Caller caller) {
        return new GroupIds(() -> groupRows.ids(caller.spaceId()));
    }

    static final class GroupIds {

        private final Supplier<Set<UUID>> loader;
        private Set<UUID> ids;

        GroupIds(Supplier<Set<UUID>> loader) {
            this.loader = loader;
        }

        boolean contains(UUID group) {
            if (ids == null) {
                ids = loader.get();
            }
            return ids.contains(group);
        }
    }

    private ScimUserRow save(Caller scim, ScimUserRow row, UserInput input) {
        if (!input.userName().equalsIgnoreCase(row.userName())) {
            rows.findByUserName(scim.spaceId(), input.userName()).ifPresent(other -> {
                throw uniqueness(input.userName(), other.userId());
            });
        }
        var user = provisioned.update(scim, new UserId(row.userId()), profile(input), input.active(),
                audit(row.externalId(), input.externalId()));
        var updated = row(user, input, row.version() + 1, row.created(), clock.instant());
        rows.update(scim.spaceId(), updated);
        return updated;
    }

    private ScimUserRow locked(Caller scim, String id, String ifMatch) {
        var row = rows.find(scim.spaceId(), parse(id), true).orElseThrow(() -> ScimErrors.userNotFound(id));
        ETags.check(ifMatch, row.version());
        return row;
    }

    private ScimUserRow row(SpaceUser user, UserInput input, long version, Instant created,
            Instant modified) {
        return new ScimUserRow(user.id().value(), input.externalId(), user.email(), user.firstName(), user.lastName(),
                input.displayName(), json.writeValueAsString(input.emails()), json.writeValueAsString(input.enterprise()),
                user.state() == UserState.ENABLED, version, created, modified);
    }

    /** The attributes a provider may write, as a PATCH works on them. */
    private ObjectNode writable(ScimUserRow row) {
        var node = json.createObjectNode();
        if (row.externalId() != null) {
            node.put("externalId", row.externalId());
        }
        node.put("userName", row.userName());
        var name = node.putObject("name");
        name.put("givenName", row.givenName());
        name.put("familyName", row.familyName());
        if (row.displayName() != null) {
            node.put("displayName", row.displayName());
        }
        node.set("emails", (ArrayNode) json.readTree(row.emailsJson()));
        node.put("active", row.active());
        var enterprise = (ObjectNode) json.readTree(row.enterpriseJson());
        if (!enterprise.isEmpty()) {
            if (enterprise.get("manager") != null) {
                var manager = json.createObjectNode().put("value", enterprise.get("manager").asString());
                enterprise.set("manager", manager);
            }
            node.set(Scim.ENTERPRISE_USER, enterprise);
        }
        return node;
    }

    private static ProvisionedUsers.Profile profile(UserInput input) {
        var attributes = new HashMap<String, String>();
        ScimSchemas.ENTERPRISE_KEYS.forEach(key -> attributes.put(key, input.enterprise().get(key)));
        return new ProvisionedUsers.Profile(input.userName(), input.givenName(), input.familyName(), attributes);
    }

    private static Map<String, Object> audit(String externalIdBefore, String externalId) {
        if (Objects.equals(externalIdBefore, externalId)) {
            return Map.of();
        }
        var audit = new LinkedHashMap<String, Object>();
        audit.put("externalId", externalId);
        return audit;
    }

    private SqlFilter.Attributes attributes(Caller scim) {
        var columns = new HashMap<String, Column>();
        columns.put("id", new Column("s.user_id::text", Kind.TEXT, true));
        columns.put("username", new Column("s.user_name", Kind.TEXT, false));
        columns.put("externalid", new Column("s.external_id", Kind.TEXT, true));
        columns.put("name.givenname", new Column("s.given_name", Kind.TEXT, false));
        columns.put("name.familyname", new Column("s.family_name", Kind.TEXT, false));
        columns.put("name.formatted", new Column("trim(s.given_name || ' ' || s.family_name)", Kind.TEXT, false));
        columns.put("displayname", new Column("s.display_name", Kind.TEXT, false));
        columns.put("active", new Column("s.active", Kind.BOOLEAN, false));
        columns.put("meta.created", new Column("s.created_at", Kind.TIME, false));
        columns.put("meta.lastmodified", new Column("s.last_modified", Kind.TIME, false));
        String prefix = Scim.ENTERPRISE_USER.toLowerCase(Locale.ROOT) + ":";
        for (String key : ScimSchemas.ENTERPRISE_KEYS) {
            var column = new Column("(s.enterprise ->> '" + key + "')", Kind.TEXT, key.equals("manager"));
            columns.put(prefix + key.toLowerCase(Locale.ROOT) + (key.equals("manager") ? ".value" : ""), column);
        }
        var emails = new SqlFilter.Elements("s.emails", Map.of(
                "value", new Column("(e ->> 'value')", Kind.TEXT, false),
                "type", new Column("(e ->> 'type')", Kind.TEXT, false),
                "display", new Column("(e ->> 'display')", Kind.TEXT, false),
                "primary", new Column("cast(e ->> 'primary' as boolean)", Kind.BOOLEAN, false)));
        // Only SCIM groups are a user's "groups" here; asking the access module about another id would fail.
        var memberOf = new SqlFilter.Membership("s.user_id", group -> {
            var members = new ArrayList<UUID>();
            if (groupRows.find(scim.spaceId(), group, false).isPresent()) {
                groups.members(scim, new GroupId(group)).forEach(member -> members.add(member.member().id().value()));
            }
            return members;
        });
        return new SqlFilter.Attributes(columns, Map.of("emails", emails), Map.of("groups.value", memberOf),
                Scim.ENTERPRISE_USER);
    }

    private static String order(ListRequest request) {
        if (request.sortBy() == null) {
            return "s.created_at, s.user_id";
        }
        var path = AttributePath.parse(request.sortBy(), Scim.INVALID_VALUE);
        String sql = SORTS.get(path.key());
        if (sql == null) {
            throw ScimErrors.invalidValue("sortBy names one of: userName, name.givenName, name.familyName, displayName, "
                    + "externalId, active, meta.created, meta.lastModified, id.");
        }
        String direction = request.descending() ? " desc nulls last" : " asc nulls last";
        return sql + direction + ", s.user_id" + (request.descending() ? " desc" : "");
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ScimErrors.userNotFound(id);
        }
    }

    private static ConflictException uniqueness(String userName, UUID existing) {
        return new ConflictException(Scim.UNIQUENESS, "The userName " + userName + " is already provisioned as the user "
                + existing + ".");
    }
}
