package dev.toolyard.identity;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.BuiltInGroup;
import dev.toolyard.access.PermissionGroups;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * The accounts side of single sign-on (T-ID3): finding the person an identity provider vouched
 * for, provisioning them just in time, accepting their invitation and keeping their names and
 * picture as the provider gives them. The caller is the identity provider acting in its space
 * ({@link Caller#identityProvider}); the sso module decides what is allowed, this class only
 * records it, each change audited as coming from that provider.
 */
@Service
public class ExternalAccounts {

    private static final int MAX_PICTURE_URL = 2000;

    private final UserRepository users;
    private final SpaceUserRepository spaceUsers;
    private final PermissionGroups groups;
    private final ProvisionedUserRepository provisioned;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ExternalAccounts(UserRepository users, SpaceUserRepository spaceUsers, PermissionGroups groups,
            ProvisionedUserRepository provisioned, ApplicationEventPublisher events, Clock clock) {
        this.users = users;
        this.spaceUsers = spaceUsers;
        this.groups = groups;
        this.provisioned = provisioned;
        this.events = events;
        this.clock = clock;
    }

    /** The person with this e-mail (any case) and their state in the space. */
    @Transactional(readOnly = true)
    public Optional<ExternalAccount> find(SpaceId space, String email) {
        return users.externalAccount(space, email);
    }

    @Transactional(readOnly = true)
    public Optional<ExternalAccount> find(SpaceId space, UserId id) {
        return users.externalAccount(space, id);
    }

    /**
     * T-ID3: makes the person a user of the provider's space in {@code state} (ENABLED, or
     * SUGGESTED when the space approves newcomers), creating their identity when the instance does
     * not know the e-mail yet: without a password, since they sign in through the provider.
     */
    @Transactional
    public ExternalAccount provision(Caller provider, String email, String firstName, String lastName,
            String pictureUrl, UserState state) {
        if (state != UserState.ENABLED && state != UserState.SUGGESTED) {
            throw new IllegalArgumentException("Provisioned users are enabled or suggested, not " + state);
        }
        String address = SpaceUsers.validEmail(email);
        String first = SpaceUsers.validName("firstName", firstName);
        String last = SpaceUsers.validName("lastName", lastName);
        var now = clock.instant();
        var person = users.findCredentials(address).map(UserRepository.Credentials::user).orElseGet(() -> {
            var created = new User(UserId.random(), address, first, last, now, null);
            users.insert(created, null);
            users.setPictureUrl(created.id(), picture(pictureUrl));
            return created;
        });
        var space = provider.spaceId();
        if (spaceUsers.find(space, person.id(), Set.of()).isPresent()) {
            throw new ConflictException("user.already_in_space", address + " is already a user of this space.");
        }
        users.addMembership(space, person.id(), state, now);
        var user = spaceUsers.find(space, person.id(), Set.of()).orElseThrow();
        events.publishEvent(new UserChanged(provider, "user.provisioned", user, null,
                Map.of("email", address, "state", state.name())));
        return find(space, person.id()).orElseThrow();
    }

    /** T-U2 through SSO: an invited person who signs in through the provider accepts their invitation. */
    @Transactional
    public ExternalAccount acceptInvitation(Caller provider, UserId id) {
        var space = provider.spaceId();
        var user = spaceUsers.find(space, id, Set.of())
                .filter(found -> found.state() == UserState.INVITED)
                .orElseThrow(() -> new ConflictException("user.not_invited", "There is no pending invitation."));
        spaceUsers.openInvitation(space, id).ifPresent(invitation -> spaceUsers.acceptInvitation(invitation.id(),
                clock.instant()));
        spaceUsers.setState(space, id, UserState.ENABLED);
        events.publishEvent(new UserChanged(provider, "user.invitation_accepted", user, Map.of("state", "INVITED"),
                Map.of("state", "ENABLED")));
        return find(space, id).orElseThrow();
    }

    /**
     * The provider is the source of truth for names and picture: what it gives (non-blank) replaces
     * what is stored, audited when something changed. Blank values keep what is there. A person is
     * one identity on the instance, so a provider that is not trusted everywhere (any but the admin
     * space's, whose admins could vouch for anyone) changes them only for people of no other
     * space, as SCIM does.
     */
    @Transactional
    public ExternalAccount updateProfile(Caller provider, boolean trustedEverywhere, ExternalAccount current,
            String firstName, String lastName, String pictureUrl) {
        var id = current.id();
        String first = blank(firstName) ? current.firstName() : SpaceUsers.validName("firstName", firstName);
        String last = blank(lastName) ? current.lastName() : SpaceUsers.validName("lastName", lastName);
        String picture = picture(pictureUrl) == null ? current.pictureUrl() : picture(pictureUrl);
        var before = new LinkedHashMap<String, Object>();
        var after = new LinkedHashMap<String, Object>();
        changed("firstName", current.firstName(), first, before, after);
        changed("lastName", current.lastName(), last, before, after);
        changed("picture", current.pictureUrl(), picture, before, after);
        if (after.isEmpty() || !trustedEverywhere && provisioned.memberElsewhere(id, provider.spaceId())) {
            return current;
        }
        users.setNames(id, first, last);
        users.setPictureUrl(id, picture);
        spaceUsers.find(provider.spaceId(), id, Set.of()).ifPresent(user -> events.publishEvent(
                new UserChanged(provider, "user.profile_updated", user, before, after)));
        return find(provider.spaceId(), id).orElseThrow();
    }

    /** Whether the person is in the space's Admin group (the break-glass admin must be). */
    public boolean isAdmin(SpaceId space, UserId id) {
        return groups.isMember(space, BuiltInGroup.ADMIN, id);
    }

    private static void changed(String key, String before, String after, Map<String, Object> beforeState,
            Map<String, Object> afterState) {
        if (!Objects.equals(before, after)) {
            beforeState.put(key, before == null ? "" : before);
            afterState.put(key, after == null ? "" : after);
        }
    }

    /** Only a web address is kept: the console shows it as an image's source. */
    private static String picture(String url) {
        if (blank(url) || url.length() > MAX_PICTURE_URL) {
            return null;
        }
        try {
            var uri = URI.create(url.strip());
            return "https".equals(uri.getScheme()) && uri.getHost() != null ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
