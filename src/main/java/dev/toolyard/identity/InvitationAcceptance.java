package dev.toolyard.identity;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.audit.AuditLog;
import dev.toolyard.audit.AuditRecord;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;
import dev.toolyard.spaces.SpaceManagement;

/**
 * The invitee's side of T-U2: the link shows where they are invited; a new person chooses a
 * password there, a person who already has one accepts while signed in.
 */
@Service
public class InvitationAcceptance {

    private final SpaceUserRepository repository;
    private final UserRepository users;
    private final SpaceManagement spaces;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog auditLog;
    private final Clock clock;

    InvitationAcceptance(SpaceUserRepository repository, UserRepository users, SpaceManagement spaces,
            PasswordPolicy passwordPolicy, PasswordEncoder passwordEncoder, AuditLog auditLog, Clock clock) {
        this.repository = repository;
        this.users = users;
        this.spaces = spaces;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    public record PendingInvitation(String spaceName, String email, String firstName, String lastName,
            boolean needsPassword) {
    }

    @Transactional(readOnly = true)
    public Optional<PendingInvitation> find(String token) {
        return open(token).flatMap(invitation -> users.findCredentials(email(invitation)).map(credentials ->
                new PendingInvitation(spaces.nameOf(invitation.spaceId()), credentials.user().email(),
                        credentials.user().firstName(), credentials.user().lastName(),
                        credentials.passwordHash() == null)));
    }

    /** For a person new to the instance: sets names and password, and enables them in the space. */
    @Transactional
    public User acceptWithPassword(String token, String firstName, String lastName, String password,
            String clientAddress) {
        var invitation = open(token).orElseThrow(InvitationAcceptance::invalid);
        var credentials = users.findCredentials(email(invitation)).orElseThrow(InvitationAcceptance::invalid);
        if (credentials.passwordHash() != null) {
            throw new ForbiddenException("invitation.sign_in_required",
                    "You already have a Toolyard account: sign in to accept this invitation.");
        }
        var user = credentials.user();
        passwordPolicy.check(password, user.email());
        users.setProfile(user.id(), SpaceUsers.validName("firstName", firstName),
                SpaceUsers.validName("lastName", lastName), passwordEncoder.encode(password));
        complete(invitation, user.id(), user.email(), clientAddress);
        return users.find(user.id()).orElseThrow();
    }

    /** For a person who already signed in: the invitation must be theirs. */
    @Transactional
    public SpaceId acceptAsSignedIn(String token, UserId signedIn, String clientAddress) {
        var invitation = open(token).orElseThrow(InvitationAcceptance::invalid);
        if (!invitation.userId().equals(signedIn)) {
            throw new ForbiddenException("invitation.other_person", "This invitation is for someone else.");
        }
        var user = users.find(signedIn).orElseThrow(InvitationAcceptance::invalid);
        complete(invitation, user.id(), user.email(), clientAddress);
        return invitation.spaceId();
    }

    private void complete(Invitation invitation, UserId user, String email, String clientAddress) {
        if (!repository.acceptInvitation(invitation.id(), clock.instant())) {
            throw invalid();
        }
        repository.setState(invitation.spaceId(), user, UserState.ENABLED);
        auditLog.append(AuditRecord.action("user.invitation_accepted")
                .actor(user, email, clientAddress)
                .space(invitation.spaceId())
                .target("user", user, email)
                .before(Map.of("state", "INVITED"))
                .after(Map.of("state", "ENABLED"))
                .build());
    }

    private Optional<Invitation> open(String token) {
        return repository.openInvitationByToken(SecretTokens.hash(token))
                .filter(invitation -> !invitation.expiredAt(clock.instant()));
    }

    private String email(Invitation invitation) {
        return users.find(invitation.userId()).map(User::email).orElse("");
    }

    static NotFoundException invalid() {
        return new NotFoundException("invitation.invalid",
                "This invitation link is not valid: it was used, revoked, replaced by a newer one, or it expired. "
                        + "Ask an admin of the space to send a new one.");
    }
}
