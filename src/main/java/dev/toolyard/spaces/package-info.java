/**
 * Spaces (T-SP1, T-SP4): the admin space made at first start and the child spaces instance
 * admins create, rename and delete. A space is the isolation boundary of everything else; this
 * module owns only the space records and must never reach into what other modules keep per space
 * (their rows go with the space through the database's cascading keys).
 */
package dev.toolyard.spaces;
