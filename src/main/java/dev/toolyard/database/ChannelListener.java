package dev.toolyard.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.context.SmartLifecycle;

/**
 * LISTENs on one PostgreSQL channel on a connection of its own, on a thread of its own, for as long
 * as the application runs, and connects again a second after losing the connection. What a
 * notification means, and what to do about ones missed while disconnected, is the subclass's.
 */
public abstract class ChannelListener implements SmartLifecycle {

    private static final int POLL_MILLIS = 200;

    private final DataSource dataSource;
    private final String channel;
    private final String threadName;
    private volatile boolean running;
    private Thread thread;

    protected ChannelListener(DataSource dataSource, String channel, String threadName) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.threadName = threadName;
    }

    /** LISTEN is in place; {@code again} after a lost connection, when notifications may have been missed. */
    protected abstract void listening(Connection connection, boolean again);

    /** A notification, handled on the listener's connection and thread. */
    protected abstract void notified(Connection connection, String payload);

    /** The connection is gone; the listener tries again in a second. */
    protected abstract void lost(SQLException cause);

    @Override
    public final void start() {
        running = true;
        thread = new Thread(this::listen, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public final void stop() {
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
    public final boolean isRunning() {
        return running;
    }

    private void listen() {
        boolean again = false;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                // The connection comes from the pool and goes back to it: it may carry another
                // listener's LISTEN (a stopped one's), and must not carry this one's to a request.
                execute(connection, "unlisten *");
                execute(connection, "listen " + channel);
                listening(connection, again);
                again = true;
                var notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    var received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (var notification : received) {
                            if (channel.equals(notification.getName())) {
                                notified(connection, notification.getParameter());
                            }
                        }
                    }
                }
                execute(connection, "unlisten *");
            } catch (SQLException e) {
                if (running) {
                    lost(e);
                    pause();
                }
            }
        }
    }

    private static void execute(Connection connection, String command) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(command);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
