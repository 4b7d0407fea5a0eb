package dev.toolyard.secrets;

/** A stored secret that this instance's key cannot open: a wrong key or a damaged value. */
public class SecretUnreadableException extends RuntimeException {

    SecretUnreadableException(String message) {
        super(message);
    }
}
