/**
 * The operator's secret key and the encryption of stored secrets with it (T-RS2): AES-256-GCM,
 * the key from {@code TOOLYARD_SECRET_KEY} or a key file made at first start. It must never log
 * or return a key or a decrypted value other than to its caller.
 */
package dev.toolyard.secrets;
