package dev.toolyard.identity;

import java.time.Clock;
import java.util.Locale;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import dev.toolyard.audit.AuditOutcome;

/**
 * Password sign-in (T-ID1) with the rate limits of T-SEC3 in front of it and every outcome in
 * the audit trail (T-AU1). A limited account is refused even with the right password, so the
 * limit cannot be used to confirm a guess. For a person with two-factor on, the right password
 * only leads to the second step ({@link SecondFactorRequiredException}): nothing is signed in, and
 * the account's failures are not cleared, so a known password does not buy more code guesses.
 */
class SignInAuthenticationProvider implements AuthenticationProvider {

    private static final int MAX_ACCOUNT_LABEL = 200;

    private final DaoAuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final UserRepository users;
    private final TwoFactorSignIn twoFactor;
    private final SignInAudit audit;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    SignInAuthenticationProvider(AccountDetailsService accounts, PasswordEncoder encoder, SignInThrottle throttle,
            UserRepository users, TwoFactorSignIn twoFactor, SignInAudit audit, CurrentCaller currentCaller,
            Clock clock) {
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(encoder);
        // Say "disabled" only to someone who knows the password: checked after it, not before.
        this.passwords.setPreAuthenticationChecks(user -> { });
        this.passwords.setPostAuthenticationChecks(user -> {
            if (!user.isEnabled()) {
                throw new DisabledException("This account is disabled");
            }
        });
        this.throttle = throttle;
        this.users = users;
        this.twoFactor = twoFactor;
        this.audit = audit;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String account = normalise(attempt.getName());
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "unknown";
        var wait = throttle.retryAfter(account, address);
        if (wait.isPresent()) {
            audit.record(account, null, address, AuditOutcome.DENIED, "password", "rate_limited");
            throw new SignInThrottledException(wait.get());
        }
        try {
            var result = passwords.authenticate(new UsernamePasswordAuthenticationToken(account,
                    attempt.getCredentials()));
            result = withDetails(result, attempt.getDetails());
            var user = (SignedInUser) result.getPrincipal();
            if (twoFactor.enrolled(user.id())) {
                audit.record(user.email(), user.id(), address, AuditOutcome.SUCCESS, "password",
                        "second_factor_required");
                throw new SecondFactorRequiredException(twoFactor.pending(user));
            }
            throttle.clearAccount(account);
            if (!currentCaller.hasSpaceFor(user)) {
                audit.record(user.email(), user.id(), address, AuditOutcome.DENIED, "password", "sso_required");
                throw new SsoRequiredException();
            }
            users.recordSignIn(user.id(), clock.instant());
            audit.record(user.email(), user.id(), address, AuditOutcome.SUCCESS, "password", "password");
            return result;
        } catch (DisabledException e) {
            audit.record(account, null, address, AuditOutcome.DENIED, "password", "disabled");
            throw e;
        } catch (BadCredentialsException e) {
            throttle.recordFailure(account, address);
            audit.record(account, null, address, AuditOutcome.FAILURE, "password", "wrong_credentials");
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static Authentication withDetails(Authentication result, Object details) {
        var token = UsernamePasswordAuthenticationToken.authenticated(result.getPrincipal(), null,
                result.getAuthorities());
        token.setDetails(details);
        return token;
    }

    private static String normalise(String account) {
        String text = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
        return text.length() > MAX_ACCOUNT_LABEL ? text.substring(0, MAX_ACCOUNT_LABEL) : text;
    }
}
