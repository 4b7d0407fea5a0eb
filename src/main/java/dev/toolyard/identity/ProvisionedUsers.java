package dev.toolyard.identity;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.UserId;

/**
 * User records an identity provider keeps (T-ID5, SCIM): made enabled at once, without an
 * invitation (the person signs in through SSO or sets a password by "Forgot your password?"),
 * changed and disabled by the provider. Callers need the {@code scim} scope and must be admins of
 * the space. A person's e-mail and names are their one identity on the instance (T-SP3), so a
 * space's provider changes them only for people who belong to no other space.
 */
@Service
public class ProvisionedUsers {

    /** What a provider says about a person; attributes with a null value are removed. */
    public record Profile(String email, String firstName, String lastName, Map<String, String> attributes) {

        public Profile {
            attributes = attributes == null ? Map.of() : new LinkedHashMap<>(attributes);
        }
    }

    private final SpaceUsers spaceUsers;
    private final SpaceUserRepository repository;
    private final UserRepository users;
    private final ProvisionedUserRepository provisioned;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProvisionedUsers(SpaceUsers spaceUsers, SpaceUserRepository repository, UserRepository users,
            ProvisionedUserRepository provisioned, ApplicationEventPublisher events, Clock clock) {
        this.spaceUsers = spaceUsers;
        this.repository = repository;
        this.users = users;
        this.provisioned = provisioned;
        this.events = events;
        this.clock = clock;
    }

    /** The user of the caller's space with this e-mail, in whatever state. */
    @Transactional(readOnly = true)
    public Optional<SpaceUser> findByEmail(Caller caller, String email) {
        require(caller);
        return users.findCredentials(SpaceUsers.validEmail(email))
                .flatMap(person -> repository.find(caller.spaceId(), person.user().id(), Set.of()));
    }

    @Transactional(readOnly = true)
    public SpaceUser get(Caller caller, UserId id) {
        require(caller);
        return spaceUsers.find(caller, id);
    }

    /**
     * Makes the person a user of the caller's space, enabled (or disabled when the provider says
     * so). A person the instance knows keeps their identity when they belong to other spaces; an
     * invited or suggested user of this space is taken over and enabled; {@code audit} adds what
     * the provider keeps besides (its external id) to the audit entry.
     */
    @Transactional
    public SpaceUser provision(Caller caller, Profile profile, boolean active, Map<String, Object> audit) {
        require(caller);
        String email = SpaceUsers.validEmail(profile.email());
        String first = SpaceUsers.validName("firstName", profile.firstName());
        String last = SpaceUsers.validName("lastName", profile.lastName());
        var now = clock.instant();
        var known = users.findCredentials(email).map(UserRepository.Credentials::user);
        SpaceUser user;
        Optional<SpaceUser> existing = Optional.empty();
        if (known.isEmpty()) {
            // A new person: one insert each for the person, the membership and the attributes given.
            var created = new User(UserId.random(), email, first, last, now, null);
            users.insert(created, null);
            users.addMembership(caller.spaceId(), created.id(), UserState.ENABLED, now);
            putAttributes(caller, created.id(), withoutNulls(profile.attributes()));
            user = new SpaceUser(created.id(), email, first, last, UserState.ENABLED, false, null, now);
        } else {
            var person = known.get();
            existing = repository.find(caller.spaceId(), person.id(), Set.of());
            if (existing.isEmpty()) {
                users.addMembership(caller.spaceId(), person.id(), UserState.ENABLED, now);
            } else if (existing.get().state() == UserState.INVITED || existing.get().state() == UserState.SUGGESTED) {
                repository.openInvitation(caller.spaceId(), person.id())
                        .ifPresent(invitation -> repository.revokeInvitation(invitation.id(), now));
                repository.setState(caller.spaceId(), person.id(), UserState.ENABLED);
            }
            if (!provisioned.memberElsewhere(person.id(), caller.spaceId())) {
                provisioned.setIdentity(person.id(), email, first, last);
            }
            putAttributes(caller, person.id(), changes(repository.attributes(caller.spaceId(), person.id()),
                    profile.attributes()));
            user = spaceUsers.find(caller, person.id());
        }
        user = applyState(caller, user, active);
        var after = describe(user);
        after.put("attributes", withoutNulls(profile.attributes()));
        after.putAll(audit);
        events.publishEvent(new UserChanged(caller, "user.provisioned", user,
                existing.map(found -> (Map<String, Object>) Map.<String, Object>of("state", found.state().name()))
                        .orElse(null), after));
        return user;
    }

    /**
     * Replaces what the provider keeps of a user of the caller's space. E-mail and names of a
     * person who also belongs to another space cannot change here ({@code user.identity_shared}).
     */
    @Transactional
    public SpaceUser update(Caller caller, UserId id, Profile profile, boolean active, Map<String, Object> audit) {
        require(caller);
        var before = spaceUsers.find(caller, id);
        String email = SpaceUsers.validEmail(profile.email());
        String first = SpaceUsers.validName("firstName", profile.firstName());
        String last = SpaceUsers.validName("lastName", profile.lastName());
        boolean identityChanges = !email.equals(before.email()) || !first.equals(before.firstName())
                || !last.equals(before.lastName());
        if (identityChanges) {
            if (provisioned.memberElsewhere(id, caller.spaceId())) {
                throw InvalidInputException.of("email", "user.identity_shared", before.email()
                        + " also belongs to other spaces; their e-mail and names are not this space's to change.");
            }
            if (!email.equals(before.email()) && users.emailTaken(email)) {
                throw new ConflictException("user.email_taken", "Another person already has the e-mail " + email + ".");
            }
            provisioned.setIdentity(id, email, first, last);
        }
        var attributesBefore = repository.attributes(caller.spaceId(), id);
        var attributeChanges = changes(attributesBefore, profile.attributes());
        putAttributes(caller, id, attributeChanges);
        var user = applyState(caller, spaceUsers.find(caller, id), active);
        if (!identityChanges && attributeChanges.isEmpty() && user.state() == before.state() && audit.isEmpty()) {
            return user;
        }
        var beforeState = describe(before);
        var afterState = describe(user);
        if (!attributeChanges.isEmpty()) {
            var previous = new LinkedHashMap<String, String>();
            attributeChanges.keySet().forEach(key -> previous.put(key, attributesBefore.get(key)));
            beforeState.put("attributes", previous);
            afterState.put("attributes", attributeChanges);
        }
        afterState.putAll(audit);
        events.publishEvent(new UserChanged(caller, "user.provision_updated", user, beforeState, afterState));
        return user;
    }

    private SpaceUser applyState(Caller caller, SpaceUser user, boolean active) {
        if (!active && user.state() == UserState.ENABLED) {
            if (user.id().equals(caller.userId())) {
                throw new ConflictException("user.cannot_disable_self", "You cannot disable yourself.");
            }
            return spaceUsers.setDisabled(caller, user.id());
        }
        if (active && user.state() == UserState.DISABLED) {
            repository.setState(caller.spaceId(), user.id(), UserState.ENABLED);
            return spaceUsers.find(caller, user.id());
        }
        return user;
    }

    private static Map<String, String> changes(Map<String, String> before, Map<String, String> wanted) {
        var changes = new LinkedHashMap<String, String>();
        wanted.forEach((key, value) -> {
            if (!Objects.equals(before.get(key), value)) {
                changes.put(key, value);
            }
        });
        return changes;
    }

    private static Map<String, String> withoutNulls(Map<String, String> attributes) {
        var present = new LinkedHashMap<String, String>();
        attributes.forEach((key, value) -> {
            if (value != null) {
                present.put(key, value);
            }
        });
        return present;
    }

    private void putAttributes(Caller caller, UserId id, Map<String, String> attributes) {
        attributes.forEach((key, value) -> {
            if (value == null) {
                repository.removeAttribute(caller.spaceId(), id, key);
            } else {
                repository.putAttribute(caller.spaceId(), id, key, value);
            }
        });
    }

    private static Map<String, Object> describe(SpaceUser user) {
        var state = new LinkedHashMap<String, Object>();
        state.put("email", user.email());
        state.put("firstName", user.firstName());
        state.put("lastName", user.lastName());
        state.put("state", user.state().name());
        return state;
    }

    private static void require(Caller caller) {
        caller.requireScope(ApiScope.SCIM);
        caller.requireSpaceAdmin();
    }
}
