/**
 * The audit trail (T-AU1, T-AU2): every change, sign-in and set-up step is appended here, to one
 * hash chain per space plus the instance chain, and the chains can be verified. It depends on no
 * feature; features reach it by publishing {@link dev.toolyard.audit.AuditedChange} events or by
 * calling {@link dev.toolyard.audit.AuditLog}. It must never update or delete an entry.
 */
package dev.toolyard.audit;
