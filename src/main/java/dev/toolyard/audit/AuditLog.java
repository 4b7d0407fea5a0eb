package dev.toolyard.audit;

/** The one way into the audit trail (T-AU1) and the check that it was not altered (T-AU2). */
public interface AuditLog {

    /** Appends within the caller's transaction, or in its own when there is none. */
    AuditEntry append(AuditRecord record);

    /**
     * For records of high volume that change nothing (query runs): queued and appended in batches
     * within about {@value #BATCH_DELAY_MILLIS} ms, one lock of a chain's head per batch instead
     * of one per record. A full queue makes the caller wait rather than lose a record; the queue
     * is drained when the server stops.
     */
    void appendSoon(AuditRecord record);

    /** Waits until every record queued by {@link #appendSoon} before this call is in the trail. */
    void flush();

    long BATCH_DELAY_MILLIS = 20;

    AuditVerification verify();
}
