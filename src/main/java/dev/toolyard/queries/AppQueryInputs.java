package dev.toolyard.queries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.toolyard.shared.ApiScope;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;

/**
 * What the browser runtime must send to run each query of an app (T-CU5): for the draft, the
 * app's queries and imports as they are; for a release, as it froze them (T-R1). Which release a
 * caller may open is the apps module's decision ({@code AppReleases.select}); this takes its answer.
 */
@Service
public class AppQueryInputs {

    /**
     * @param kind {@code app} or {@code import}
     * @param expressions the {{ }} texts the browser evaluates and sends as values
     * @param stateNames names the current_user expressions read besides current_user
     */
    public record Inputs(String kind, String id, String name, List<String> expressions, List<String> stateNames) {

        public Inputs {
            expressions = List.copyOf(expressions);
            stateNames = List.copyOf(stateNames);
        }
    }

    private final AppAccess apps;
    private final AppQueryRepository queries;
    private final LibraryRepository library;
    private final ReleasedQueryRepository released;

    AppQueryInputs(AppAccess apps, AppQueryRepository queries, LibraryRepository library,
            ReleasedQueryRepository released) {
        this.apps = apps;
        this.queries = queries;
        this.library = library;
        this.released = released;
    }

    /** @param releaseVersion the release the caller was allowed to open, or null for the draft */
    @Transactional(readOnly = true)
    public List<Inputs> of(Caller caller, AppId app, String releaseVersion) {
        caller.requireScope(ApiScope.APPS_READ);
        apps.requireUse(caller, app);
        var inputs = new ArrayList<Inputs>();
        if (releaseVersion == null) {
            for (var query : queries.ofApp(caller.spaceId(), app)) {
                inputs.add(app(query.id().toString(), query.name(), query.fields()));
            }
            for (var imported : library.importsOfApp(caller.spaceId(), app)) {
                inputs.add(imported(imported.id().toString(), imported.name()));
            }
        } else {
            for (var frozen : released.ofRelease(caller.spaceId(), app, releaseVersion)) {
                inputs.add("app".equals(frozen.kind()) ? app(frozen.sourceId().toString(), frozen.name(), frozen.fields())
                        : imported(frozen.sourceId().toString(), frozen.name()));
            }
        }
        inputs.sort(Comparator.comparing(Inputs::name));
        return inputs;
    }

    private static Inputs app(String id, String name, List<FieldTemplate> fields) {
        var template = QueryTemplate.parse(fields.stream()
                .map(field -> new QueryTemplate.FieldText(field.name(), field.template())).toList());
        return new Inputs("app", id, name, template.browserExpressions(), template.stateNames());
    }

    /** A library query's expressions are all evaluated on the server, over its parameters. */
    private static Inputs imported(String id, String name) {
        return new Inputs("import", id, name, List.of(), List.of());
    }
}
