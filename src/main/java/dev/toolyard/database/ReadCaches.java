package dev.toolyard.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes {@link ReadCache}s and keeps them true across nodes: LISTENs on its own connection for the
 * table names that the {@code toolyard_table_changed} triggers send at commit, and clears every
 * cache reading that table. While the connection is down, caches are bypassed; on reconnecting
 * they are cleared, since notifications may have been missed.
 */
@Component
public class ReadCaches implements SmartLifecycle {

    static final String CHANNEL = "toolyard_table_changed";
    private static final Logger log = LoggerFactory.getLogger(ReadCaches.class);
    private static final int POLL_MILLIS = 200;

    private final DataSource dataSource;
    private final Map<String, List<ReadCache<?, ?>>> byTable = new ConcurrentHashMap<>();
    private final List<ReadCache<?, ?>> all = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    ReadCaches(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A cache of rows read from {@code tables}; each table needs the {@code toolyard_table_changed}
     * trigger (see the migrations), or changes made by other nodes would not clear it.
     */
    public <K, V> ReadCache<K, V> create(String name, int maxEntries, Set<String> tables) {
        var cache = new ReadCache<K, V>(name, maxEntries, this);
        all.add(cache);
        for (String table : tables) {
            byTable.computeIfAbsent(table, ignored -> new CopyOnWriteArrayList<>()).add(cache);
        }
        return cache;
    }

    boolean listening() {
        return listening;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "read-cache-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        listening = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                clearAll();
                listening = true;
                var notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    var received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (var notification : received) {
                            tableChanged(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                listening = false;
                clearAll();
                if (running) {
                    log.warn("Lost the read caches' listener connection; caches are bypassed until it is back: {}",
                            e.getMessage());
                    pause();
                }
            }
        }
    }

    private void tableChanged(String table) {
        for (var cache : byTable.getOrDefault(table, List.of())) {
            cache.clear();
        }
    }

    private void clearAll() {
        all.forEach(ReadCache::clear);
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
