/**
 * The visual editor's page (T-AP4): {@code /apps/{id}/edit} for people with Edit on the app. The
 * page is a shell of Toolyard's own code; everything it changes goes through the public API
 * (documents, queries), and the app it edits is drawn by the runtime's sandboxed frame in edit
 * mode. It reads apps through their public API only and nothing depends on it.
 */
package dev.toolyard.editor;
