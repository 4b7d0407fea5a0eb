package dev.toolyard.queries;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import dev.toolyard.resources.ResultWriter;
import dev.toolyard.resources.RunSummary;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's result as JSON while the source is still being read (T-RS4): rows go from the
 * JDBC result set to the response without being collected. Nothing reaches the response before
 * the source has answered, so a source that fails at once still gets a proper error status.
 *
 * <pre>{"columns":[{"name":..,"type":..}],"rows":[[..],..],"rowCount":n,"truncated":false,
 * "truncatedBy":null,"environment":"production","durationMs":12}</pre>
 * A source that answers with a document (REST, or a statement's affected rows) gives
 * {@code "data"} instead of columns and rows; a source that fails after rows were sent adds
 * {@code "error":{"code":..,"message":..}}.
 */
final class StreamedRunResult implements ResultWriter {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final ResponseOpener opener;
    private final long maxBytes;
    private CountingStream counted;
    private JsonGenerator json;
    private boolean rowsOpen;
    private long rows;

    /** Opens the response: called once, just before the first byte is written. */
    interface ResponseOpener {
        OutputStream open() throws IOException;
    }

    StreamedRunResult(ResponseOpener opener, long maxBytes) {
        this.opener = opener;
        this.maxBytes = maxBytes;
    }

    boolean started() {
        return json != null;
    }

    long rowsWritten() {
        return rows;
    }

    @Override
    public void columns(List<ResultColumn> columns) throws IOException {
        begin();
        json.writeName("columns");
        json.writeStartArray();
        for (var column : columns) {
            json.writeStartObject();
            json.writeStringProperty("name", column.name());
            json.writeStringProperty("type", column.type());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeName("rows");
        json.writeStartArray();
        rowsOpen = true;
    }

    @Override
    public boolean row(Object[] values) throws IOException {
        json.writeStartArray();
        for (var value : values) {
            write(value);
        }
        json.writeEndArray();
        rows++;
        return bytesWritten() < maxBytes;
    }

    @Override
    public void document(Object document) throws IOException {
        begin();
        json.writeName("data");
        write(document);
    }

    @Override
    public long bytesWritten() {
        return counted == null ? 0 : counted.count + json.streamWriteOutputBuffered();
    }

    /** Ends a result that started, with how it ended; a run with no result at all gets an empty one. */
    void finish(RunSummary summary, String environment, long durationMillis) throws IOException {
        begin();
        closeRows();
        json.writeNumberProperty("rowCount", summary.rows());
        json.writeBooleanProperty("truncated", summary.truncated());
        json.writeStringProperty("truncatedBy", summary.truncatedBy());
        json.writeStringProperty("environment", environment);
        json.writeNumberProperty("durationMs", durationMillis);
        json.writeEndObject();
        json.close();
    }

    /** Ends a result that had started when the source failed: the status is already sent. */
    void fail(String code, String message, String environment, long durationMillis) throws IOException {
        closeRows();
        json.writeNumberProperty("rowCount", rows);
        json.writeStringProperty("environment", environment);
        json.writeNumberProperty("durationMs", durationMillis);
        json.writeName("error");
        json.writeStartObject();
        json.writeStringProperty("code", code);
        json.writeStringProperty("message", message);
        json.writeEndObject();
        json.writeEndObject();
        json.close();
    }

    private void begin() throws IOException {
        if (json == null) {
            counted = new CountingStream(opener.open());
            json = MAPPER.createGenerator(counted);
            json.writeStartObject();
        }
    }

    private void closeRows() {
        if (rowsOpen) {
            json.writeEndArray();
            rowsOpen = false;
        }
    }

    private void write(Object value) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal) {
            json.writeNumber(decimal);
        } else if (value instanceof BigInteger integer) {
            json.writeNumber(integer);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isFinite(number)) {
                json.writeNumber(number);
            } else {
                json.writeString(Double.toString(number));
            }
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            list.forEach(this::write);
            json.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            map.forEach((key, item) -> {
                json.writeName(String.valueOf(key));
                write(item);
            });
            json.writeEndObject();
        } else {
            json.writeString(value.toString());
        }
    }

    private static final class CountingStream extends OutputStream {

        private final OutputStream out;
        private long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
