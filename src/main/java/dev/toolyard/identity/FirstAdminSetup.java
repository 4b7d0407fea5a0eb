package dev.toolyard.identity;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.access.BuiltInGroup;
import dev.toolyard.access.PermissionGroups;
import dev.toolyard.shared.ConflictException;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.UserId;
import dev.toolyard.spaces.SpaceManagement;

/**
 * T-D2: the first administrator is made safely, never with a default password: from
 * {@code TOOLYARD_ADMIN_EMAIL}/{@code TOOLYARD_ADMIN_PASSWORD}, or by whoever holds the one-time
 * link printed in the log at start.
 */
@Service
public class FirstAdminSetup {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final int MAX_EMAIL_LENGTH = 254;
    private static final int MAX_NAME_LENGTH = 100;

    private final SpaceManagement spaces;
    private final PermissionGroups groups;
    private final UserRepository users;
    private final SetupLinkRepository links;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final AdminBootstrapProperties properties;
    private final Clock clock;

    FirstAdminSetup(SpaceManagement spaces, PermissionGroups groups, UserRepository users, SetupLinkRepository links,
            PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder, ApplicationEventPublisher events,
            AdminBootstrapProperties properties, Clock clock) {
        this.spaces = spaces;
        this.groups = groups;
        this.users = users;
        this.links = links;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * At every start: makes the admin space; while no admin exists, makes one from the environment
     * or issues a fresh set-up link and returns its secret, to be printed once and never stored.
     */
    @Transactional
    public Optional<String> prepare() {
        var adminSpace = spaces.ensureAdminSpace();
        if (groups.hasMembers(adminSpace.id(), BuiltInGroup.ADMIN)) {
            return Optional.empty();
        }
        var admin = properties.admin();
        if (admin.configured()) {
            try {
                createAdmin(validate(new AdminForm(admin.email(), "", "", admin.password())), "environment", null);
            } catch (InvalidInputException e) {
                throw new IllegalStateException("TOOLYARD_ADMIN_EMAIL / TOOLYARD_ADMIN_PASSWORD refused: "
                        + e.getMessage(), e);
            }
            return Optional.empty();
        }
        String token = SecretTokens.generate("");
        var now = clock.instant();
        var expiresAt = now.plus(admin.setupLinkValidity());
        links.replaceWith(SecretTokens.hash(token), now, expiresAt);
        events.publishEvent(new SetupLinkIssued(expiresAt));
        return Optional.of(token);
    }

    public boolean linkUsable(String token) {
        return links.usable(SecretTokens.hash(token), clock.instant());
    }

    @Transactional
    public User completeWithLink(String token, AdminForm form, String clientAddress) {
        var valid = validate(form);
        if (!links.claim(SecretTokens.hash(token), clock.instant())) {
            throw invalidLink();
        }
        return createAdmin(valid, "setup_link", clientAddress);
    }

    public static NotFoundException invalidLink() {
        return new NotFoundException("setup.link_invalid",
                "This set-up link is not valid: it was used, it expired, or a newer one was printed. "
                        + "Restart Toolyard to print a new one while no administrator exists.");
    }

    private User createAdmin(AdminForm valid, String via, String clientAddress) {
        var adminSpace = spaces.ensureAdminSpace();
        if (groups.hasMembers(adminSpace.id(), BuiltInGroup.ADMIN)) {
            throw new ConflictException("setup.already_done", "An administrator already exists.");
        }
        if (users.emailTaken(valid.email())) {
            throw new ConflictException("user.email_taken", "A user with this e-mail already exists.");
        }
        var now = clock.instant();
        var user = new User(UserId.random(), valid.email(), valid.firstName(), valid.lastName(), now, null);
        users.insert(user, passwordEncoder.encode(valid.password()));
        users.addMembership(adminSpace.id(), user.id(), UserState.ENABLED, now);
        groups.addMember(adminSpace.id(), BuiltInGroup.ADMIN, user.id());
        events.publishEvent(new FirstAdminCreated(user, via, clientAddress));
        return user;
    }

    private AdminForm validate(AdminForm form) {
        String email = form.email() == null ? "" : form.email().strip().toLowerCase(Locale.ROOT);
        if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
            throw InvalidInputException.of("email", "field.email", "e-mail must be a valid address");
        }
        String first = form.firstName() == null ? "" : form.firstName().strip();
        String last = form.lastName() == null ? "" : form.lastName().strip();
        if (first.length() > MAX_NAME_LENGTH || last.length() > MAX_NAME_LENGTH) {
            throw InvalidInputException.of(first.length() > MAX_NAME_LENGTH ? "firstName" : "lastName", "field.size",
                    "names must be at most " + MAX_NAME_LENGTH + " characters");
        }
        passwordPolicy.check(form.password(), email);
        return new AdminForm(email, first, last, form.password());
    }

    public record AdminForm(String email, String firstName, String lastName, String password) {

        @Override
        public String toString() {
            return "AdminForm[email=" + email + "]";
        }
    }
}
