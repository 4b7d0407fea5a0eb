package dev.toolyard.api;

import java.io.IOException;

/** Thrown while reading a body that grows past the limit without announcing its length. */
final class RequestTooLargeException extends IOException {

    RequestTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes.");
    }
}
