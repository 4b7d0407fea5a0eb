package dev.toolyard.resources;

import java.io.IOException;

import org.springframework.stereotype.Service;

import dev.toolyard.shared.Caller;
import dev.toolyard.shared.InvalidInputException;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.shared.ResourceId;
import dev.toolyard.shared.SourceFailedException;

/**
 * Runs a bound query on a resource in an environment (T-RS4, T-CU4).
 */
@Service
public class ResourceRuns {

    private final ConfigurationRepository repository;
    private final Environments environments;
    private final ResourceConfigurations configurations;
    private final ResourceConnectors connectors;

    ResourceRuns(ConfigurationRepository repository, Environments environments, ResourceConfigurations configurations,
            ResourceConnectors connectors) {
        this.repository = repository;
        this.environments = environments;
        this.configurations = configurations;
        this.connectors = connectors;
    }

    /**
     * Runs {@code query} on the resource's configuration for {@code environment}, streaming the
     * answer to {@code out} within {@code limits}.
     * <p>
     * Checks that the resource is in the caller's space (else {@code resource.not_found}), that
     * the environment exists there ({@code environment.not_found}), that the caller may use it
     * (its group limit, T-RS3: {@code environment.denied}), that the resource is configured for
     * it ({@code environment.not_configured}, a {@link SourceFailedException}) and that the
     * query's fields are its kind's. It does <b>not</b> check the caller's level on the resource:
     * under T-A5 anyone who may use an app runs its queries, even on resources they have no grant
     * for, so the queries module authorises the query and then calls this. Nor does it require a
     * token scope, for the same reason.
     * <p>
     * Runs outside any transaction of Toolyard's database, and holds a connection of the resource's
     * pool only while the query runs. Reads Toolyard's database once: the resource, environment and
     * configuration together; a configuration's secrets are opened once per revision on each node. The source's failures are {@link SourceFailedException}s
     * ({@code source.unreachable}, {@code source.authentication_failed}, {@code source.error},
     * {@code source.timeout}, {@code source.response_too_large}) whose messages hold no secret.
     *
     * @throws IOException when {@code out} fails (the client went away); the run is then abandoned
     */
    public RunSummary run(Caller caller, ResourceId resource, String environment, BoundQuery query, RunLimits limits,
            ResultWriter out) throws IOException {
        // Resource, environment and configuration come in one statement: a run's only read here.
        var found = repository.forRun(caller.spaceId(), resource, environment == null ? "" : environment.strip())
                .orElseThrow(() -> new NotFoundException("resource.not_found", "There is no resource " + resource + "."));
        var row = found.resource();
        var usable = environments.usable(caller, environment, found.environment());
        for (var field : query.fields()) {
            if (!row.kind().acceptsQueryField(field.name())) {
                throw InvalidInputException.of(field.name(), "query.unknown_field",
                        "A " + row.kind() + " query has no field '" + field.name() + "'.");
            }
        }
        var target = configurations.target(new Resource(row.id(), row.folderId(), row.name(), row.kind(),
                row.createdAt(), null), usable, found);
        return connectors.of(row.kind()).run(target, query, limits, out);
    }
}
