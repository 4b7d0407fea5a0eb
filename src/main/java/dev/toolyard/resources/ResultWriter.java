package dev.toolyard.resources;

import java.io.IOException;
import java.util.List;

/**
 * Where a resource kind streams a run's result as it reads it, so a result is never held whole in
 * memory twice (T-RS4). The queries module writes it straight to the HTTP response as JSON.
 * A kind calls {@link #columns} once, then {@link #row} per row until it runs out of rows, the
 * row limit is reached, or {@code row} returns false (the byte limit is reached); or, for a
 * source that answers with a document (REST), {@link #document} once.
 */
public interface ResultWriter {

    void columns(List<ResultColumn> columns) throws IOException;

    /** @param values one per column: null, String, Number, Boolean, or a JSON-like List/Map. */
    boolean row(Object[] values) throws IOException;

    /** A source's whole answer, already parsed as JSON-like values. */
    void document(Object json) throws IOException;

    /** Bytes written so far, for the byte limit. */
    long bytesWritten();

    /** @param type the source's own type name, e.g. {@code int4}, {@code VARCHAR}. */
    record ResultColumn(String name, String type) {
    }
}
