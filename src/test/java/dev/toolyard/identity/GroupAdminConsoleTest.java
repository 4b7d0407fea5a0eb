package dev.toolyard.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;

/** T-G3: a group admin sees the user list of the space and nothing of the admins' tools. */
@ToolyardTest
class GroupAdminConsoleTest {

    @LocalServerPort
    int port;

    @Test
    void aGroupAdminSeesTheUserListButNoAdminTools() {
        var space = TestSpaces.create(port, "Group admins");
        var lead = space.enabledUser("lead");
        var member = space.enabledUser("member");
        String group = space.group("Support");
        space.addMember(group, lead.id());
        space.api().send("PUT", "/api/v1/groups/" + group + "/admins/" + lead.id(), null);
        var console = lead.signIn(port);

        var home = console.get("/");
        var users = console.get("/users");
        var detail = console.get("/users/" + member.id());

        assertThat(home.body()).contains("href=\"/users\"", "href=\"/groups\"");
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains(member.email()).doesNotContain("Send invitation", "Save domains");
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).doesNotContain(">Disable<", "Save attribute");
        assertThat(console.post("/users/" + member.id() + "/disable", Map.of()).statusCode()).isEqualTo(403);
    }
}
