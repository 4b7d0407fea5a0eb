package dev.toolyard.identity;

/** An invitation just made or resent, with its link: shown to the admin and e-mailed, never stored. */
public record IssuedInvitation(SpaceUser user, Invitation invitation, String link) {

    @Override
    public String toString() {
        return "IssuedInvitation[" + user.email() + ", expires " + invitation.expiresAt() + "]";
    }
}
