package dev.toolyard.identity;

import java.util.List;

/**
 * The ways to sign in that a module above identity offers on the sign-in page (single sign-on
 * providers), besides the password form.
 */
public interface SignInOptions {

    List<SignInOption> signInOptions();
}
