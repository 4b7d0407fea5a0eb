package dev.toolyard.resources.connector;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Between JSON-like values and JDBC: values of a query are bound by type (never spliced, T-CU4);
 * columns are read as JSON can carry them: integers as Long, decimals as BigDecimal, times as
 * ISO-8601 text, binary as base64, JSON columns parsed.
 */
public final class JdbcValues {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JdbcValues() {
    }

    public static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Boolean bool) {
            statement.setBoolean(index, bool);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            statement.setLong(index, ((Number) value).longValue());
        } else if (value instanceof BigDecimal decimal) {
            statement.setBigDecimal(index, decimal);
        } else if (value instanceof BigInteger integer) {
            statement.setBigDecimal(index, new BigDecimal(integer));
        } else if (value instanceof Number number) {
            statement.setDouble(index, number.doubleValue());
        } else if (value instanceof List<?> || value instanceof Map<?, ?>) {
            // A list or object travels as its JSON text; the query casts it (e.g. ?::jsonb) if it needs to.
            statement.setString(index, JSON.writeValueAsString(value));
        } else {
            statement.setString(index, value.toString());
        }
    }

    public static Object read(ResultSet result, int index, int type, String typeName, JdbcDialect dialect)
            throws SQLException {
        String name = typeName == null ? "" : typeName.toLowerCase(java.util.Locale.ROOT);
        if (dialect.json(name)) {
            String text = result.getString(index);
            return text == null ? null : parsed(text);
        }
        switch (type) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER: {
                long value = result.getLong(index);
                return result.wasNull() ? null : value;
            }
            case Types.BIGINT: {
                // MySQL's BIGINT UNSIGNED does not fit a long.
                Object value = result.getObject(index);
                if (value instanceof BigInteger big) {
                    return big.bitLength() < 64 ? (Object) big.longValue() : new BigDecimal(big);
                }
                return value == null ? null : (Object) ((Number) value).longValue();
            }
            case Types.DECIMAL, Types.NUMERIC:
                return result.getBigDecimal(index);
            case Types.REAL, Types.FLOAT, Types.DOUBLE: {
                double value = result.getDouble(index);
                if (result.wasNull()) {
                    return null;
                }
                // JSON has no NaN or infinities.
                return Double.isFinite(value) ? (Object) value : Double.toString(value);
            }
            case Types.BIT, Types.BOOLEAN: {
                if (name.equals("bit") && result.getMetaData().getPrecision(index) > 1) {
                    return result.getString(index);
                }
                boolean value = result.getBoolean(index);
                return result.wasNull() ? null : value;
            }
            case Types.DATE: {
                var value = result.getObject(index, LocalDate.class);
                return value == null ? null : value.toString();
            }
            case Types.TIME: {
                var value = result.getObject(index, LocalTime.class);
                return value == null ? null : value.toString();
            }
            case Types.TIMESTAMP_WITH_TIMEZONE: {
                var value = result.getObject(index, OffsetDateTime.class);
                return value == null ? null : value.toString();
            }
            case Types.TIMESTAMP: {
                if (name.equals("timestamptz")) {
                    var value = result.getObject(index, OffsetDateTime.class);
                    return value == null ? null : value.toString();
                }
                var value = result.getObject(index, LocalDateTime.class);
                return value == null ? null : value.toString();
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB: {
                byte[] value = result.getBytes(index);
                return value == null ? null : Base64.getEncoder().encodeToString(value);
            }
            case Types.ARRAY: {
                Array array = result.getArray(index);
                return array == null ? null : list(array.getArray());
            }
            default:
                return result.getString(index);
        }
    }

    private static Object parsed(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JacksonException e) {
            return text;
        }
    }

    private static Object list(Object array) {
        if (!(array instanceof Object[] elements)) {
            return array.toString();
        }
        var list = new ArrayList<>(elements.length);
        for (Object element : elements) {
            if (element == null || element instanceof String || element instanceof Boolean
                    || element instanceof Long || element instanceof BigDecimal) {
                list.add(element);
            } else if (element instanceof Integer || element instanceof Short) {
                list.add(((Number) element).longValue());
            } else if (element instanceof Number number && Double.isFinite(number.doubleValue())) {
                list.add(number.doubleValue());
            } else if (element instanceof Object[]) {
                list.add(list(element));
            } else {
                list.add(element.toString());
            }
        }
        return list;
    }
}
