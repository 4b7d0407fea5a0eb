package dev.toolyard.queries;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.toolyard.access.AccessEngine;
import dev.toolyard.access.AdditionalAccess;
import dev.toolyard.access.GroupId;
import dev.toolyard.shared.Caller;
import dev.toolyard.shared.ForbiddenException;
import dev.toolyard.shared.NotFoundException;

/**
 * Who may do what in the query library (T-Q1, T-A6). The library itself takes the
 * {@code QUERY_LIBRARY} additional access; admins always have it. Within it, each query has its
 * own permissions: admins edit every query; a group's grant gives its members Use or Edit; a
 * query open to the library may be used by everyone with library access. A query the caller may
 * not use is "not found", so a team's closed query stays invisible to the rest.
 */
@Component
class LibraryAccess {

    /** A library query the caller may use, its grants and the caller's level on it. */
    record Reached(LibraryQuery query, Map<GroupId, LibraryLevel> grants, LibraryLevel level) {

        boolean mayEdit() {
            return level.atLeast(LibraryLevel.EDIT);
        }
    }

    private final AccessEngine engine;
    private final LibraryRepository repository;

    LibraryAccess(AccessEngine engine, LibraryRepository repository) {
        this.engine = engine;
        this.repository = repository;
    }

    boolean mayOpen(Caller caller) {
        return caller.spaceAdmin()
                || engine.additionalAccess(caller.spaceId(), caller.userId()).contains(AdditionalAccess.QUERY_LIBRARY);
    }

    void requireLibrary(Caller caller) {
        if (!mayOpen(caller)) {
            throw new ForbiddenException("access.denied", "You need access to the query library for this.");
        }
    }

    /** The groups the caller belongs to in the current space, All Users included. */
    Set<GroupId> groups(Caller caller) {
        return engine.groupsOf(caller.spaceId(), caller.userId());
    }

    Optional<LibraryLevel> level(Caller caller, LibraryQuery query, Map<GroupId, LibraryLevel> grants) {
        if (caller.spaceAdmin()) {
            return Optional.of(LibraryLevel.EDIT);
        }
        LibraryLevel best = query.openToLibrary() ? LibraryLevel.USE : null;
        for (var group : groups(caller)) {
            var granted = grants.get(group);
            if (granted != null && (best == null || granted.atLeast(best))) {
                best = granted;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The query, when the caller has library access and may use it; {@code lock} locks its row. */
    Reached usable(Caller caller, LibraryQueryId id, boolean lock) {
        requireLibrary(caller);
        var query = (lock ? repository.findForUpdate(caller.spaceId(), id) : repository.find(caller.spaceId(), id))
                .orElseThrow(() -> notFound(id));
        var grants = repository.grants(id);
        var level = level(caller, query, grants).orElseThrow(() -> notFound(id));
        return new Reached(query, grants, level);
    }

    /** The query, its row locked, when the caller may edit it. */
    Reached editable(Caller caller, LibraryQueryId id) {
        var reached = usable(caller, id, true);
        if (!reached.mayEdit()) {
            throw new ForbiddenException("access.denied", "You need Edit on the library query '"
                    + reached.query().name() + "' for this.");
        }
        return reached;
    }

    static NotFoundException notFound(LibraryQueryId id) {
        return new NotFoundException("library_query.not_found", "There is no library query " + id + ".");
    }
}
