/**
 * The shared kernel: typed ids, the caller of a request and the domain exceptions every feature
 * throws. It holds no behaviour of its own and must never depend on a feature module.
 */
package dev.toolyard.shared;
