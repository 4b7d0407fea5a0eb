/**
 * The console's frame: the home page, what every page shows (who, which space, navigation) and
 * the console's error pages. Feature pages live in their feature; this module must never hold
 * feature rules.
 */
package dev.toolyard.web;
