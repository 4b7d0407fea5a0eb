package dev.toolyard.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.toolyard.audit.AuditEntry;
import dev.toolyard.audit.AuditLog;
import dev.toolyard.audit.AuditOutcome;
import dev.toolyard.audit.AuditRecord;
import dev.toolyard.audit.AuditVerification;
import dev.toolyard.audit.AuditVerification.BrokenLink;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

@Service
class JdbcAuditLog implements AuditLog, SmartLifecycle {

    static final String INSTANCE_CHAIN = "instance";
    private static final int ROWS_PER_INSERT = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final Clock clock;
    private final QueuedAuditWriter queue;

    JdbcAuditLog(JdbcClient jdbc, DataSource dataSource, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // Verification reads every entry: fetch in batches instead of loading the whole trail.
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(500);
        this.clock = clock;
        var inTransaction = new TransactionTemplate(transactions);
        this.queue = new QueuedAuditWriter(batch -> {
            var byChain = new LinkedHashMap<String, List<AuditRecord>>();
            batch.forEach(record -> byChain.computeIfAbsent(chainOf(record), chain -> new ArrayList<>()).add(record));
            byChain.forEach((chain, records) -> inTransaction.executeWithoutResult(
                    status -> appendToChain(chain, records)));
        }, Duration.ofMillis(BATCH_DELAY_MILLIS));
    }

    @Override
    public void appendSoon(AuditRecord record) {
        if (!queue.running()) {
            // Before start or after stop (a command, a closing context): write it now.
            append(record);
            return;
        }
        queue.enqueue(record);
    }

    @Override
    public void flush() {
        queue.flush(Duration.ofSeconds(30));
    }

    @Override
    public void start() {
        queue.start();
    }

    @Override
    public void stop() {
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return queue.running();
    }

    /** Stops late, after the web server no longer accepts runs, and before the database closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }

    @Override
    @Transactional
    public AuditEntry append(AuditRecord record) {
        return appendToChain(chainOf(record), List.of(record)).get(0);
    }

    static String chainOf(AuditRecord record) {
        return record.spaceId() == null ? INSTANCE_CHAIN : record.spaceId().toString();
    }

    /** Appends records of one chain in order under one lock of its head; runs in the caller's transaction. */
    List<AuditEntry> appendToChain(String chain, List<AuditRecord> records) {
        // The head row is the chain's lock: appends to one chain are serialised, other chains go on.
        jdbc.sql("insert into audit_chain_heads (chain, seq, hash) values (?, 0, ?) on conflict do nothing")
                .params(chain, AuditHashing.GENESIS).update();
        var head = jdbc.sql("select seq, hash from audit_chain_heads where chain = ? for update")
                .param(chain)
                .query((rs, n) -> Map.entry(rs.getLong("seq"), rs.getString("hash")))
                .single();
        long seq = head.getKey();
        String prevHash = head.getValue();
        var hashed = new ArrayList<AuditEntry>(records.size());
        for (var record : records) {
            seq++;
            var unhashed = new AuditEntry(0, chain, seq, clock.instant().truncatedTo(ChronoUnit.MICROS),
                    record.spaceId(), record.actorId(), record.actorLabel(), record.clientAddress(), record.action(),
                    record.targetType(), record.targetId(), record.targetLabel(), record.outcome(),
                    json(record.before()), json(record.after()), prevHash, null);
            String hash = AuditHashing.hash(unhashed);
            hashed.add(stored(unhashed, 0, hash));
            prevHash = hash;
        }
        var ids = insert(hashed);
        jdbc.sql("update audit_chain_heads set seq = ?, hash = ? where chain = ?").params(seq, prevHash, chain).update();
        return hashed.stream().map(entry -> stored(entry, ids.get(entry.seq()), entry.hash())).toList();
    }

    private static AuditEntry stored(AuditEntry entry, long id, String hash) {
        return new AuditEntry(id, entry.chain(), entry.seq(), entry.occurredAt(), entry.spaceId(), entry.actorId(),
                entry.actorLabel(), entry.clientAddress(), entry.action(), entry.targetType(), entry.targetId(),
                entry.targetLabel(), entry.outcome(), entry.beforeState(), entry.afterState(), entry.prevHash(), hash);
    }

    /**
     * One multi-row statement per {@value #ROWS_PER_INSERT} entries instead of one per entry: a batch
     * of queued query runs is written with a fraction of the statements (BENCHMARKS.md, issue 4).
     * The ids by sequence number, since RETURNING promises no order.
     */
    private Map<Long, Long> insert(List<AuditEntry> entries) {
        var ids = new HashMap<Long, Long>();
        for (int from = 0; from < entries.size(); from += ROWS_PER_INSERT) {
            var rows = entries.subList(from, Math.min(entries.size(), from + ROWS_PER_INSERT));
            var sql = new StringBuilder("""
                    insert into audit_entries (chain, seq, occurred_at, space_id, actor_id, actor_label, client_address,
                        action, target_type, target_id, target_label, outcome, before_state, after_state, prev_hash, hash)
                    values """);
            var params = new ArrayList<Object>(rows.size() * 16);
            for (var entry : rows) {
                sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                params.addAll(Arrays.asList(entry.chain(), entry.seq(),
                        OffsetDateTime.ofInstant(entry.occurredAt(), ZoneOffset.UTC),
                        entry.spaceId() == null ? null : entry.spaceId().value(),
                        entry.actorId() == null ? null : entry.actorId().value(), entry.actorLabel(),
                        entry.clientAddress(), entry.action(), entry.targetType(), entry.targetId(), entry.targetLabel(),
                        entry.outcome().name(), entry.beforeState(), entry.afterState(), entry.prevHash(), entry.hash()));
            }
            jdbc.sql(sql.append(" returning seq, id").toString()).params(params)
                    .query(rs -> {
                        ids.put(rs.getLong("seq"), rs.getLong("id"));
                    });
        }
        return ids;
    }

    @Override
    @Transactional(readOnly = true)
    public AuditVerification verify() {
        var walk = new ChainWalk();
        streaming.query("select * from audit_entries order by chain, seq", (RowCallbackHandler) rs -> walk.accept(map(rs)));
        var heads = new HashMap<String, Map.Entry<Long, String>>();
        jdbc.sql("select chain, seq, hash from audit_chain_heads").query(rs -> {
            heads.put(rs.getString("chain"), Map.entry(rs.getLong("seq"), rs.getString("hash")));
        });
        return walk.finish(heads);
    }

    /** Walks entries in (chain, seq) order and remembers the first break it sees. */
    private static final class ChainWalk {

        private final Map<String, AuditEntry> lastOfChain = new HashMap<>();
        private String currentChain;
        private AuditEntry previous;
        private long checked;
        private BrokenLink firstBroken;

        void accept(AuditEntry entry) {
            checked++;
            if (!entry.chain().equals(currentChain)) {
                currentChain = entry.chain();
                previous = null;
            }
            if (firstBroken == null) {
                long expectedSeq = previous == null ? 1 : previous.seq() + 1;
                String expectedPrev = previous == null ? AuditHashing.GENESIS : previous.hash();
                if (entry.seq() != expectedSeq) {
                    breakAt(entry, "entry #" + expectedSeq + " is missing");
                } else if (!entry.prevHash().equals(expectedPrev)) {
                    breakAt(entry, "it does not link to the entry before it");
                } else if (!AuditHashing.hash(entry).equals(entry.hash())) {
                    breakAt(entry, "its content does not match its hash (the entry was altered)");
                }
            }
            previous = entry;
            lastOfChain.put(entry.chain(), entry);
        }

        private void breakAt(AuditEntry entry, String reason) {
            firstBroken = new BrokenLink(entry.chain(), entry.seq(), Optional.of(entry.id()), reason);
        }

        AuditVerification finish(Map<String, Map.Entry<Long, String>> heads) {
            if (firstBroken == null) {
                for (var head : heads.entrySet()) {
                    var last = lastOfChain.get(head.getKey());
                    long lastSeq = last == null ? 0 : last.seq();
                    String lastHash = last == null ? AuditHashing.GENESIS : last.hash();
                    if (lastSeq != head.getValue().getKey() || !lastHash.equals(head.getValue().getValue())) {
                        firstBroken = new BrokenLink(head.getKey(), lastSeq + 1, Optional.empty(),
                                "the chain ends at entry #" + lastSeq + " but its head records entry #"
                                        + head.getValue().getKey() + " (entries were removed)");
                        break;
                    }
                }
            }
            if (firstBroken == null) {
                for (var chain : lastOfChain.keySet()) {
                    if (!heads.containsKey(chain)) {
                        firstBroken = new BrokenLink(chain, 1, Optional.empty(), "the chain has no head record");
                        break;
                    }
                }
            }
            var chains = new HashSet<>(heads.keySet());
            chains.addAll(lastOfChain.keySet());
            return new AuditVerification(checked, chains.size(), Optional.ofNullable(firstBroken));
        }
    }

    private static AuditEntry map(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("id"), rs.getString("chain"), rs.getLong("seq"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getObject("space_id", UUID.class) == null ? null : new SpaceId(rs.getObject("space_id", UUID.class)),
                rs.getObject("actor_id", UUID.class) == null ? null : new UserId(rs.getObject("actor_id", UUID.class)),
                rs.getString("actor_label"), rs.getString("client_address"), rs.getString("action"),
                rs.getString("target_type"), rs.getString("target_id"), rs.getString("target_label"),
                AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("before_state"),
                rs.getString("after_state"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    private static String json(Map<String, Object> state) {
        return state == null ? null : CanonicalJson.write(state);
    }
}
