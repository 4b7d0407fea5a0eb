package dev.toolyard.apps;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.toolyard.shared.AppId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.FolderId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import tools.jackson.databind.JsonNode;

/** T-AP2 and T-R1 over the API: an app's draft document, its releases, and copying an app (T-AP1). */
@RestController
@RequestMapping(value = "/api/v1/apps/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "App documents and releases")
class AppDocumentsApiController {

    private final AppDocuments documents;
    private final AppReleases releases;
    private final AppManagement apps;

    AppDocumentsApiController(AppDocuments documents, AppReleases releases, AppManagement apps) {
        this.documents = documents;
        this.releases = releases;
        this.apps = apps;
    }

    @GetMapping("/document")
    @Operation(summary = "The app's draft document with its version (Edit; scope apps:read). With ?release= "
            + "(live, latest or a version) the document that release selector resolves to: live needs Use, "
            + "the others Edit")
    DocumentView document(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String release) {
        var app = new AppId(id);
        if (release == null) {
            var draft = documents.draft(caller, app);
            return new DocumentView(draft.version(), null, releases.resolve(caller, app, AppReleases.LATEST).live(),
                    draft.document(), draft.updatedBy(), draft.updatedAt());
        }
        var resolved = releases.resolve(caller, app, release);
        return new DocumentView(null, resolved.release(), resolved.live(), resolved.document(), null, null);
    }

    @PutMapping(value = "/document", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Save the draft document (Edit; scope apps:write). A stale version is 409 "
            + "app.document_version_conflict, an invalid document 400 app.document_invalid with problems by JSON "
            + "pointer, over 512 KiB of canonical JSON 413 app.document_too_large; none of them changes anything")
    DocumentView save(Caller caller, @PathVariable UUID id, @RequestBody SaveRequest request) {
        var app = new AppId(id);
        var draft = documents.save(caller, app, request.version(), request.document());
        return new DocumentView(draft.version(), null, releases.resolve(caller, app, AppReleases.LATEST).live(),
                draft.document(), draft.updatedBy(), draft.updatedAt());
    }

    @GetMapping("/releases")
    @Operation(summary = "The app's releases, newest first, one of them live (Edit; scope apps:read)")
    List<ReleaseView> releases(Caller caller, @PathVariable UUID id) {
        return releases.list(caller, new AppId(id)).stream().map(ReleaseView::of).toList();
    }

    @PostMapping(value = "/releases", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Publish the draft document with the app's queries and imports as they are now under the "
            + "next version (bump major, minor or patch) and make it live (Own; scope apps:write)")
    ResponseEntity<ReleaseView> publish(Caller caller, @PathVariable UUID id, @RequestBody PublishRequest request) {
        var release = releases.publish(caller, new AppId(id), ReleaseBump.parse(request.bump()), request.notes());
        return ResponseEntity.created(URI.create("/api/v1/apps/" + id + "/releases/" + release.version()))
                .body(ReleaseView.of(release));
    }

    @PostMapping("/releases/{version}/live")
    @Operation(summary = "Make a release live: a rollback, or forward again (Own; scope apps:write)")
    ReleaseView makeLive(Caller caller, @PathVariable UUID id, @PathVariable String version) {
        return ReleaseView.of(releases.makeLive(caller, new AppId(id), version));
    }

    @PostMapping(value = "/duplicate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Copy the app with its draft document, queries and imports, not its releases, to a "
            + "folder (null: the root). Edit on the app, Edit on the target folder (or on all apps for the root), "
            + "and Use on every resource its queries run on (scope apps:write)")
    ResponseEntity<AppsApiController.AppView> duplicate(Caller caller, @PathVariable UUID id,
            @Valid @RequestBody DuplicateRequest request) {
        var copy = apps.duplicateApp(caller, new AppId(id), request.name(),
                request.folderId() == null ? null : new FolderId(request.folderId()));
        return ResponseEntity.created(URI.create("/api/v1/apps/" + copy.id()))
                .body(AppsApiController.AppView.of(apps.app(caller, copy.id())));
    }

    record SaveRequest(Integer version, JsonNode document) {
    }

    record PublishRequest(String bump, String notes) {
    }

    record DuplicateRequest(@NotBlank String name, UUID folderId) {
    }

    /** {@code version}: the draft's, when the draft was asked for; {@code release}: the release's, else null. */
    record DocumentView(Integer version, String release, boolean live, JsonNode document, String updatedBy,
            Instant updatedAt) {
    }

    record ReleaseView(String version, String notes, boolean live, String createdBy, Instant createdAt) {

        static ReleaseView of(Release release) {
            return new ReleaseView(release.version(), release.notes(), release.live(), release.createdBy(),
                    release.createdAt());
        }
    }
}
