package dev.toolyard.sample;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.toolyard.database.DatabaseServer;
import dev.toolyard.identity.PublicUrls;
import dev.toolyard.resources.ResourceConfigurations;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.NotFoundException;
import dev.toolyard.spaces.SpaceManagement;

/**
 * T-D2: at the first start of a new instance, the sample database, resource and app, made by
 * Toolyard itself ({@link Caller#system}) in the admin space. Decided once per instance
 * ({@code sample_setup}): made, or skipped for an instance that had data before (V13). A failure
 * is logged and leaves nothing half-made in Toolyard's database; the next start tries again.
 * Later starts only point the resource at the embedded server's new port, while the resource is
 * still configured as the sample made it.
 */
@Component
@ConditionalOnWebApplication
@EnableConfigurationProperties(SampleProperties.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class SampleSetup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SampleSetup.class);

    private final SampleProperties properties;
    private final DatabaseServer server;
    private final SpaceManagement spaces;
    private final SampleSetupRepository repository;
    private final SampleApp sampleApp;
    private final ResourceConfigurations configurations;
    private final TransactionTemplate transactions;
    private final PublicUrls urls;
    private final Clock clock;

    SampleSetup(SampleProperties properties, DatabaseServer server, SpaceManagement spaces,
            SampleSetupRepository repository, SampleApp sampleApp, ResourceConfigurations configurations,
            TransactionTemplate transactions, PublicUrls urls, Clock clock) {
        this.properties = properties;
        this.server = server;
        this.spaces = spaces;
        this.repository = repository;
        this.sampleApp = sampleApp;
        this.configurations = configurations;
        this.transactions = transactions;
        this.urls = urls;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabledOn(server.embedded())) {
            return;
        }
        try {
            ensure();
        } catch (SQLException | RuntimeException e) {
            log.warn("The sample database and app were not made or not brought up to date; the next start tries again", e);
        }
    }

    private void ensure() throws SQLException {
        var decided = repository.find();
        if (decided.isPresent()) {
            if (decided.get().outcome().equals("created")) {
                repointIfMoved(decided.get());
            }
            return;
        }
        var database = new SampleDatabase(server, properties.database());
        var login = database.ensure(LocalDate.now(clock));
        if (login.isEmpty()) {
            return;
        }
        var made = transactions.execute(status -> {
            if (repository.lockAndFind().isPresent()) {
                return null;
            }
            var system = Caller.system(spaces.ensureAdminSpace().id());
            var sample = sampleApp.make(system, login.get());
            repository.created(database.name(), sample.resource(), sample.app(), login.get().port(), clock.instant());
            return sample;
        });
        if (made != null) {
            log.info("""

                    ==================================================================================
                      A sample app is ready: "{}", over the "{}" resource (PostgreSQL database '{}').
                      Once signed in as an administrator, open it at:
                      {}
                    ==================================================================================""",
                    SampleApp.APP_NAME, SampleApp.RESOURCE_NAME, database.name(), urls.of("/run/" + made.app()));
        }
    }

    /**
     * The embedded server listens on a port chosen at each start. While the resource still points
     * at the sample database exactly as the sample last configured it, it follows the port; once
     * someone points it elsewhere (another host, database, user or port), it is theirs and stays.
     */
    private void repointIfMoved(SampleSetupRepository.Decision decision) throws SQLException {
        if (decision.resource() == null || decision.port() == null || decision.port() == server.port()) {
            return;
        }
        var system = Caller.system(spaces.adminSpaceId());
        ResourceConfigurations.ConfigurationView view;
        try {
            view = configurations.configuration(system, decision.resource(), "production");
        } catch (NotFoundException gone) {
            return;
        }
        var settings = view.settings();
        boolean asConfigured = server.host().equals(settings.get("host"))
                && decision.database().equals(settings.get("database"))
                && decision.database().equals(settings.get("user"))
                && settings.get("port") instanceof Number port && port.intValue() == decision.port();
        if (!asConfigured) {
            return;
        }
        var login = new SampleDatabase(server, decision.database()).ensure(LocalDate.now(clock));
        if (login.isPresent()) {
            transactions.executeWithoutResult(status -> {
                sampleApp.repoint(system, decision.resource(), login.get());
                repository.repointed(login.get().port());
            });
        }
    }
}
