package dev.toolyard.access;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.toolyard.ToolyardApplication;
import dev.toolyard.shared.AppId;
import dev.toolyard.shared.SpaceId;
import dev.toolyard.shared.UserId;

/**
 * What a change costs a node at issue 3's size: after a NOTIFY the node drops the space's snapshot
 * and the next question loads it again from PostgreSQL. Starts Toolyard on the embedded PostgreSQL
 * in a fresh data directory, writes {@link GeneratedSpace.Shape#issue3()} into the admin space with
 * COPY (100,000 users, 996 custom groups, 2,000,000 memberships, 500 folders, 10,000 apps, 200,000
 * grant rows), then times {@code SnapshotLoader.load} and a first {@code level()} after
 * {@code changed()}, several times each.
 *
 * <pre>
 * ./mvnw -Pbench -DskipTests package exec:exec -Dbench.main=dev.toolyard.access.SnapshotReloadTime -Dbench.args=""
 * </pre>
 */
public final class SnapshotReloadTime {

    private static final int RUNS = 5;

    private SnapshotReloadTime() {
    }

    public static void main(String[] args) throws Exception {
        String stamp = Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14);
        Path dataDir = Files.createDirectories(Path.of("target", "bench", "snapshot-reload", stamp));
        var context = new SpringApplicationBuilder(ToolyardApplication.class).run("--server.port=0",
                "--toolyard.data-dir=" + dataDir, "--toolyard.admin.email=admin@reload.bench",
                "--toolyard.admin.password=snapshot reload benchmark " + stamp, "--logging.level.root=WARN");
        try {
            var jdbc = context.getBean(JdbcClient.class);
            var space = new SpaceId(jdbc.sql("select id from spaces where is_admin_space").query(UUID.class).single());
            var data = GeneratedSpace.generate(GeneratedSpace.Shape.issue3());
            long started = System.nanoTime();
            write(context.getBean(DataSource.class), jdbc, space, data);
            System.out.printf("Wrote issue 3's space in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            for (String table : new String[] { "permission_groups", "group_memberships", "app_grants", "apps" }) {
                System.out.printf("  %s: %,d rows%n", table,
                        jdbc.sql("select count(*) from " + table).query(Long.class).single());
            }

            var loader = context.getBean(SnapshotLoader.class);
            var engine = context.getBean(AccessEngine.class);
            var user = new UserId(data.users[0]);
            var app = new AccessObject.App(new AppId(data.apps[0]));
            for (int run = 1; run <= RUNS; run++) {
                long start = System.nanoTime();
                loader.load(space);
                long loaded = System.nanoTime() - start;
                engine.changed(space);
                start = System.nanoTime();
                engine.level(space, user, app);
                long answered = System.nanoTime() - start;
                System.out.printf("Run %d: SnapshotLoader.load %d ms; first level() after changed() %d ms%n", run,
                        loaded / 1_000_000, answered / 1_000_000);
            }
        } finally {
            context.close();
        }
    }

    /** The generated rows, with the generated built-in groups mapped onto the space's own four. */
    private static void write(DataSource dataSource, JdbcClient jdbc, SpaceId space, GeneratedSpace data)
            throws SQLException, IOException {
        var builtIn = new HashMap<BuiltInGroup, UUID>();
        jdbc.sql("select id, built_in from permission_groups where space_id = ? and built_in is not null")
                .param(space.value())
                .query(rs -> {
                    builtIn.put(BuiltInGroup.valueOf(rs.getString("built_in")), rs.getObject("id", UUID.class));
                });
        var groupIds = new ArrayList<UUID>();
        for (var group : data.groups) {
            groupIds.add(group.builtIn() == null ? group.id().value() : builtIn.get(group.builtIn()));
        }
        String now = Instant.now().toString();
        try (var connection = dataSource.getConnection()) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("copy users (id, email, created_at) from stdin (format csv)", csv(out -> {
                for (int u = 0; u < data.users.length; u++) {
                    out.accept(data.users[u] + ",user" + u + "@reload.bench," + now);
                }
            }));
            copy.copyIn("copy space_memberships (space_id, user_id, state, created_at) from stdin (format csv)",
                    csv(out -> {
                        for (UUID user : data.users) {
                            out.accept(space + "," + user + ",ENABLED," + now);
                        }
                    }));
            copy.copyIn("copy folders (id, space_id, name, created_at) from stdin (format csv)", csv(out -> {
                for (int f = 0; f < data.folders.length; f++) {
                    out.accept(data.folders[f] + "," + space + ",Folder " + f + "," + now);
                }
            }));
            copy.copyIn("copy apps (id, space_id, folder_id, name, created_at) from stdin (format csv)", csv(out -> {
                int a = 0;
                for (Map.Entry<UUID, UUID> placed : data.appFolders.entrySet()) {
                    out.accept(placed.getKey() + "," + space + "," + placed.getValue() + ",App " + a++ + "," + now);
                }
            }));
            copy.copyIn("copy permission_groups (id, space_id, name, created_at, global_app_level) from stdin "
                    + "(format csv)", csv(out -> {
                        for (var group : data.groups) {
                            if (group.builtIn() == null) {
                                out.accept(group.id() + "," + space + "," + group.name() + "," + now + ","
                                        + (group.globalApps() == null ? "" : group.globalApps().name()));
                            }
                        }
                    }));
            copy.copyIn("copy group_memberships (group_id, user_id, created_at) from stdin (format csv)",
                    csv(out -> {
                        for (int u = 0; u < data.users.length; u++) {
                            for (int group : data.groupsOfUser[u]) {
                                out.accept(groupIds.get(group) + "," + data.users[u] + "," + now);
                            }
                        }
                    }));
            copy.copyIn("copy app_grants (group_id, target_kind, target_id, level) from stdin (format csv)",
                    csv(out -> {
                        for (int g = 0; g < data.groups.size(); g++) {
                            var group = data.groups.get(g);
                            for (var grant : group.folderGrants().entrySet()) {
                                out.accept(groupIds.get(g) + ",FOLDER," + grant.getKey() + "," + grant.getValue());
                            }
                            for (var grant : group.appGrants().entrySet()) {
                                out.accept(groupIds.get(g) + ",APP," + grant.getKey() + "," + grant.getValue());
                            }
                        }
                    }));
        }
        jdbc.sql("analyze").update();
    }

    private static StringReader csv(Consumer<Consumer<String>> lines) {
        var text = new StringBuilder();
        lines.accept(line -> text.append(line).append('\n'));
        return new StringReader(text.toString());
    }
}
