package dev.toolyard;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.toolyard.testing.AccessJson;
import dev.toolyard.testing.ApiClient;
import dev.toolyard.testing.ConsoleSession;
import dev.toolyard.testing.TestSpace;
import dev.toolyard.testing.TestSpaces;
import dev.toolyard.testing.ToolyardTest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import tools.jackson.databind.json.JsonMapper;

/**
 * T-SP2, T-SEC2: nothing of one space can be read, referenced or changed from another, through
 * any endpoint. The test discovers every handler Spring MVC knows, puts ids of space B's objects
 * wherever an endpoint takes an id (path variables, UUID query parameters, UUID fields of JSON
 * bodies) and calls it as space A's space admin: by token for the API, by session for the
 * console. Every call must answer "not found" and leave space B exactly as it was.
 * <p>
 * An endpoint whose ids the test cannot place fails the test by name: a later issue that adds
 * one extends {@link #ID_KINDS}. Endpoints that take no id act on the caller's own space only;
 * each is listed in {@link #OWN_SPACE_ONLY} with its reason, and their answers must not show
 * anything of space B.
 */
@ToolyardTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationTest {

    /** What an id in a request names. The first twelve are objects of a space; the rest are values. */
    enum Kind {
        /** ENVIRONMENT: addressed by its name, unique in its space; B's is one A has no environment of. */
        SPACE, USER, GROUP, FOLDER, APP, RESOURCE_FOLDER, RESOURCE, ENVIRONMENT, TOKEN, APP_QUERY, LIBRARY_QUERY,
        LIBRARY_IMPORT, THEME,
        /** A user attribute's key: not an object; the user's id is what must be of the caller's space. */
        ATTRIBUTE_KEY,
        /** The console's user actions (/users/{id}/{action}): each one is tried. */
        USER_ACTION,
        /** A library query's version number: not an object; the query's id is what must be of the caller's space. */
        VERSION_NUMBER,
        /** An app release's semantic version: not an object; the app's id is what must be of the caller's space. */
        RELEASE_VERSION,
        /** A SCIM resource type's or schema's name: the same for every space, no object of one. */
        SCIM_NAME;

        boolean spaceObject() {
            return ordinal() <= LIBRARY_IMPORT.ordinal();
        }
    }

    /**
     * Where each id sits, by position. Path variables: the pattern up to the variable with earlier
     * variables as '*', then the variable ("/api/v1/groups/* /members/{user}"). Query parameters:
     * pattern '?' name. JSON body fields: pattern '#' field.
     */
    static final Map<String, Kind> ID_KINDS = Map.ofEntries(
            Map.entry("/api/v1/spaces/{id}", Kind.SPACE),
            Map.entry("/api/v1/users/{id}", Kind.USER),
            Map.entry("/api/v1/users/*/attributes/{key}", Kind.ATTRIBUTE_KEY),
            Map.entry("/api/v1/groups/{id}", Kind.GROUP),
            Map.entry("/api/v1/groups/*/members/{user}", Kind.USER),
            Map.entry("/api/v1/groups/*/admins/{user}", Kind.USER),
            Map.entry("/api/v1/access/explain?user", Kind.USER),
            Map.entry("/api/v1/access/explain?app", Kind.APP),
            Map.entry("/api/v1/access/explain?folder", Kind.FOLDER),
            Map.entry("/api/v1/access/explain?resource", Kind.RESOURCE),
            Map.entry("/api/v1/access/explain?resourceFolder", Kind.RESOURCE_FOLDER),
            Map.entry("/api/v1/groups/{id}/access#folders", Kind.FOLDER),
            Map.entry("/api/v1/groups/{id}/access#apps", Kind.APP),
            Map.entry("/api/v1/groups/{id}/access#applyToApps", Kind.FOLDER),
            Map.entry("/api/v1/groups/{id}/access#resourceFolders", Kind.RESOURCE_FOLDER),
            Map.entry("/api/v1/groups/{id}/access#resources", Kind.RESOURCE),
            Map.entry("/api/v1/groups/{id}/access#applyToResources", Kind.RESOURCE_FOLDER),
            Map.entry("/api/v1/folders/{id}", Kind.FOLDER),
            Map.entry("/api/v1/apps/{id}", Kind.APP),
            Map.entry("/api/v1/apps?folder", Kind.FOLDER),
            Map.entry("/api/v1/apps#folderId", Kind.FOLDER),
            Map.entry("/api/v1/apps/{id}#folderId", Kind.FOLDER),
            Map.entry("/api/v1/resource-folders/{id}", Kind.RESOURCE_FOLDER),
            Map.entry("/api/v1/resources/{id}", Kind.RESOURCE),
            Map.entry("/api/v1/resources#folderId", Kind.RESOURCE_FOLDER),
            Map.entry("/api/v1/resources/{id}#folderId", Kind.RESOURCE_FOLDER),
            Map.entry("/api/v1/tokens/{id}", Kind.TOKEN),
            Map.entry("/scim/v2/Users/{id}", Kind.USER),
            Map.entry("/scim/v2/Groups/{id}", Kind.GROUP),
            Map.entry("/scim/v2/ResourceTypes/{name}", Kind.SCIM_NAME),
            Map.entry("/scim/v2/Schemas/{id}", Kind.SCIM_NAME),
            Map.entry("/api/v1/themes/{id}", Kind.THEME),
            Map.entry("/themes/{id}", Kind.THEME),
            Map.entry("/api/v1/environments/{environment}", Kind.ENVIRONMENT),
            Map.entry("/api/v1/environments#groupIds", Kind.GROUP),
            Map.entry("/api/v1/environments/{environment}#groupIds", Kind.GROUP),
            Map.entry("/api/v1/resources/*/configurations/{environment}", Kind.ENVIRONMENT),
            Map.entry("/environments/{environment}", Kind.ENVIRONMENT),
            Map.entry("/resources/*/configurations/{environment}", Kind.ENVIRONMENT),
            Map.entry("/api/v1/apps/*/queries/{queryId}", Kind.APP_QUERY),
            Map.entry("/api/v1/apps/{id}/queries#resourceId", Kind.RESOURCE),
            Map.entry("/api/v1/apps/{id}/queries/{queryId}#resourceId", Kind.RESOURCE),
            Map.entry("/api/v1/apps/*/library-imports/{importId}", Kind.LIBRARY_IMPORT),
            Map.entry("/api/v1/apps/{id}/library-imports#libraryQueryId", Kind.LIBRARY_QUERY),
            Map.entry("/api/v1/query-library/{id}", Kind.LIBRARY_QUERY),
            Map.entry("/api/v1/query-library/*/versions/{version}", Kind.VERSION_NUMBER),
            Map.entry("/api/v1/apps/*/releases/{version}", Kind.RELEASE_VERSION),
            Map.entry("/api/v1/apps/{id}/duplicate#folderId", Kind.FOLDER),
            Map.entry("/apps/*/releases/{version}", Kind.RELEASE_VERSION),
            Map.entry("/apps/{id}/duplicate?folder", Kind.FOLDER),
            Map.entry("/api/v1/query-library#grants", Kind.GROUP),
            Map.entry("/api/v1/query-library#resourceId", Kind.RESOURCE),
            Map.entry("/api/v1/query-library/{id}#grants", Kind.GROUP),
            Map.entry("/api/v1/query-library/{id}/versions#resourceId", Kind.RESOURCE),
            Map.entry("/query-library/{id}", Kind.LIBRARY_QUERY),
            Map.entry("/query-library?resource", Kind.RESOURCE),
            Map.entry("/query-library/{id}/publish?resource", Kind.RESOURCE),
            Map.entry("/spaces/{id}", Kind.SPACE),
            Map.entry("/users/{id}", Kind.USER),
            Map.entry("/users/*/{action}", Kind.USER_ACTION),
            Map.entry("/settings/tokens/{id}", Kind.TOKEN),
            Map.entry("/switch-space?space", Kind.SPACE),
            Map.entry("/groups/{id}", Kind.GROUP),
            Map.entry("/groups/*/members/{user}", Kind.USER),
            Map.entry("/groups/*/admins/{user}", Kind.USER),
            Map.entry("/apps/folders/{id}", Kind.FOLDER),
            Map.entry("/apps/{id}", Kind.APP),
            Map.entry("/run/{id}", Kind.APP),
            Map.entry("/apps?folder", Kind.FOLDER),
            Map.entry("/apps/{id}/move?folder", Kind.FOLDER),
            Map.entry("/resources/folders/{id}", Kind.RESOURCE_FOLDER),
            Map.entry("/resources/{id}", Kind.RESOURCE),
            Map.entry("/resources?folder", Kind.RESOURCE_FOLDER),
            Map.entry("/resources/{id}/move?folder", Kind.RESOURCE_FOLDER),
            Map.entry("/api/v1/sso/settings#breakGlassAdmin", Kind.USER),
            Map.entry("/settings/sso/settings?breakGlassAdmin", Kind.USER));

    /** The actions behind the console's POST /users/{id}/{action} (UsersConsoleController). */
    static final List<String> USER_ACTIONS = List.of("resend", "revoke", "approve", "decline", "disable", "enable",
            "attribute", "remove-attribute", "reset-two-factor");

    /**
     * Spaces are the instance's, not a space's: only instance admins may use these, for every
     * space alike. A space admin of A is refused (403) whichever space is named, A's own, B or
     * one that never existed, so the answer tells nothing about B; the test asserts exactly that,
     * and that B is unchanged. The one space-addressed route open to everyone, /switch-space,
     * answers "not found" for a space the person is not in.
     */
    static final List<String> INSTANCE_ADMINS_ONLY = List.of("/api/v1/spaces", "/spaces");

    /**
     * Links addressed by a secret, not by an id: the secret is itself the permission (whoever holds
     * an invitation link is the one invited; the setup link exists before any space admin does).
     * They are no cross-space path; {@link #anInvitationOfAnotherSpaceCannotBeAcceptedBySomeoneElse}
     * checks that a signed-in person of A cannot take B's invitation meant for another.
     */
    static final Map<String, String> ADDRESSED_BY_SECRET = Map.of(
            "/invitations/{token}", "invitation link: its secret token is the invitation",
            "/setup/{token}", "first-admin set-up link: instance-level, used once before any space admin exists",
            "/password-reset/{token}", "password reset link: its secret token is the proof of the mailbox; acts on one person, no space");

    /**
     * A space's SAML service provider (T-ID2): public, addressed by the space's id by design, before
     * anyone is signed in. The metadata and the provider's sign-in redirect are what the sign-in page
     * and the IdP are told anyway; the ACS signs in only with an assertion the space's IdP signed for
     * that space (SamlSignInTest: another space's destination or audience is refused).
     */
    static final Map<String, String> PUBLIC_PER_SPACE = Map.of(
            "/sso/{spaceId}/saml/", "a space's SAML metadata, SP-initiated sign-in and ACS: public by design");

    /** Endpoints that take no id: they act on the caller's own space (or on the caller) only. */
    static final Map<String, String> OWN_SPACE_ONLY = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/v1/me", "the caller and their current space"),
            Map.entry("GET /api/v1/tokens", "the caller's own tokens in the current space"),
            Map.entry("POST /api/v1/tokens", "a token for the caller in the current space"),
            Map.entry("GET /api/v1/users", "users of the current space"),
            Map.entry("POST /api/v1/users/invitations", "invites into the current space; groups named, not ids"),
            Map.entry("GET /api/v1/users/allowed-domains", "the current space's allowed domains"),
            Map.entry("PUT /api/v1/users/allowed-domains", "replaces the current space's allowed domains"),
            Map.entry("GET /api/v1/groups", "groups of the current space"),
            Map.entry("POST /api/v1/groups", "creates a group in the current space"),
            Map.entry("GET /api/v1/folders", "folders of the current space"),
            Map.entry("POST /api/v1/folders", "creates a folder in the current space"),
            Map.entry("GET /api/v1/resource-folders", "resource folders of the current space"),
            Map.entry("POST /api/v1/resource-folders", "creates a resource folder in the current space"),
            Map.entry("GET /api/v1/resources", "resources of the current space"),
            Map.entry("GET /api/v1/environments", "environments of the current space"),
            Map.entry("GET /api/v1/themes", "themes of the current space"),
            Map.entry("POST /api/v1/themes", "creates a theme in the current space"),
            Map.entry("GET /themes", "the themes page of the current space"),
            Map.entry("POST /themes", "creates a theme in the current space"),
            Map.entry("GET /environments", "the environments page of the current space"),
            Map.entry("POST /environments", "adds an environment to the current space; groups checked in the service"),
            Map.entry("GET /api/v1/spaces", "instance admins only: lists every space by design"),
            Map.entry("POST /api/v1/spaces", "instance admins only: creates a space"),
            Map.entry("POST /api/v1/audit/verify", "instance admins only: verifies every chain, returns no entries"),
            Map.entry("GET /", "the console's home page of the current space"),
            Map.entry("GET /login", "public sign-in page"),
            Map.entry("GET /join", "public page to ask to join a space by e-mail domain"),
            Map.entry("POST /join", "public: asks to join by e-mail domain, takes no id"),
            Map.entry("GET /settings/tokens", "the caller's own tokens"),
            Map.entry("GET /settings/password", "the caller's own password form"),
            Map.entry("POST /settings/password", "changes the caller's own password"),
            Map.entry("POST /api/v1/me/password", "changes the caller's own password (sessions only)"),
            Map.entry("GET /settings/two-factor", "the caller's own two-factor sign-in"),
            Map.entry("POST /settings/two-factor/start", "starts the caller's own two-factor enrolment"),
            Map.entry("POST /settings/two-factor/confirm", "confirms the caller's own two-factor enrolment"),
            Map.entry("POST /settings/two-factor/recovery-codes", "the caller's own recovery codes"),
            Map.entry("POST /settings/two-factor/disable", "turns off the caller's own two-factor"),
            Map.entry("GET /api/v1/me/two-factor", "the caller's own two-factor sign-in (sessions only)"),
            Map.entry("POST /api/v1/me/two-factor/enrolment", "starts the caller's own enrolment (sessions only)"),
            Map.entry("POST /api/v1/me/two-factor/enrolment/confirm", "confirms the caller's own enrolment (sessions only)"),
            Map.entry("POST /api/v1/me/two-factor/recovery-codes", "the caller's own recovery codes (sessions only)"),
            Map.entry("DELETE /api/v1/me/two-factor", "turns off the caller's own two-factor (sessions only)"),
            Map.entry("GET /login/two-factor", "the second step of the session's own pending sign-in"),
            Map.entry("POST /login/two-factor", "the second step of the session's own pending sign-in"),
            Map.entry("GET /api/v1/space-settings/two-factor", "the current space's two-factor requirement"),
            Map.entry("PUT /api/v1/space-settings/two-factor", "the current space's two-factor requirement"),
            Map.entry("POST /users/two-factor-requirement", "the current space's two-factor requirement"),
            Map.entry("GET /password-reset", "public page to ask for a reset link by e-mail"),
            Map.entry("POST /password-reset", "public: asks for a reset link by e-mail, same answer for every address"),
            Map.entry("POST /settings/tokens", "a token for the caller in the current space"),
            Map.entry("GET /users", "the users page of the current space"),
            Map.entry("POST /users/invitations", "invites into the current space"),
            Map.entry("POST /users/allowed-domains", "replaces the current space's allowed domains"),
            Map.entry("GET /spaces", "instance admins only: the spaces page"),
            Map.entry("GET /apps", "the apps page of the current space"),
            Map.entry("POST /apps/folders", "creates a folder in the current space"),
            Map.entry("GET /resources", "the resources page of the current space"),
            Map.entry("GET /api/v1/query-library", "library queries of the current space the caller may use"),
            Map.entry("GET /query-library", "the query library page of the current space"),
            Map.entry("POST /resources/folders", "creates a resource folder in the current space"),
            Map.entry("GET /groups", "the groups page of the current space"),
            Map.entry("POST /groups", "creates a group in the current space"),
            Map.entry("POST /spaces", "instance admins only: creates a space"),
            Map.entry("GET /api/v1/openapi.json", "the API's description (springdoc): the same for every caller"),
            Map.entry("GET /api/v1/openapi.json.yaml", "the API's description (springdoc): the same for every caller"),
            Map.entry("GET /scim/v2/Users", "SCIM users of the token's space"),
            Map.entry("POST /scim/v2/Users", "provisions a user into the token's space; names an e-mail, not an id"),
            Map.entry("GET /scim/v2/Groups", "SCIM groups of the token's space"),
            Map.entry("POST /scim/v2/Groups", "creates a group in the token's space; members outside it are refused"),
            Map.entry("GET /scim/v2/ServiceProviderConfig", "what the SCIM service supports: the same for every space"),
            Map.entry("GET /scim/v2/ResourceTypes", "SCIM resource types: the same for every space"),
            Map.entry("GET /scim/v2/Schemas", "SCIM schemas: the same for every space"),
            Map.entry("ANY /scim/v2/**", "unknown SCIM endpoints: always 404"),
            Map.entry("GET /api/v1/sso/providers", "the current space's identity providers"),
            Map.entry("GET /api/v1/sso/providers/oidc", "the current space's OpenID Connect provider"),
            Map.entry("PUT /api/v1/sso/providers/oidc", "creates or replaces the current space's OpenID Connect provider"),
            Map.entry("DELETE /api/v1/sso/providers/oidc", "deletes the current space's OpenID Connect provider"),
            Map.entry("GET /api/v1/sso/providers/saml", "the current space's SAML provider"),
            Map.entry("PUT /api/v1/sso/providers/saml", "creates or replaces the current space's SAML provider"),
            Map.entry("DELETE /api/v1/sso/providers/saml", "deletes the current space's SAML provider"),
            Map.entry("GET /api/v1/sso/settings", "the current space's SSO settings"),
            Map.entry("GET /settings/sso", "the SSO page of the current space"),
            Map.entry("POST /settings/sso/oidc", "saves the current space's OpenID Connect provider"),
            Map.entry("POST /settings/sso/oidc/delete", "deletes the current space's OpenID Connect provider"),
            Map.entry("POST /settings/sso/saml", "saves the current space's SAML provider"),
            Map.entry("POST /settings/sso/saml/delete", "deletes the current space's SAML provider"),
            Map.entry("ANY /error", "the error page: renders the status of a failed request")));

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ROUTER_NOT_FOUND_PAGE = "There is nothing at this address.";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    JdbcClient jdbc;

    private TestSpace a;
    private TestSpace b;
    /** Per kind, the object of A and of B a probe names. */
    private final Map<Kind, String> aIds = new LinkedHashMap<>();
    private final Map<Kind, String> bIds = new LinkedHashMap<>();
    /** B's users in each state, so each user action meets a user it would otherwise apply to. */
    private String bInvited;
    private String bSuggested;
    private String bDisabled;
    private String bInvitationPath;
    /** Strings that appear only in space B: every id and name there. */
    private final Set<String> bMarkers = new LinkedHashSet<>();

    @BeforeAll
    void twoSpaces() {
        a = TestSpaces.create(port, "Space A");
        b = TestSpaces.create(port, "Space B");
        fill(a, aIds, null);
        fill(b, bIds, bMarkers);
        // A value, not an object: every library query has a version 1.
        aIds.put(Kind.VERSION_NUMBER, "1");
        // A value too: every app of fill() has a release 1.0.0.
        aIds.put(Kind.RELEASE_VERSION, "1.0.0");

        var invitation = b.api().post("/api/v1/users/invitations",
                "{\"email\":\"" + TestSpaces.email("b-invited") + "\"}").json();
        bInvited = invitation.get("user").get("id").asString();
        bMarkers.add(invitation.get("user").get("email").asString());
        Matcher link = Pattern.compile("(/invitations/[A-Za-z0-9_-]+)").matcher(invitation.get("link").asString());
        assertThat(link.find()).isTrue();
        bInvitationPath = link.group(1);
        var disabled = b.enabledUser("b-disabled");
        assertThat(b.api().post("/api/v1/users/" + disabled.id() + "/disable", null).status()).isEqualTo(200);
        bDisabled = disabled.id();
        bMarkers.add(disabled.email());
        bSuggested = suggestedUser(b);
        bMarkers.addAll(List.of(bInvited, bDisabled, bSuggested, b.id(), b.name(), b.admin().id(), b.admin().email()));
    }

    /** One object of each kind in the space, with grants and memberships so there is something to change. */
    private void fill(TestSpace space, Map<Kind, String> ids, Set<String> markers) {
        var member = space.enabledUser("member");
        String group = space.group("Group");
        space.addMember(group, member.id());
        assertThat(space.api().send("PUT", "/api/v1/groups/" + group + "/admins/" + member.id(), null).status())
                .isEqualTo(204);
        assertThat(space.api().send("PUT", "/api/v1/users/" + member.id() + "/attributes/region",
                "{\"value\":\"EMEA\"}").status()).isEqualTo(200);
        String folder = space.folder("Folder");
        String app = space.app("App", null);
        String resourceFolder = space.resourceFolder("Resource folder");
        String resource = space.resource("Resource", null);
        space.saveAccess(group, AccessJson.access().folder(folder, "USE").app(app, "EDIT")
                .resourceFolder(resourceFolder, "USE").resource(resource, "EDIT").json());
        String environment = "env-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(space.api().post("/api/v1/environments", "{\"name\":\"" + environment
                + "\",\"limited\":true,\"groupIds\":[\"" + group + "\"]}").status()).isEqualTo(201);
        assertThat(space.api().send("PUT", "/api/v1/resources/" + resource + "/configurations/" + environment,
                "{\"host\":\"db.example\",\"database\":\"orders\",\"user\":\"app\",\"password\":\"pw\"}")
                .status()).isEqualTo(200);
        String query = created(space.api().post("/api/v1/apps/" + app + "/queries", "{\"name\":\"orders\","
                + "\"resourceId\":\"" + resource + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select 1\"}]}"));
        String libraryQuery = created(space.api().post("/api/v1/query-library", "{\"name\":\"shared"
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"grants\":{\"" + group + "\":\"EDIT\"},"
                + "\"resourceId\":\"" + resource + "\",\"fields\":[{\"name\":\"sql\",\"template\":\"select 2\"}]}"));
        String libraryImport = created(space.api().post("/api/v1/apps/" + app + "/library-imports",
                "{\"libraryQueryId\":\"" + libraryQuery + "\",\"version\":1}"));
        assertThat(space.api().post("/api/v1/apps/" + app + "/releases", "{\"bump\":\"major\",\"notes\":\"first\"}")
                .status()).isEqualTo(201);
        String theme = created(space.api().post("/api/v1/themes", "{\"name\":\"Theme "
                + UUID.randomUUID().toString().substring(0, 8) + "\",\"mode\":\"dark\"}"));
        var tokens = space.api().get("/api/v1/tokens").json();
        ids.put(Kind.SPACE, space.id());
        ids.put(Kind.USER, member.id());
        ids.put(Kind.GROUP, group);
        ids.put(Kind.FOLDER, folder);
        ids.put(Kind.APP, app);
        ids.put(Kind.RESOURCE_FOLDER, resourceFolder);
        ids.put(Kind.RESOURCE, resource);
        ids.put(Kind.ENVIRONMENT, environment);
        ids.put(Kind.TOKEN, tokens.get(0).get("id").asString());
        ids.put(Kind.APP_QUERY, query);
        ids.put(Kind.LIBRARY_QUERY, libraryQuery);
        ids.put(Kind.LIBRARY_IMPORT, libraryImport);
        ids.put(Kind.THEME, theme);
        if (markers != null) {
            markers.addAll(ids.values());
            markers.add(member.email());
            for (String path : List.of("/api/v1/groups/" + group, "/api/v1/folders", "/api/v1/apps/" + app,
                    "/api/v1/resource-folders", "/api/v1/resources/" + resource, "/api/v1/query-library/" + libraryQuery,
                    "/api/v1/themes/" + theme)) {
                var json = space.api().get(path).json();
                (json.isArray() ? json.get(0) : json).optional("name").ifPresent(name -> markers.add(name.asString()));
            }
        }
    }

    private static String created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    // ---------------------------------------------------------------- discovery

    /** One route of one handler method: a method and a path pattern. */
    record Endpoint(String method, String pattern, HandlerMethod handler) {

        /** Called with space A's token: the API, and SCIM (whose token has the scope scim). */
        boolean api() {
            return pattern.startsWith("/api/") || pattern.startsWith("/scim/");
        }

        String key() {
            return method + " " + pattern;
        }
    }

    /** Where an id goes in a request. */
    enum Place { PATH, QUERY, BODY }

    record IdInput(Place place, String name, String key, Kind kind, boolean required, Type type) {
    }

    private List<Endpoint> endpoints() {
        var endpoints = new ArrayList<Endpoint>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            var methods = info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).toList();
            for (String pattern : info.getPatternValues()) {
                for (String method : methods.isEmpty() ? List.of("ANY") : methods) {
                    endpoints.add(new Endpoint(method, pattern, handler));
                }
            }
        });
        endpoints.sort((x, y) -> x.key().compareTo(y.key()));
        return endpoints;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{\\*?([A-Za-z0-9_]+)(?::[^}]*)?}");

    /** Every id-bearing input of the endpoint, with its kind, or {@code null} kind where unmapped. */
    private static List<IdInput> idInputs(Endpoint endpoint) {
        var inputs = new ArrayList<IdInput>();
        Matcher variables = VARIABLE.matcher(endpoint.pattern());
        while (variables.find()) {
            String before = VARIABLE.matcher(endpoint.pattern().substring(0, variables.start())).replaceAll("*");
            String key = before + "{" + variables.group(1) + "}";
            inputs.add(new IdInput(Place.PATH, variables.group(1), key, ID_KINDS.get(key), true, String.class));
        }
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            var requestParam = parameter.getParameterAnnotation(RequestParam.class);
            if (requestParam != null && parameter.getParameterType() == UUID.class) {
                String name = !requestParam.name().isEmpty() ? requestParam.name()
                        : !requestParam.value().isEmpty() ? requestParam.value() : parameter.getParameterName();
                String key = endpoint.pattern() + "?" + name;
                boolean required = requestParam.required() && ValueConstants.DEFAULT_NONE.equals(requestParam.defaultValue());
                inputs.add(new IdInput(Place.QUERY, name, key, ID_KINDS.get(key), required, UUID.class));
            }
            if (parameter.hasParameterAnnotation(RequestBody.class) && parameter.getParameterType().isRecord()) {
                for (RecordComponent component : parameter.getParameterType().getRecordComponents()) {
                    if (carriesIds(component.getGenericType())) {
                        String key = endpoint.pattern() + "#" + component.getName();
                        inputs.add(new IdInput(Place.BODY, component.getName(), key, ID_KINDS.get(key), false,
                                component.getGenericType()));
                    }
                }
            }
        }
        return inputs;
    }

    private static boolean carriesIds(Type type) {
        if (type == UUID.class) {
            return true;
        }
        if (type instanceof ParameterizedType generic) {
            var raw = (Class<?>) generic.getRawType();
            var first = generic.getActualTypeArguments()[0];
            return (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) && first == UUID.class;
        }
        return false;
    }

    // ---------------------------------------------------------------- the tests

    /** A later issue's endpoint must be placed in the map, or listed as acting on its own space with a reason. */
    @Test
    void everyEndpointIsMappedOrListedWithAReason() {
        var problems = new ArrayList<String>();
        var listed = new LinkedHashSet<>(OWN_SPACE_ONLY.keySet());
        var seen = new LinkedHashSet<String>();
        for (var endpoint : endpoints()) {
            if (addressedBySecret(endpoint) || !seen.add(endpoint.key())) {
                continue;
            }
            var inputs = idInputs(endpoint);
            inputs.stream().filter(input -> input.kind() == null).forEach(input -> problems.add(endpoint.key()
                    + ": no kind for " + input.place() + " '" + input.name() + "'; add \"" + input.key()
                    + "\" to IsolationTest.ID_KINDS"));
            if (inputs.isEmpty() && !listed.remove(endpoint.key())) {
                problems.add(endpoint.key() + ": takes no id; if it acts on the caller's own space only, list it in"
                        + " IsolationTest.OWN_SPACE_ONLY with the reason, otherwise map its ids");
            }
        }
        listed.forEach(stale -> problems.add(stale + ": listed in OWN_SPACE_ONLY but no such endpoint (or it takes ids now)"));

        assertThat(problems).as("endpoints the isolation test cannot place").isEmpty();
    }

    /** T-SP2, T-SEC2: every endpoint, every id position: another space's object is not found and stays as it was. */
    @Test
    void everyEndpointAnswersNotFoundForObjectsOfAnotherSpaceAndChangesNothing() {
        var failures = new ArrayList<String>();
        var probed = new ArrayList<String>();
        String baseline = snapshotOfB();
        for (var endpoint : endpoints()) {
            if (addressedBySecret(endpoint)) {
                continue;
            }
            var inputs = idInputs(endpoint);
            if (inputs.isEmpty() || inputs.stream().anyMatch(input -> input.kind() == null)) {
                continue;
            }
            for (var probe : probes(endpoint, inputs)) {
                probed.add(probe.describe());
                var outcome = call(endpoint, probe);
                String problem = judge(endpoint, probe, outcome);
                if (problem != null) {
                    failures.add(probe.describe() + " -> " + problem);
                }
                String now = snapshotOfB();
                if (!now.equals(baseline)) {
                    failures.add(probe.describe() + " -> changed space B: " + diff(baseline, now));
                    baseline = now;
                }
            }
        }

        assertThat(probed).as("probes").hasSizeGreaterThan(30);
        assertThat(failures).as("endpoints that reached space B").isEmpty();
    }

    /** T-SP2: what A's lists and pages show holds nothing of B, no id and no name. */
    @Test
    void listsAndPagesOfOneSpaceShowNothingOfAnother() {
        var leaks = new ArrayList<String>();
        for (var endpoint : endpoints()) {
            if (!endpoint.method().equals("GET") || !idInputs(endpoint).isEmpty()
                    || endpoint.pattern().contains("{")) {
                continue;
            }
            String body = endpoint.api() ? a.api().get(endpoint.pattern()).body()
                    : a.console().get(endpoint.pattern()).body();
            bMarkers.stream().filter(body::contains)
                    .forEach(marker -> leaks.add(endpoint.key() + " shows '" + marker + "' of space B"));
        }

        assertThat(leaks).isEmpty();
    }

    /** Regression: explain answered 200 with A's global levels for a folder or resource folder of B. */
    @Test
    void explainingAFolderOfAnotherSpaceIsNotFound() {
        for (String object : List.of("folder=" + bIds.get(Kind.FOLDER), "resourceFolder=" + bIds.get(Kind.RESOURCE_FOLDER),
                "folder=" + UUID.randomUUID())) {
            var response = a.api().get("/api/v1/access/explain?user=" + a.admin().id() + "&" + object);

            assertThat(response.status()).as(object + ": " + response.body()).isEqualTo(404);
            assertThat(response.json().get("code").asString()).isEqualTo("access.object_not_found");
        }
    }

    /** Regression: removing a user of another space from a group answered 204 instead of "not found". */
    @Test
    void removingAUserOfAnotherSpaceFromAGroupIsNotFound() {
        var response = a.api().delete("/api/v1/groups/" + aIds.get(Kind.GROUP) + "/members/" + bIds.get(Kind.USER));

        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.json().get("code").asString()).isEqualTo("user.not_found");
    }

    /** An invitation link is its own permission; still, a signed-in person of A cannot take B's invitation meant for someone else. */
    @Test
    void anInvitationOfAnotherSpaceCannotBeAcceptedBySomeoneElse() {
        String before = snapshotOfB();
        var console = a.console();
        console.get(bInvitationPath + "/accept");

        var response = console.post(bInvitationPath + "/accept", Map.of());

        assertThat(response.statusCode()).isNotIn(200, 302);
        assertThat(snapshotOfB()).isEqualTo(before);
        assertThat(b.api().get("/api/v1/users/" + bInvited).json().get("user").get("state").asString()).isEqualTo("invited");
    }

    // ---------------------------------------------------------------- probes

    /** How an answer is judged: ids in paths and queries must be "not found"; body references may also be "unknown". */
    enum Expect { NOT_FOUND, NOT_FOUND_OR_UNKNOWN, INSTANCE_ADMINS_ONLY }

    record Probe(String method, String path, Map<String, String> query, Map<String, Object> body, IdInput subject,
            String bValue, Expect expect) {

        String describe() {
            return method + " " + target() + (body == null ? "" : " " + JSON.writeValueAsString(body)) + " [B's "
                    + subject.kind() + " in " + subject.place() + " '" + subject.name() + "']";
        }

        String target() {
            if (query.isEmpty()) {
                return path;
            }
            return path + "?" + query.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
    }

    private List<Probe> probes(Endpoint endpoint, List<IdInput> inputs) {
        var probes = new ArrayList<Probe>();
        boolean instanceAdminsOnly = INSTANCE_ADMINS_ONLY.stream()
                .anyMatch(prefix -> endpoint.pattern().equals(prefix) || endpoint.pattern().startsWith(prefix + "/"));
        var subjects = inputs.stream().filter(input -> input.kind().spaceObject()).toList();
        var queryInputs = inputs.stream().filter(input -> input.place() == Place.QUERY).toList();
        for (var subject : subjects) {
            Expect expect = instanceAdminsOnly ? Expect.INSTANCE_ADMINS_ONLY
                    : subject.place() == Place.BODY ? Expect.NOT_FOUND_OR_UNKNOWN : Expect.NOT_FOUND;
            for (String action : actionsOf(inputs)) {
                String bValue = bValue(subject.kind(), action == null ? endpoint.pattern() : "/" + action);
                String path = endpoint.pattern();
                for (var input : inputs) {
                    if (input.place() != Place.PATH) {
                        continue;
                    }
                    String value = input.kind() == Kind.USER_ACTION ? action
                            : input.kind() == Kind.ATTRIBUTE_KEY ? "region"
                            : input == subject ? bValue : aIds.get(input.kind());
                    path = path.replace("{" + input.name() + "}", value);
                }
                var body = body(endpoint, subject, bValue);
                // Query ids: the one under test is B's; required others are A's; optional others are
                // tried one at a time with A's, since some endpoints need exactly one of them.
                var others = queryInputs.stream().filter(input -> input != subject).toList();
                var optional = others.stream().filter(input -> !input.required()).toList();
                var baseQuery = new LinkedHashMap<String, String>();
                if (subject.place() == Place.QUERY) {
                    baseQuery.put(subject.name(), bValue);
                }
                others.stream().filter(IdInput::required).forEach(input -> baseQuery.put(input.name(), aIds.get(input.kind())));
                boolean several = subject.required() && subject.place() == Place.QUERY && !optional.isEmpty();
                if (several) {
                    for (var choice : optional) {
                        var query = new LinkedHashMap<>(baseQuery);
                        query.put(choice.name(), aIds.get(choice.kind()));
                        probes.add(new Probe(endpoint.method(), path, query, body, subject, bValue, expect));
                    }
                } else {
                    probes.add(new Probe(endpoint.method(), path, baseQuery, body, subject, bValue, expect));
                }
            }
        }
        return probes;
    }

    private static List<String> actionsOf(List<IdInput> inputs) {
        return inputs.stream().anyMatch(input -> input.kind() == Kind.USER_ACTION) ? USER_ACTIONS
                : java.util.Collections.singletonList(null);
    }

    /** B's object of the kind; for users, one in the state the action would apply to. */
    private String bValue(Kind kind, String context) {
        if (kind == Kind.USER) {
            if (context.endsWith("/invitation") || context.endsWith("/resend") || context.endsWith("/revoke")) {
                return bInvited;
            }
            if (context.endsWith("/approve") || context.endsWith("/decline")) {
                return bSuggested;
            }
            if (context.endsWith("/enable")) {
                return bDisabled;
            }
        }
        return bIds.get(kind);
    }

    /**
     * A JSON body for the endpoint, when it takes one: B's id in the field under test, nothing in
     * other id fields, a name where one is required, true for flags (so "move" moves), the first
     * constant for a required enum.
     */
    private Map<String, Object> body(Endpoint endpoint, IdInput subject, String bValue) {
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            if (!parameter.hasParameterAnnotation(RequestBody.class)) {
                continue;
            }
            var type = parameter.getParameterType();
            var body = new LinkedHashMap<String, Object>();
            if (!type.isRecord()) {
                return body;
            }
            for (RecordComponent component : type.getRecordComponents()) {
                body.put(component.getName(), value(type, component, subject, bValue));
            }
            return body;
        }
        return null;
    }

    private static Object value(Class<?> type, RecordComponent component, IdInput subject, String bValue) {
        var generic = component.getGenericType();
        var raw = component.getType();
        if (carriesIds(generic)) {
            if (subject.place() != Place.BODY || !subject.name().equals(component.getName())) {
                return null;
            }
            if (raw == UUID.class) {
                return bValue;
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of(bValue, "USE");
            }
            return List.of(bValue);
        }
        boolean required = annotated(type, component, NotBlank.class) || annotated(type, component, NotNull.class)
                || annotated(type, component, NotEmpty.class);
        if (raw == boolean.class || raw == Boolean.class) {
            return true;
        }
        if (raw == String.class) {
            return required ? TestSpaces.unique("Probe") : null;
        }
        if (raw.isEnum()) {
            return required ? raw.getEnumConstants()[0].toString() : null;
        }
        return null;
    }

    private static boolean annotated(Class<?> type, RecordComponent component,
            Class<? extends java.lang.annotation.Annotation> annotation) {
        try {
            Field field = type.getDeclaredField(component.getName());
            return field.isAnnotationPresent(annotation) || component.getAccessor().isAnnotationPresent(annotation);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    record Outcome(int status, String code, String body) {
    }

    private Outcome call(Endpoint endpoint, Probe probe) {
        String method = endpoint.method().equals("ANY") ? "GET" : endpoint.method();
        if (endpoint.api()) {
            var response = a.api().send(method, probe.target(), probe.body() == null ? null
                    : JSON.writeValueAsString(probe.body()));
            String code = null;
            if (response.contentType().contains("json") && response.body().startsWith("{")) {
                code = TestSpace.text(response.json().get("code"));
            }
            return new Outcome(response.status(), code, response.body());
        }
        var console = a.console();
        if (method.equals("GET")) {
            var response = console.get(probe.target());
            return new Outcome(response.statusCode(), null, response.body());
        }
        console.get("/");
        var form = new LinkedHashMap<String, String>(probe.query());
        requiredStringParams(endpoint).forEach(name -> form.putIfAbsent(name, TestSpaces.unique("Probe")));
        var response = console.post(probe.path(), form);
        return new Outcome(response.statusCode(), null, response.body());
    }

    private static List<String> requiredStringParams(Endpoint endpoint) {
        var names = new ArrayList<String>();
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
            var requestParam = parameter.getParameterAnnotation(RequestParam.class);
            if (requestParam != null && parameter.getParameterType() == String.class && requestParam.required()
                    && ValueConstants.DEFAULT_NONE.equals(requestParam.defaultValue())) {
                names.add(!requestParam.name().isEmpty() ? requestParam.name()
                        : !requestParam.value().isEmpty() ? requestParam.value() : parameter.getParameterName());
            }
        }
        return names;
    }

    /** Null when the answer is right; otherwise what is wrong with it. */
    private String judge(Endpoint endpoint, Probe probe, Outcome outcome) {
        if (probe.expect() == Expect.INSTANCE_ADMINS_ONLY) {
            var unknown = call(endpoint, replaced(probe, UUID.randomUUID().toString()));
            if (outcome.status() != 403 || unknown.status() != outcome.status()
                    || (endpoint.api() && !java.util.Objects.equals(outcome.code(), unknown.code()))) {
                return "expected the same refusal (403) as for a space that does not exist, got " + outcome.status()
                        + " " + outcome.code() + " vs " + unknown.status() + " " + unknown.code();
            }
            return null;
        }
        if (!endpoint.api()) {
            if (outcome.status() == 404 && !outcome.body().contains(ROUTER_NOT_FOUND_PAGE)) {
                return null;
            }
            return "expected the console's 404 page of a missing object, got " + outcome.status();
        }
        // A domain's "not found" (user.not_found, group.member_not_found, access.object_not_found), never the router's.
        boolean notFound = outcome.status() == 404 && outcome.code() != null && outcome.code().endsWith("not_found")
                && !outcome.code().equals("request.not_found");
        boolean unknownReference = probe.expect() == Expect.NOT_FOUND_OR_UNKNOWN && outcome.status() == 400
                && outcome.code() != null && outcome.code().endsWith(".unknown_object");
        // SCIM's errors carry no code (RFC 7644): its domain "not found", not the one of an unknown endpoint.
        boolean scimNotFound = endpoint.pattern().startsWith("/scim/") && outcome.status() == 404
                && outcome.body().contains("urn:ietf:params:scim:api:messages:2.0:Error")
                && !outcome.body().contains("no such SCIM endpoint");
        if (notFound || unknownReference || scimNotFound) {
            return null;
        }
        return "expected 404 *not_found" + (probe.expect() == Expect.NOT_FOUND_OR_UNKNOWN ? " (or 400 *.unknown_object)" : "")
                + ", got " + outcome.status() + " " + outcome.code() + ": " + abbreviate(outcome.body());
    }

    /** The same probe with another value where B's id was. */
    private static Probe replaced(Probe probe, String value) {
        var query = new LinkedHashMap<String, String>();
        probe.query().forEach((name, id) -> query.put(name, id.equals(probe.bValue()) ? value : id));
        return new Probe(probe.method(), probe.path().replace(probe.bValue(), value), query, probe.body(),
                probe.subject(), value, probe.expect());
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static boolean addressedBySecret(Endpoint endpoint) {
        return ADDRESSED_BY_SECRET.keySet().stream().anyMatch(prefix -> endpoint.pattern().startsWith(prefix))
                || PUBLIC_PER_SPACE.keySet().stream().anyMatch(prefix -> endpoint.pattern().startsWith(prefix));
    }

    // ---------------------------------------------------------------- space B's state

    /** Everything space B holds, and everything anywhere that points at it, as one digest per table. */
    private String snapshotOfB() {
        var parts = new TreeMap<String, String>();
        var queries = Map.ofEntries(
                Map.entry("spaces", "select * from spaces where id = :b"),
                Map.entry("space_memberships", "select * from space_memberships where space_id = :b"),
                Map.entry("users", "select * from users where id in (select user_id from space_memberships where space_id = :b)"),
                Map.entry("permission_groups", "select * from permission_groups where space_id = :b"),
                Map.entry("scim_users", "select * from scim_users where space_id = :b"),
                Map.entry("scim_groups", "select * from scim_groups where space_id = :b"),
                Map.entry("group_memberships", """
                        select m.* from group_memberships m where m.group_id in (select id from permission_groups where space_id = :b)
                        or m.user_id in (select user_id from space_memberships where space_id = :b)"""),
                Map.entry("app_grants", """
                        select g.* from app_grants g where g.group_id in (select id from permission_groups where space_id = :b)
                        or g.target_id in (select id from apps where space_id = :b union select id from folders where space_id = :b)"""),
                Map.entry("resource_grants", """
                        select g.* from resource_grants g where g.group_id in (select id from permission_groups where space_id = :b)
                        or g.target_id in (select id from resources where space_id = :b
                                           union select id from resource_folders where space_id = :b)"""),
                Map.entry("folders", "select * from folders where space_id = :b"),
                Map.entry("apps", "select * from apps where space_id = :b"),
                Map.entry("resource_folders", "select * from resource_folders where space_id = :b"),
                Map.entry("resources", "select * from resources where space_id = :b"),
                Map.entry("environments", "select * from environments where space_id = :b"),
                Map.entry("environment_groups", """
                        select eg.* from environment_groups eg where eg.environment_id in (select id from environments where space_id = :b)
                        or eg.group_id in (select id from permission_groups where space_id = :b)"""),
                Map.entry("resource_configurations", """
                        select c.* from resource_configurations c where c.resource_id in (select id from resources where space_id = :b)
                        or c.environment_id in (select id from environments where space_id = :b)"""),
                Map.entry("api_tokens", "select * from api_tokens where space_id = :b"),
                Map.entry("themes", "select * from themes where space_id = :b"),
                Map.entry("app_queries", "select * from app_queries where space_id = :b"),
                Map.entry("library_queries", "select * from library_queries where space_id = :b"),
                Map.entry("library_query_versions", """
                        select v.* from library_query_versions v join library_queries q on q.id = v.query_id
                        where q.space_id = :b"""),
                Map.entry("library_query_grants", """
                        select g.* from library_query_grants g where g.query_id in (select id from library_queries where space_id = :b)
                        or g.group_id in (select id from permission_groups where space_id = :b)"""),
                Map.entry("library_imports", """
                        select i.* from library_imports i where i.space_id = :b
                        or i.query_id in (select id from library_queries where space_id = :b)"""),
                Map.entry("invitations", "select * from invitations where space_id = :b"),
                Map.entry("user_attributes", "select * from user_attributes where space_id = :b"),
                Map.entry("identity_providers", "select * from identity_providers where space_id = :b"),
                Map.entry("space_sso_settings", "select * from space_sso_settings where space_id = :b"),
                Map.entry("sso_role_mappings", "select * from sso_role_mappings where space_id = :b"),
                Map.entry("space_allowed_domains", "select * from space_allowed_domains where space_id = :b"),
                Map.entry("audit_entries", "select count(*) from audit_entries where space_id = :b"));
        queries.forEach((table, sql) -> parts.put(table, jdbc.sql(
                "select coalesce(md5(string_agg(t::text, '|' order by t::text)), '') from (" + sql + ") t")
                .param("b", UUID.fromString(b.id())).query(String.class).single()));
        return parts.toString();
    }

    private static String diff(String before, String after) {
        var was = parse(before);
        var now = parse(after);
        return was.keySet().stream().filter(table -> !was.get(table).equals(now.get(table))).toList().toString();
    }

    private static Map<String, String> parse(String snapshot) {
        var parts = new TreeMap<String, String>();
        for (String part : snapshot.substring(1, snapshot.length() - 1).split(", ")) {
            int equals = part.indexOf('=');
            parts.put(part.substring(0, equals), part.substring(equals + 1));
        }
        return parts;
    }

    private String suggestedUser(TestSpace space) {
        String domain = "b-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        assertThat(space.api().send("PUT", "/api/v1/users/allowed-domains", "{\"domains\":[\"" + domain + "\"]}")
                .status()).isEqualTo(200);
        var visitor = new ConsoleSession(port);
        visitor.get("/join");
        String email = "asker@" + domain;
        visitor.post("/join", Map.of("email", email, "firstName", "Asker", "password", TestSpaces.PASSWORD));
        bMarkers.add(email);
        var found = space.api().get("/api/v1/users?filter=suggested&q=" + domain).json().get("items");
        assertThat(found).hasSize(1);
        return found.get(0).get("id").asString();
    }
}
