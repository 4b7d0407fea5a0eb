package dev.toolyard.resources.connector;

import java.io.IOException;
import java.util.Map;
import java.util.function.Predicate;

import dev.toolyard.resources.BoundQuery;
import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.ResultWriter;
import dev.toolyard.resources.RunLimits;
import dev.toolyard.resources.RunSummary;

/**
 * T-RS1: one kind of data source behind one interface. A kind is one package with one bean
 * implementing this (plus its {@link ResourceKind} constant); the resources module stores,
 * encrypts, authorises and audits, the connector knows its settings and how to talk to the source.
 * Failures of the source are {@link dev.toolyard.shared.SourceFailedException}s whose messages
 * carry no secret; bad settings or queries are {@link dev.toolyard.shared.InvalidInputException}s.
 */
public interface ResourceConnector {

    ResourceKind kind();

    /**
     * Checks a submitted configuration against the stored one ({@link Settings#NONE} when there is
     * none) and returns what to store. Write-only fields follow {@link SecretInput}: left out keeps
     * the stored secret, except when the submission points the configuration at another server,
     * where a secret must be entered again so a stored one never reaches a server it was not saved for.
     */
    Settings settings(Map<String, Object> submitted, Settings stored);

    /** What the API and console show: the values, and {@code <field>Set} flags instead of secrets. */
    Map<String, Object> view(Settings settings);

    /** Connects on its own (no pool) and asks the simplest question; fails with the source's answer. */
    void test(Target target);

    /** Runs the query, streaming the answer to {@code out}; never holds a connection beyond the run. */
    RunSummary run(Target target, BoundQuery query, RunLimits limits, ResultWriter out) throws IOException;

    /** Lets go of pools and clients built for these keys (a configuration changed or went away). */
    void retire(Predicate<TargetKey> which);
}
