package dev.toolyard.identity;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.audit.AuditLog;
import dev.toolyard.audit.AuditRecord;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.UserId;

/**
 * T-U1, T-U3: a person with an e-mail of a domain a space allows asks to join; they become a
 * suggested user of each such space and wait for an admin's approval. The answer never says
 * whether an account with that e-mail exists.
 */
@Service
public class JoinRequests {

    private final SpaceUserRepository repository;
    private final UserRepository users;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog auditLog;
    private final Clock clock;

    JoinRequests(SpaceUserRepository repository, UserRepository users, PasswordPolicy passwordPolicy,
            PasswordEncoder passwordEncoder, AuditLog auditLog, Clock clock) {
        this.repository = repository;
        this.users = users;
        this.passwordPolicy = passwordPolicy;
        this.passwordEncoder = passwordEncoder;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Transactional
    public void request(String email, String firstName, String lastName, String password, String clientAddress) {
        String address = SpaceUsers.validEmail(email);
        String first = SpaceUsers.validName("firstName", firstName);
        String last = SpaceUsers.validName("lastName", lastName);
        String domain = address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        var spaces = repository.spacesAllowingDomain(domain);
        if (spaces.isEmpty()) {
            throw InvalidInputException.of("email", "join.domain_not_allowed",
                    "No space accepts requests from addresses at " + domain + ". Ask an admin to invite you.");
        }
        passwordPolicy.check(password, address);
        if (users.emailTaken(address)) {
            return;
        }
        var now = clock.instant();
        var user = new User(UserId.random(), address, first, last, now, null);
        users.insert(user, passwordEncoder.encode(password));
        for (var space : spaces) {
            users.addMembership(space, user.id(), UserState.SUGGESTED, now);
            auditLog.append(AuditRecord.action("user.suggested")
                    .actor(user.id(), address, clientAddress)
                    .space(space)
                    .target("user", user.id(), address)
                    .after(Map.of("state", "SUGGESTED", "domain", domain))
                    .build());
        }
    }
}
