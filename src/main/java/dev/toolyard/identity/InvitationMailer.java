package dev.toolyard.identity;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends invitations over SMTP after the invitation is committed, so nobody gets a link that a
 * rollback voided. Without SMTP the admin still has the link on screen and in the API's answer.
 */
@Component
class InvitationMailer {

    private static final Logger log = LoggerFactory.getLogger(InvitationMailer.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final ObjectProvider<JavaMailSender> mail;
    private final String host;
    private final AdminBootstrapProperties properties;

    InvitationMailer(ObjectProvider<JavaMailSender> mail, @Value("${spring.mail.host:}") String host,
            AdminBootstrapProperties properties) {
        this.mail = mail;
        this.host = host;
        this.properties = properties;
    }

    boolean configured() {
        return host != null && !host.isBlank() && mail.getIfAvailable() != null;
    }

    @TransactionalEventListener
    void send(InvitationIssued invitation) {
        if (!configured()) {
            log.info("SMTP is not configured: the invitation of {} was not e-mailed; its link is shown to the admin",
                    invitation.email());
            return;
        }
        var message = new SimpleMailMessage();
        message.setFrom(properties.invitations().mailFrom());
        message.setTo(invitation.email());
        message.setSubject("You are invited to " + invitation.spaceName() + " on Toolyard");
        message.setText("""
                %s invited you to the space "%s" on Toolyard.

                Accept the invitation here:
                %s

                The link works once and expires on %s.
                """.formatted(invitation.invitedBy(), invitation.spaceName(), invitation.link(),
                WHEN.format(invitation.expiresAt().atOffset(ZoneOffset.UTC))));
        try {
            mail.getObject().send(message);
        } catch (MailException e) {
            log.warn("The invitation e-mail to {} could not be sent: {}", invitation.email(), e.getMessage());
        }
    }
}
