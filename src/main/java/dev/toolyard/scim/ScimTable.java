package dev.toolyard.scim;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.shared.SpaceId;

/**
 * A list request against one of SCIM's tables ({@code scim_users}, {@code scim_groups}, as
 * {@code s}): the total and one page, the filter's parameters bound, the order from the caller's
 * fixed list of sortable attributes, never from the request's text.
 */
final class ScimTable<T> {

    record Listed<T>(long total, List<T> rows) {
    }

    private final JdbcClient jdbc;
    private final String table;
    private final RowMapper<T> mapper;

    ScimTable(JdbcClient jdbc, String table, RowMapper<T> mapper) {
        this.jdbc = jdbc;
        this.table = table;
        this.mapper = mapper;
    }

    Listed<T> list(SpaceId space, ListRequest request, SqlFilter.Attributes attributes, String order) {
        var where = request.filter() == null ? new SqlFilter.Where("true", List.of())
                : SqlFilter.of(request.filter(), attributes);
        var params = new ArrayList<Object>();
        params.add(space.value());
        params.addAll(where.params());
        String from = " from " + table + " s where s.space_id = ? and (" + where.sql() + ")";
        long total = jdbc.sql("select count(*)" + from).params(params).query(Long.class).single();
        if (request.count() == 0 || request.startIndex() > total) {
            return new Listed<>(total, List.of());
        }
        params.add(request.count());
        params.add(request.startIndex() - 1);
        return new Listed<>(total, jdbc.sql("select s.*" + from + " order by " + order + " limit ? offset ?")
                .params(params).query(mapper).list());
    }
}
