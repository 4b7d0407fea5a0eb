package dev.toolyard.access;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * LISTENs for access changes committed by any node and has the engine apply each to its snapshot
 * of that space. It reads the changed parts through its own connection, so a busy pool never delays
 * propagation. After a lost connection it drops every snapshot, since notifications may have been
 * missed.
 */
@Component
@ConditionalOnWebApplication
class AccessChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessChangeListener.class);
    private static final int POLL_MILLIS = 200;

    private final DataSource dataSource;
    private final AccessEngine engine;
    private volatile boolean running;
    private Thread thread;

    AccessChangeListener(DataSource dataSource, AccessEngine engine) {
        this.dataSource = dataSource;
        this.engine = engine;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "access-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
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
        boolean reconnecting = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (var statement = connection.createStatement()) {
                    statement.execute("listen " + AccessEngine.CHANNEL);
                }
                if (reconnecting) {
                    engine.invalidateAll();
                    log.info("Listening for access changes again");
                }
                reconnecting = true;
                var notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    var received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (var notification : received) {
                            apply(connection, notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Lost the access change listener's connection; retrying: {}", e.getMessage());
                    engine.invalidateAll();
                    pause();
                }
            }
        }
    }

    /**
     * The engine's reads run on this connection, bound as the transaction's would be: the listener then
     * never waits for the pool, where every connection may be held by requests.
     */
    private void apply(Connection connection, String payload) {
        TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(connection));
        try {
            engine.notified(payload);
        } catch (RuntimeException e) {
            log.warn("Dropping every access snapshot after a notification that could not be applied: {}", payload, e);
            engine.invalidateAll();
        } finally {
            TransactionSynchronizationManager.unbindResource(dataSource);
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
