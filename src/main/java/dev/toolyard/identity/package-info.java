/**
 * People and how they prove who they are: users and their state in each space, passwords, the
 * first administrator's set-up, sign-in with its rate limits, access tokens, and the security
 * filter chains that turn a request into a {@link dev.toolyard.shared.Caller}. It must never
 * store a password or token secret in a readable form.
 */
package dev.toolyard.identity;
