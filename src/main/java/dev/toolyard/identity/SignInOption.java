package dev.toolyard.identity;

/** A button on the sign-in page, e.g. "Sign in with Okta (Finance)", leading to {@code url}. */
public record SignInOption(String label, String url) {
}
