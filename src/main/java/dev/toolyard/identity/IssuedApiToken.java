package dev.toolyard.identity;

/** A token just made, with the secret that is shown this once and never stored. */
public record IssuedApiToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedApiToken[" + token + "]";
    }
}
