package dev.toolyard.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.BuiltInGroup;
import dev.toolyard.access.GroupManagement;
import dev.toolyard.access.PermissionGroups;
import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.Page;
import dev.toolyard.shared.PageRequest;
import dev.toolyard.shared.UserId;
import dev.toolyard.spaces.SpaceManagement;

/**
 * The users of a space as its admins manage them (T-U1–T-U7): search, invitations, suggestions,
 * disabling and enabling, attributes, and the e-mail domains whose people may ask to join. Every
 * method works in the caller's space only; a user of another space is "not found".
 */
@Service
public class SpaceUsers {

    static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_.-]{0,63}$");
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");
    private static final int MAX_ATTRIBUTE_VALUE = 2000;
    private static final int MAX_NAME = 100;
    /** Groups an admin may choose at invitation or approval; custom groups come with the groups page. */
    static final Set<BuiltInGroup> ASSIGNABLE = Set.of(BuiltInGroup.VIEWER, BuiltInGroup.EDITOR, BuiltInGroup.ADMIN);

    private final SpaceUserRepository repository;
    private final UserRepository users;
    private final PermissionGroups groups;
    private final SpaceManagement spaces;
    private final PublicUrls urls;
    private final AdminBootstrapProperties properties;
    private final ApplicationEventPublisher events;
    private final UserSessions sessions;
    private final GroupManagement groupManagement;
    private final TwoFactorRepository twoFactor;
    private final Clock clock;

    SpaceUsers(SpaceUserRepository repository, UserRepository users, PermissionGroups groups, SpaceManagement spaces,
            PublicUrls urls, AdminBootstrapProperties properties, ApplicationEventPublisher events,
            UserSessions sessions, GroupManagement groupManagement, TwoFactorRepository twoFactor,
            Clock clock) {
        this.repository = repository;
        this.users = users;
        this.groups = groups;
        this.spaces = spaces;
        this.urls = urls;
        this.properties = properties;
        this.events = events;
        this.sessions = sessions;
        this.groupManagement = groupManagement;
        this.twoFactor = twoFactor;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<SpaceUser> search(Caller caller, UserQuery query) {
        requireRead(caller);
        var after = query.page().after(2);
        var rows = repository.search(caller.spaceId(), query, after, admins(caller));
        if (rows.size() <= query.page().limit()) {
            return new Page<>(rows.stream().map(SpaceUserRepository.Row::user).toList(), null);
        }
        var shown = rows.subList(0, query.page().limit());
        var last = shown.get(shown.size() - 1);
        String key = query.sort() == UserSort.NAME ? last.nameKey()
                : last.user().lastActiveAt() == null ? "" : last.user().lastActiveAt().atOffset(ZoneOffset.UTC).toString();
        return new Page<>(shown.stream().map(SpaceUserRepository.Row::user).toList(),
                PageRequest.cursorOf(key, last.user().id().toString()));
    }

    @Transactional(readOnly = true)
    public UserDetail detail(Caller caller, UserId id) {
        requireRead(caller);
        var user = find(caller, id);
        var invitation = user.state() == UserState.INVITED
                ? repository.openInvitation(caller.spaceId(), id).orElse(null) : null;
        return new UserDetail(user, groups.groupNames(caller.spaceId(), id), invitation,
                repository.attributes(caller.spaceId(), id), twoFactor.enrolled(id),
                users.pictureUrl(id).orElse(null));
    }

    /**
     * T-CU1: the caller's own names and attributes in the current space, for {@code current_user}.
     * Everyone may read their own; one query, and no transaction, since a query run asks for it.
     */
    public UserProfile profile(Caller caller) {
        return repository.profile(caller.spaceId(), caller.userId())
                .orElseThrow(() -> new NotFoundException("user.not_found", "There is no such user in this space."));
    }

    /** T-U2: invites a person by e-mail, with groups that take effect at first sign-in. */
    @Transactional
    public IssuedInvitation invite(Caller caller, String email, String firstName, String lastName,
            Set<BuiltInGroup> chosenGroups) {
        requireWrite(caller);
        String address = validEmail(email);
        String first = validName("firstName", firstName);
        String last = validName("lastName", lastName);
        var groupsToJoin = assignable(chosenGroups);
        var now = clock.instant();
        var person = users.findCredentials(address).map(UserRepository.Credentials::user).orElseGet(() -> {
            var created = new User(UserId.random(), address, first, last, now, null);
            users.insert(created, null);
            return created;
        });
        var existing = repository.find(caller.spaceId(), person.id(), Set.of());
        if (existing.isPresent()) {
            throw new ConflictException("user.already_in_space", address + " is already a user of this space ("
                    + existing.get().state().name().toLowerCase(Locale.ROOT) + ").");
        }
        users.addMembership(caller.spaceId(), person.id(), UserState.INVITED, now);
        groupsToJoin.forEach(group -> groups.addMember(caller.spaceId(), group, person.id()));
        var user = find(caller, person.id());
        var issued = issueInvitation(caller, user, now);
        events.publishEvent(new UserChanged(caller, "user.invited", user, null, Map.of("email", address, "state",
                "INVITED", "groups", groupsToJoin.stream().map(BuiltInGroup::displayName).sorted().toList(),
                "expiresAt", issued.invitation().expiresAt().toString())));
        return issued;
    }

    /** A new link and a new expiry; the old link stops working. */
    @Transactional
    public IssuedInvitation resendInvitation(Caller caller, UserId id) {
        requireWrite(caller);
        var user = find(caller, id);
        if (user.state() != UserState.INVITED) {
            throw new ConflictException("user.not_invited", user.email() + " has no pending invitation.");
        }
        var now = clock.instant();
        repository.openInvitation(caller.spaceId(), id).ifPresent(old -> repository.revokeInvitation(old.id(), now));
        var issued = issueInvitation(caller, user, now);
        events.publishEvent(new UserChanged(caller, "user.invitation_resent", user, null,
                Map.of("expiresAt", issued.invitation().expiresAt().toString())));
        return issued;
    }

    /** Withdraws the invitation and the user record it made in this space. */
    @Transactional
    public void revokeInvitation(Caller caller, UserId id) {
        requireWrite(caller);
        var user = find(caller, id);
        if (user.state() != UserState.INVITED) {
            throw new ConflictException("user.not_invited", user.email() + " has no pending invitation.");
        }
        repository.openInvitation(caller.spaceId(), id)
                .ifPresent(invitation -> repository.revokeInvitation(invitation.id(), clock.instant()));
        groups.removeFromAllGroups(caller.spaceId(), id);
        repository.removeMembership(caller.spaceId(), id);
        events.publishEvent(new UserChanged(caller, "user.invitation_revoked", user, Map.of("state", "INVITED"), null));
    }

    /** T-U3: a suggested user becomes a user of the space, and only now may join groups. */
    @Transactional
    public SpaceUser approve(Caller caller, UserId id, Set<BuiltInGroup> chosenGroups) {
        requireWrite(caller);
        var user = find(caller, id);
        if (user.state() != UserState.SUGGESTED) {
            throw new ConflictException("user.not_suggested", user.email() + " is not waiting for approval.");
        }
        var groupsToJoin = assignable(chosenGroups);
        repository.setState(caller.spaceId(), id, UserState.ENABLED);
        groupsToJoin.forEach(group -> groups.addMember(caller.spaceId(), group, id));
        var approved = find(caller, id);
        events.publishEvent(new UserChanged(caller, "user.approved", approved, Map.of("state", "SUGGESTED"),
                Map.of("state", "ENABLED", "groups", groupsToJoin.stream().map(BuiltInGroup::displayName).sorted().toList())));
        return approved;
    }

    @Transactional
    public void decline(Caller caller, UserId id) {
        requireWrite(caller);
        var user = find(caller, id);
        if (user.state() != UserState.SUGGESTED) {
            throw new ConflictException("user.not_suggested", user.email() + " is not waiting for approval.");
        }
        repository.removeMembership(caller.spaceId(), id);
        events.publishEvent(new UserChanged(caller, "user.declined", user, Map.of("state", "SUGGESTED"), null));
    }

    /**
     * T-U4: a disabled user can no longer use this space, by session or token, from the next
     * request on; when no other space is left to them, their sessions are ended too. Group
     * memberships stay, for when they are enabled again.
     */
    @Transactional
    public SpaceUser disable(Caller caller, UserId id) {
        requireWrite(caller);
        var user = find(caller, id);
        if (id.equals(caller.userId())) {
            throw new ConflictException("user.cannot_disable_self", "You cannot disable yourself.");
        }
        if (user.state() != UserState.ENABLED) {
            throw new ConflictException("user.not_enabled", user.email() + " is not enabled.");
        }
        repository.setState(caller.spaceId(), id, UserState.DISABLED);
        if (users.enabledSpaces(id).isEmpty()) {
            sessions.endAll(id);
        }
        var disabled = find(caller, id);
        events.publishEvent(new UserChanged(caller, "user.disabled", disabled, Map.of("state", "ENABLED"),
                Map.of("state", "DISABLED")));
        return disabled;
    }

    @Transactional
    public SpaceUser enable(Caller caller, UserId id) {
        requireWrite(caller);
        var user = find(caller, id);
        if (user.state() != UserState.DISABLED) {
            throw new ConflictException("user.not_disabled", user.email() + " is not disabled.");
        }
        repository.setState(caller.spaceId(), id, UserState.ENABLED);
        var enabled = find(caller, id);
        events.publishEvent(new UserChanged(caller, "user.enabled", enabled, Map.of("state", "DISABLED"),
                Map.of("state", "ENABLED")));
        return enabled;
    }

    /** T-U7: custom attributes, visible to apps through current_user. */
    @Transactional
    public Map<String, String> putAttribute(Caller caller, UserId id, String key, String value) {
        requireWrite(caller);
        var user = find(caller, id);
        if (key == null || !ATTRIBUTE_KEY.matcher(key).matches()) {
            throw InvalidInputException.of("key", "user.invalid_attribute_key",
                    "attribute keys start with a letter and hold at most 64 letters, digits, '_', '.' or '-'");
        }
        if (value == null || value.length() > MAX_ATTRIBUTE_VALUE) {
            throw InvalidInputException.of("value", "field.size",
                    "value must be given and at most " + MAX_ATTRIBUTE_VALUE + " characters");
        }
        var before = repository.attribute(caller.spaceId(), id, key);
        repository.putAttribute(caller.spaceId(), id, key, value);
        var beforeState = new LinkedHashMap<String, Object>();
        before.ifPresent(old -> beforeState.put(key, old));
        events.publishEvent(new UserChanged(caller, "user.attribute_set", user,
                before.isPresent() ? beforeState : null, Map.of(key, value)));
        return repository.attributes(caller.spaceId(), id);
    }

    @Transactional
    public Map<String, String> removeAttribute(Caller caller, UserId id, String key) {
        requireWrite(caller);
        var user = find(caller, id);
        var before = repository.attribute(caller.spaceId(), id, key)
                .orElseThrow(() -> new NotFoundException("user.attribute_not_found", "There is no attribute '" + key + "'."));
        repository.removeAttribute(caller.spaceId(), id, key);
        events.publishEvent(new UserChanged(caller, "user.attribute_removed", user, Map.of(key, before), null));
        return repository.attributes(caller.spaceId(), id);
    }

    @Transactional(readOnly = true)
    public List<String> allowedDomains(Caller caller) {
        requireRead(caller);
        return repository.allowedDomains(caller.spaceId());
    }

    /** People with an e-mail of these domains may ask to join; they become suggested users. */
    @Transactional
    public List<String> replaceAllowedDomains(Caller caller, List<String> domains) {
        requireWrite(caller);
        var valid = new ArrayList<String>();
        for (String domain : domains == null ? List.<String>of() : domains) {
            String normal = domain == null ? "" : domain.strip().toLowerCase(Locale.ROOT).replaceFirst("^@", "");
            if (!DOMAIN.matcher(normal).matches()) {
                throw InvalidInputException.of("domains", "user.invalid_domain", "'" + domain + "' is not a domain name");
            }
            if (!valid.contains(normal)) {
                valid.add(normal);
            }
        }
        valid.sort(null);
        var before = repository.allowedDomains(caller.spaceId());
        repository.replaceAllowedDomains(caller.spaceId(), valid);
        events.publishEvent(new AllowedDomainsChanged(caller, caller.spaceId(), before, valid));
        return valid;
    }

    private IssuedInvitation issueInvitation(Caller caller, SpaceUser user, Instant now) {
        String token = SecretTokens.generate("");
        var invitation = new Invitation(UUID.randomUUID(), caller.spaceId(), user.id(), now,
                now.plus(properties.invitations().validity()));
        repository.insertInvitation(invitation, SecretTokens.hash(token), caller.userId());
        String link = urls.of("/invitations/" + token);
        events.publishEvent(new InvitationIssued(user.email(), spaces.nameOf(caller.spaceId()), caller.label(), link,
                invitation.expiresAt()));
        return new IssuedInvitation(user, invitation, link);
    }

    private SpaceUser find(Caller caller, UserId id) {
        return repository.find(caller.spaceId(), id, admins(caller))
                .orElseThrow(() -> new NotFoundException("user.not_found", "There is no user " + id + " in this space."));
    }

    private Set<UserId> admins(Caller caller) {
        return groups.members(caller.spaceId(), BuiltInGroup.ADMIN);
    }

    private static Set<BuiltInGroup> assignable(Set<BuiltInGroup> chosen) {
        if (chosen == null) {
            return Set.of();
        }
        if (!ASSIGNABLE.containsAll(chosen)) {
            throw InvalidInputException.of("groups", "user.group_not_assignable",
                    "All Users is automatic; choose among Viewer, Editor and Admin");
        }
        return Set.copyOf(chosen);
    }

    static String validEmail(String email) {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw InvalidInputException.of("email", "field.email", "e-mail must be a valid address");
        }
        return address;
    }

    static String validName(String field, String name) {
        String value = name == null ? "" : name.strip();
        if (value.length() > MAX_NAME) {
            throw InvalidInputException.of(field, "field.size", field + " must be at most " + MAX_NAME + " characters");
        }
        return value;
    }

    /** T-G3, T-A6: space admins, group admins and groups with "user list" access see the users. */
    private void requireRead(Caller caller) {
        caller.requireScope(ApiScope.USERS_READ);
        if (!groupManagement.mayListUsers(caller)) {
            throw ForbiddenException.denied();
        }
    }

    private static void requireWrite(Caller caller) {
        caller.requireScope(ApiScope.USERS_WRITE);
        caller.requireSpaceAdmin();
    }
}
