package dev.toolyard.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes {@link ReadCache}s and keeps them true across nodes: LISTENs on its own connection for the
 * table names that the {@code toolyard_table_changed} triggers send at commit, and clears every
 * cache reading that table. While the connection is down, caches are bypassed; on reconnecting
 * they are cleared, since notifications may have been missed.
 */
@Component
public class ReadCaches extends ChannelListener {

    static final String CHANNEL = "toolyard_table_changed";
    private static final Logger log = LoggerFactory.getLogger(ReadCaches.class);

    private final Map<String, List<ReadCache<?, ?>>> byTable = new ConcurrentHashMap<>();
    private final List<ReadCache<?, ?>> all = new CopyOnWriteArrayList<>();
    private volatile boolean listening;

    ReadCaches(DataSource dataSource) {
        super(dataSource, CHANNEL, "read-cache-listener");
    }

    /**
     * A cache of rows read from {@code tables}; each table needs the {@code toolyard_table_changed}
     * trigger (see the migrations), or changes made by other nodes would not clear it.
     */
    public <K, V> ReadCache<K, V> create(int maxEntries, Set<String> tables) {
        var cache = new ReadCache<K, V>(maxEntries, this);
        all.add(cache);
        for (String table : tables) {
            byTable.computeIfAbsent(table, ignored -> new CopyOnWriteArrayList<>()).add(cache);
        }
        return cache;
    }

    boolean listening() {
        return listening && isRunning();
    }

    @Override
    protected void listening(Connection connection, boolean again) {
        clearAll();
        listening = true;
    }

    @Override
    protected void notified(Connection connection, String table) {
        for (var cache : byTable.getOrDefault(table, List.of())) {
            cache.clear();
        }
    }

    @Override
    protected void lost(SQLException cause) {
        listening = false;
        clearAll();
        log.warn("Lost the read caches' listener connection; caches are bypassed until it is back: {}",
                cause.getMessage());
    }

    private void clearAll() {
        all.forEach(ReadCache::clear);
    }
}
