package dev.toolyard.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.toolyard.apps.AppDocuments;
import dev.toolyard.apps.AppManagement;
import dev.toolyard.apps.AppReleases;
import dev.toolyard.apps.ReleaseBump;
import dev.toolyard.queries.AppQueries;
import dev.toolyard.queries.FieldTemplate;
import dev.toolyard.queries.QueryDraft;
import dev.toolyard.resources.ResourceConfigurations;
import dev.toolyard.resources.ResourceKind;
import dev.toolyard.resources.ResourceManagement;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ResourceId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Toolyard side of the sample: the "Sample database" resource, the "Employees" app with its
 * queries, document and first release, made through the same services a person would use, so the
 * objects are ordinary ones (the Admin group owns them by rule) and each step is audited.
 */
@Component
class SampleApp {

    static final String RESOURCE_NAME = "Sample database";
    static final String APP_NAME = "Employees";
    static final String DOCUMENT = "/sample/employees-app.json";
    static final String RELEASE_NOTES = "The sample app: search the employees, change a title, see an employee's"
            + " orders, revenue by month and, under My reports, the people who report to you.";

    record Made(ResourceId resource, AppId app) {
    }

    private final ResourceManagement resources;
    private final ResourceConfigurations configurations;
    private final AppManagement apps;
    private final AppQueries queries;
    private final AppDocuments documents;
    private final AppReleases releases;

    SampleApp(ResourceManagement resources, ResourceConfigurations configurations, AppManagement apps,
            AppQueries queries, AppDocuments documents, AppReleases releases) {
        this.resources = resources;
        this.configurations = configurations;
        this.apps = apps;
        this.queries = queries;
        this.documents = documents;
        this.releases = releases;
    }

    /** Inside the caller's transaction: everything or nothing. */
    Made make(Caller system, SampleDatabase.Login login) {
        var resource = resources.create(system, RESOURCE_NAME, ResourceKind.POSTGRESQL, null);
        configurations.save(system, resource.id(), "production", settings(login));
        var app = apps.createApp(system, APP_NAME, null);
        for (var query : SampleQueries.ALL) {
            queries.create(system, app.id(), new QueryDraft(query.name(), resource.id(),
                    List.of(new FieldTemplate("sql", query.sql())), null, null, null));
        }
        // The document refers to the queries by name, so it is saved (and validated) after them.
        documents.save(system, app.id(), documents.draft(system, app.id()).version(), document());
        releases.publish(system, app.id(), ReleaseBump.MAJOR, RELEASE_NOTES);
        return new Made(resource.id(), app.id());
    }

    /** Points the resource at the server again, e.g. when the embedded server got another port. */
    void repoint(Caller system, ResourceId resource, SampleDatabase.Login login) {
        configurations.save(system, resource, "production", settings(login));
    }

    static JsonNode document() {
        try (InputStream in = SampleApp.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the build");
            }
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LinkedHashMap<String, Object> settings(SampleDatabase.Login login) {
        var settings = new LinkedHashMap<String, Object>();
        settings.put("host", login.host());
        settings.put("port", login.port());
        settings.put("database", login.database());
        settings.put("user", login.user());
        settings.put("password", login.password());
        // Toolyard's own server: the embedded one listens on this machine only, without TLS.
        settings.put("tlsMode", "disable");
        settings.put("poolSize", 5);
        return settings;
    }
}
