package dev.toolyard.resources;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/** A result written as JSON would be, kept for assertions; counts the bytes it would have written. */
class CollectingWriter implements ResultWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    final List<ResultColumn> columns = new ArrayList<>();
    final List<Object[]> rows = new ArrayList<>();
    Object document;
    boolean documentWritten;
    private long bytes;

    @Override
    public void columns(List<ResultColumn> given) {
        columns.addAll(given);
        bytes += JSON.writeValueAsString(given).length();
    }

    @Override
    public boolean row(Object[] values) {
        rows.add(values);
        bytes += JSON.writeValueAsString(values).length();
        return true;
    }

    @Override
    public void document(Object json) {
        document = json;
        documentWritten = true;
        bytes += JSON.writeValueAsString(json).length();
    }

    @Override
    public long bytesWritten() {
        return bytes;
    }

    List<Object> column(int index) {
        return rows.stream().map(row -> row[index]).toList();
    }
}
