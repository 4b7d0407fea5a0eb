package dev.toolyard.database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Rows a hot path reads on every request (a query run's query and configuration), kept in memory
 * until a statement changes one of the cache's tables on any node: a trigger NOTIFYs at commit and
 * {@link ReadCaches} clears the cache. The node that made the change clears it itself after its
 * commit, through {@link #changed()}, so it reads its own writes at once.
 * <p>
 * A load that overlaps a clear is not kept (a generation counter), so a value read before a change
 * committed never outlives the change. Inside a transaction the cache is not used: the transaction
 * may see rows it has not committed yet. Nor while the listener is not connected, since changes
 * made meanwhile would go unnoticed.
 */
public final class ReadCache<K, V> {

    private final int maxEntries;
    private final ReadCaches owner;
    private final Map<K, V> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    ReadCache(int maxEntries, ReadCaches owner) {
        this.maxEntries = maxEntries;
        this.owner = owner;
    }

    public V get(K key, Function<K, V> loader) {
        if (!owner.listening() || TransactionSynchronizationManager.isActualTransactionActive()) {
            return loader.apply(key);
        }
        V cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        V loaded = loader.apply(key);
        if (loaded != null && generation.get() == before && owner.listening()) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, loaded);
            if (generation.get() != before) {
                entries.remove(key);
            }
        }
        return loaded;
    }

    /** This node changed one of the cache's tables: clear the cache once the change is committed. */
    public void changed() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    clear();
                }
            });
        } else {
            clear();
        }
    }

    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
