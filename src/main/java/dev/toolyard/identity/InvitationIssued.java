package dev.toolyard.identity;

import java.time.Instant;

/**
 * Tells the mailer to send an invitation once its transaction commits. Carries the link, so it is
 * deliberately not an audited change: the trail records the invitation, never its secret.
 */
record InvitationIssued(String email, String spaceName, String invitedBy, String link, Instant expiresAt) {

    @Override
    public String toString() {
        return "InvitationIssued[" + email + "]";
    }
}
