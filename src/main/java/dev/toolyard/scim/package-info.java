/**
 * SCIM 2.0 (RFC 7643, 7644) at {@code /scim/v2}, T-ID5: an identity provider creates, changes,
 * deactivates and deletes the users of one space and pushes custom permission groups with their
 * members. Users and groups are identity's and access's; this module keeps only what SCIM adds
 * (external ids, versions, timestamps, the searchable copy its filters run on) in its own tables,
 * and changes users and groups only through {@code ProvisionedUsers} and {@code GroupManagement}.
 * It must never write identity's or access's tables itself.
 */
package dev.toolyard.scim;
