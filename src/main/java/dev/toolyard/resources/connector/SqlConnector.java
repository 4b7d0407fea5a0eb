package dev.toolyard.resources.connector;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.toolyard.resources.BoundQuery;
import dev.toolyard.resources.ResultWriter;
import dev.toolyard.resources.RunLimits;
import dev.toolyard.resources.RunSummary;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.SourceFailedException;

/**
 * What SQL kinds share (T-RS4, T-CU4): a Hikari pool per (resource, environment), made on first
 * use and replaced when its configuration's revision changes; {@code ?} placeholders for every
 * value; a query timeout and, at the deadline, a cancel sent to the database; rows streamed with
 * a fetch size up to the row and byte limits. A kind supplies its {@link JdbcDialect}.
 */
public abstract class SqlConnector implements ResourceConnector, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SqlConnector.class);
    private static final int FETCH_SIZE = 500;
    /** Retired pools wait this long for their last runs before closing anyway. */
    private static final long RETIRE_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(10);
    private static final ScheduledExecutorService CANCELS = Executors.newSingleThreadScheduledExecutor(
            daemon("resource-run-cancel"));
    private static final ExecutorService CLOSERS = Executors.newCachedThreadPool(daemon("resource-pool-close"));

    private record Pool(String revision, HikariDataSource dataSource) {
    }

    private final ConcurrentHashMap<TargetKey, Pool> pools = new ConcurrentHashMap<>();
    private final JdbcDialect dialect;
    private final int defaultPort;

    protected SqlConnector(JdbcDialect dialect, int defaultPort) {
        this.dialect = dialect;
        this.defaultPort = defaultPort;
    }

    @Override
    public Settings settings(Map<String, Object> submitted, Settings stored) {
        return SqlSettings.validate(submitted, stored, defaultPort);
    }

    @Override
    public Map<String, Object> view(Settings settings) {
        return SqlSettings.view(settings);
    }

    @Override
    public void test(Target target) {
        var settings = SqlSettings.of(target.settings());
        var scrubber = Scrubber.of(target.settings(), null);
        try (var connection = dialect.driver().connect(dialect.url(settings), dialect.properties(settings));
                var statement = connection.createStatement()) {
            statement.setQueryTimeout(settings.connectTimeoutSeconds());
            try (var result = statement.executeQuery("select 1")) {
                result.next();
            }
        } catch (SQLException e) {
            throw failure(e, scrubber);
        }
    }

    @Override
    public RunSummary run(Target target, BoundQuery query, RunLimits limits, ResultWriter out) throws IOException {
        var scrubber = Scrubber.of(target.settings(), query);
        var sql = statementOf(query);
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        var pool = pool(target);
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw failure(e, scrubber);
        }
        var cancelled = new AtomicBoolean();
        try (connection) {
            boolean transaction = dialect.streamsInTransaction();
            try {
                if (transaction) {
                    connection.setAutoCommit(false);
                }
                var summary = execute(connection, sql, limits, deadline, cancelled, out);
                if (cancelled.get()) {
                    // The deadline passed: a cancelled statement may look finished (MariaDB's SLEEP returns 1).
                    throw new SQLException("cancelled at the deadline");
                }
                if (transaction) {
                    connection.commit();
                }
                return summary;
            } catch (SQLException e) {
                rollback(connection, transaction);
                if (cancelled.get() || dialect.cancelled(e)) {
                    pool.evictConnection(connection);
                    throw scrubber.failed("source.timeout", "The query was cancelled on the database after "
                            + limits.timeout().toMillis() + " ms (the run's time limit).", true);
                }
                throw failure(e, scrubber);
            }
        } catch (SQLException e) {
            throw failure(e, scrubber);
        }
    }

    private record Statement(String text, List<Object> values) {
    }

    /** T-CU4: text is the builder's; every value becomes a {@code ?} bound by the driver, never spliced. */
    private static Statement statementOf(BoundQuery query) {
        var field = query.field("sql").orElseThrow(() -> InvalidInputException.of("sql", "query.sql_required",
                "A SQL query needs its sql text."));
        var text = new StringBuilder();
        var values = new ArrayList<Object>();
        for (var piece : field.pieces()) {
            if (piece instanceof BoundQuery.Text literal) {
                text.append(literal.text());
            } else {
                text.append('?');
                values.add(((BoundQuery.Value) piece).value());
            }
        }
        if (text.toString().isBlank()) {
            throw InvalidInputException.of("sql", "query.sql_required", "A SQL query needs its sql text.");
        }
        return new Statement(text.toString(), values);
    }

    private RunSummary execute(Connection connection, Statement sql, RunLimits limits, long deadline,
            AtomicBoolean cancelled, ResultWriter out) throws SQLException, IOException {
        try (var statement = connection.prepareStatement(sql.text(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            for (int i = 0; i < sql.values().size(); i++) {
                JdbcValues.bind(statement, i + 1, sql.values().get(i));
            }
            statement.setFetchSize(FETCH_SIZE);
            // One row more than the limit tells a cut result from one that fits exactly.
            statement.setMaxRows(limits.maxRows() == Integer.MAX_VALUE ? 0 : limits.maxRows() + 1);
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                cancelled.set(true);
                throw new SQLException("deadline passed before the statement started");
            }
            // Where the database enforces it, its own limit is a second later, a backstop should the
            // cancel not reach it; setQueryTimeout has whole seconds and covers execution only, the
            // cancel covers fetching too. Elsewhere it would be a second client-side cancel timer.
            if (dialect.timeoutOnServer()) {
                statement.setQueryTimeout((int) TimeUnit.NANOSECONDS.toSeconds(remaining + 999_999_999L) + 1);
            }
            var cancel = CANCELS.schedule(() -> {
                cancelled.set(true);
                try {
                    statement.cancel();
                } catch (SQLException e) {
                    log.debug("Cancelling a timed-out statement failed: {}", e.getMessage());
                }
            }, remaining, TimeUnit.NANOSECONDS);
            try {
                return read(statement, limits, out);
            } finally {
                cancel.cancel(false);
            }
        }
    }

    private RunSummary read(java.sql.PreparedStatement statement, RunLimits limits, ResultWriter out)
            throws SQLException, IOException {
        if (!statement.execute()) {
            long affected = statement.getLargeUpdateCount();
            out.document(Map.of("affectedRows", Math.max(affected, 0)));
            return RunSummary.complete(0);
        }
        try (var result = statement.getResultSet()) {
            var meta = result.getMetaData();
            int count = meta.getColumnCount();
            var columns = new ArrayList<ResultWriter.ResultColumn>(count);
            var types = new int[count];
            var typeNames = new String[count];
            for (int i = 1; i <= count; i++) {
                columns.add(new ResultWriter.ResultColumn(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
                types[i - 1] = meta.getColumnType(i);
                typeNames[i - 1] = meta.getColumnTypeName(i);
            }
            out.columns(columns);
            long rows = 0;
            while (result.next()) {
                if (rows == limits.maxRows()) {
                    return new RunSummary(rows, true, "rows");
                }
                var values = new Object[count];
                for (int i = 0; i < count; i++) {
                    values[i] = JdbcValues.read(result, i + 1, types[i], typeNames[i], dialect);
                }
                if (!out.row(values)) {
                    return new RunSummary(rows, true, "bytes");
                }
                rows++;
                if (out.bytesWritten() > limits.maxBytes()) {
                    return new RunSummary(rows, true, "bytes");
                }
            }
            return RunSummary.complete(rows);
        }
    }

    private SourceFailedException failure(SQLException e, Scrubber scrubber) {
        if (e instanceof SQLTransientConnectionException && e.getCause() instanceof SQLException cause) {
            return failure(cause, scrubber);
        }
        if (dialect.authentication(e)) {
            return scrubber.failed("source.authentication_failed", "The database refused the connection: "
                    + e.getMessage(), false);
        }
        if (dialect.connection(e) || e instanceof SQLTransientConnectionException) {
            return scrubber.failed("source.unreachable", "Could not connect to the database: " + e.getMessage(), false);
        }
        return scrubber.failed("source.error", "The database answered: " + e.getMessage(), false);
    }

    private static void rollback(Connection connection, boolean transaction) {
        if (!transaction) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.debug("Rollback after a failed run failed: {}", e.getMessage());
        }
    }

    private HikariDataSource pool(Target target) {
        var pool = pools.compute(target.key(), (key, existing) -> {
            if (existing != null && existing.revision().equals(target.revision())) {
                return existing;
            }
            if (existing != null) {
                retireLater(existing.dataSource());
            }
            return new Pool(target.revision(), new HikariDataSource(config(target)));
        });
        return pool.dataSource();
    }

    /** Lazy, small and quiet: no connection until a run needs one, none kept when runs stop. */
    private HikariConfig config(Target target) {
        var settings = SqlSettings.of(target.settings());
        var config = new HikariConfig();
        config.setPoolName("resource " + target.label());
        config.setJdbcUrl(dialect.url(settings));
        config.setDriverClassName(dialect.driver().getClass().getName());
        config.setDataSourceProperties(dialect.properties(settings));
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(0);
        config.setIdleTimeout(TimeUnit.MINUTES.toMillis(5));
        config.setMaxLifetime(TimeUnit.MINUTES.toMillis(30));
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(settings.connectTimeoutSeconds()));
        config.setValidationTimeout(TimeUnit.SECONDS.toMillis(Math.min(settings.connectTimeoutSeconds(), 5)));
        // Creating the pool never connects: a wrong configuration fails the run, not the pool.
        config.setInitializationFailTimeout(-1);
        return config;
    }

    /** The pool of a configuration, if a run has made one (for tests and metrics). */
    public JdbcDialect dialect() {
        return dialect;
    }

    public Optional<HikariDataSource> pool(TargetKey key) {
        return Optional.ofNullable(pools.get(key)).map(Pool::dataSource);
    }

    @Override
    public void retire(Predicate<TargetKey> which) {
        for (var key : List.copyOf(pools.keySet())) {
            if (which.test(key)) {
                var removed = pools.remove(key);
                if (removed != null) {
                    retireLater(removed.dataSource());
                }
            }
        }
    }

    /** Idle connections close now; runs in progress finish first (up to a limit), then the pool closes. */
    private static void retireLater(HikariDataSource dataSource) {
        CLOSERS.execute(() -> {
            var bean = dataSource.getHikariPoolMXBean();
            long until = System.currentTimeMillis() + RETIRE_WAIT_MILLIS;
            try {
                if (bean != null) {
                    bean.softEvictConnections();
                    while (bean.getActiveConnections() > 0 && System.currentTimeMillis() < until) {
                        Thread.sleep(50);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                dataSource.close();
            }
        });
    }

    @Override
    public void destroy() {
        pools.values().forEach(pool -> pool.dataSource().close());
        pools.clear();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            var thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
