package dev.toolyard.access;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.toolyard.database.ChannelListener;

/**
 * LISTENs for access changes committed by any node and has the engine apply each to its snapshot
 * of that space. It reads the changed parts through its own connection, so a busy pool never delays
 * propagation. After a lost connection it drops every snapshot, since notifications may have been
 * missed.
 */
@Component
@ConditionalOnWebApplication
class AccessChangeListener extends ChannelListener {

    private static final Logger log = LoggerFactory.getLogger(AccessChangeListener.class);

    private final DataSource dataSource;
    private final AccessEngine engine;

    AccessChangeListener(DataSource dataSource, AccessEngine engine) {
        super(dataSource, AccessEngine.CHANNEL, "access-change-listener");
        this.dataSource = dataSource;
        this.engine = engine;
    }

    @Override
    protected void listening(Connection connection, boolean again) {
        if (again) {
            engine.invalidateAll();
            log.info("Listening for access changes again");
        }
    }

    @Override
    protected void lost(SQLException cause) {
        log.warn("Lost the access change listener's connection; retrying: {}", cause.getMessage());
        engine.invalidateAll();
    }

    /**
     * The engine's reads run on this connection, bound as the transaction's would be: the listener then
     * never waits for the pool, where every connection may be held by requests.
     */
    @Override
    protected void notified(Connection connection, String payload) {
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
}
