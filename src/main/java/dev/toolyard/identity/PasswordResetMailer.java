package dev.toolyard.identity;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends reset links after the request is committed, on another thread: the answer to "forgot my
 * password" must not take longer for an existing account than for an unknown one (T-ID1).
 * The link is never logged; without SMTP nobody receives it, and the log says so.
 */
@Component
class PasswordResetMailer {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetMailer.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final ObjectProvider<JavaMailSender> mail;
    private final String host;
    private final AdminBootstrapProperties properties;
    private final Executor executor;

    PasswordResetMailer(ObjectProvider<JavaMailSender> mail, @Value("${spring.mail.host:}") String host,
            AdminBootstrapProperties properties, @Qualifier("applicationTaskExecutor") Executor executor) {
        this.mail = mail;
        this.host = host;
        this.properties = properties;
        this.executor = executor;
    }

    @TransactionalEventListener
    void send(PasswordResetMail reset) {
        if (host == null || host.isBlank() || mail.getIfAvailable() == null) {
            log.warn("SMTP is not configured: no password reset e-mail was sent to {}", reset.email());
            return;
        }
        var message = new SimpleMailMessage();
        message.setFrom(properties.invitations().mailFrom());
        message.setTo(reset.email());
        message.setSubject("Reset your Toolyard password");
        message.setText("""
                Someone, hopefully you, asked to reset the password of your Toolyard account.

                Choose a new password here:
                %s

                The link works once and expires on %s. If you did not ask for it, ignore this
                e-mail: your password stays as it is.
                """.formatted(reset.link(), WHEN.format(reset.expiresAt().atOffset(ZoneOffset.UTC))));
        executor.execute(() -> {
            try {
                mail.getObject().send(message);
            } catch (MailException e) {
                log.warn("The password reset e-mail to {} could not be sent: {}", reset.email(), e.getMessage());
            }
        });
    }
}
