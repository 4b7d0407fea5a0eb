package dev.toolyard.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import dev.toolyard.testing.ToolyardTest;

/**
 * The caches of issue 4's run path: a row read from memory must never outlive a committed change,
 * whoever made it. A probe table carries the same trigger as the cached tables; "another node" is
 * a plain statement that does not tell the cache itself, so only the notification can.
 */
@ToolyardTest
class ReadCachesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Autowired
    ReadCaches caches;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private final AtomicInteger loads = new AtomicInteger();
    private ReadCache<Integer, Optional<String>> cache;

    @BeforeEach
    void probeTable() {
        jdbc.sql("create table read_cache_probe (id int primary key, value text not null)").update();
        jdbc.sql("""
                create trigger read_cache_probe_changed after insert or update or delete or truncate on read_cache_probe
                for each statement execute function toolyard_table_changed()""").update();
        jdbc.sql("insert into read_cache_probe values (1, 'first')").update();
        cache = caches.create(100, Set.of("read_cache_probe"));
        waitUntil(caches::listening);
        drainNotifications();
    }

    /**
     * Waits until the listener has handled every notification committed so far (the set-up's insert
     * among them): notifications reach it in commit order, so a marker's arrival means the rest came.
     */
    private void drainNotifications() {
        ReadCache<Integer, String> marker = caches.create(1, Set.of("read_cache_marker"));
        marker.get(1, key -> "kept until the marker's notification");
        jdbc.sql("select pg_notify('toolyard_table_changed', 'read_cache_marker')").query().singleRow();
        waitUntil(() -> marker.size() == 0);
    }

    @AfterEach
    void dropProbe() {
        jdbc.sql("drop table read_cache_probe").update();
    }

    @Test
    void repeatedReadsComeFromMemory() {
        assertThat(read()).contains("first");
        assertThat(read()).contains("first");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aChangeByAnotherNodeClearsTheCacheAtItsCommit() {
        assertThat(read()).contains("first");
        jdbc.sql("update read_cache_probe set value = 'second' where id = 1").update();
        waitUntil(() -> read().equals(Optional.of("second")));
        jdbc.sql("delete from read_cache_probe").update();
        waitUntil(() -> read().isEmpty());
    }

    @Test
    void theNodeThatChangedReadsItsOwnWriteAtOnce() {
        assertThat(read()).contains("first");
        transactions.executeWithoutResult(status -> {
            jdbc.sql("update read_cache_probe set value = 'mine' where id = 1").update();
            cache.changed();
        });
        assertThat(read()).contains("mine");
    }

    @Test
    void aTransactionReadsItsUncommittedRowsAndLeavesNothingInTheCache() {
        assertThat(read()).contains("first");
        transactions.executeWithoutResult(status -> {
            jdbc.sql("update read_cache_probe set value = 'uncommitted' where id = 1").update();
            assertThat(read()).contains("uncommitted");
            status.setRollbackOnly();
        });
        assertThat(read()).contains("first");
    }

    @Test
    void aLoadOverlappingAChangeIsNotKept() {
        Supplier<Optional<String>> staleLoadThenChange = () -> {
            var stale = jdbc.sql("select value from read_cache_probe where id = 1").query(String.class).optional();
            jdbc.sql("update read_cache_probe set value = 'newer' where id = 1").update();
            cache.changed();
            return stale;
        };
        assertThat(cache.get(1, key -> staleLoadThenChange.get())).contains("first");
        assertThat(read()).contains("newer");
    }

    @Test
    void whileTheListenerIsDisconnectedNothingIsServedFromMemory() {
        assertThat(read()).contains("first");
        jdbc.sql("""
                select pg_terminate_backend(pid) from pg_stat_activity
                where query = 'listen toolyard_table_changed' and pid <> pg_backend_pid()""").query().listOfRows();
        waitUntil(() -> !caches.listening());
        jdbc.sql("update read_cache_probe set value = 'while away' where id = 1").update();
        assertThat(read()).contains("while away");
        waitUntil(caches::listening);
        int before = loads.get();
        assertThat(read()).contains("while away");
        assertThat(read()).contains("while away");
        assertThat(loads.get() - before).isEqualTo(1);
    }

    private Optional<String> read() {
        return cache.get(1, key -> {
            loads.incrementAndGet();
            return jdbc.sql("select value from read_cache_probe where id = ?").param(key).query(String.class).optional();
        });
    }

    private static void waitUntil(Supplier<Boolean> condition) {
        var deadline = Instant.now().plus(PATIENCE);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not within " + PATIENCE);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
