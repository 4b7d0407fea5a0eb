package dev.toolyard.access;

import java.util.Objects;
import java.util.UUID;

import dev.toolyard.shared.UserId;

/**
 * A part of a space's snapshot that a committed change touched. The change names its parts in the
 * NOTIFY it sends; every node then reads just those parts again and builds its next snapshot from the
 * previous one. Reading a part again gives its state as committed now, so applying a part twice, late,
 * or together with a full load that already saw the change is harmless: nodes converge on what is
 * committed whatever the order.
 *
 * @param id the user, group or object; {@code null} for {@link Kind#OBJECTS} and {@link Kind#SPACE}
 */
record SnapshotPart(Kind kind, UUID id) {

    enum Kind {
        /** Anything may have changed: the space is loaded again. */
        SPACE('*'),
        /** Which groups a user is in. */
        USER('u'),
        /** A group: its name, global levels, additional access and all its grants; or that it is gone. */
        GROUP('g'),
        /** Which apps, resources and folders the space has, and where each sits. */
        OBJECTS('o'),
        /** The grants every group has on one app, and where apps sit. */
        APP('a'),
        FOLDER('f'),
        RESOURCE('r'),
        RESOURCE_FOLDER('q');

        private final char code;

        Kind(char code) {
            this.code = code;
        }

        static Kind of(char code) {
            for (var kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("No snapshot part of kind '" + code + "'");
        }
    }

    static final SnapshotPart SPACE = new SnapshotPart(Kind.SPACE, null);
    static final SnapshotPart OBJECTS = new SnapshotPart(Kind.OBJECTS, null);

    SnapshotPart {
        Objects.requireNonNull(kind, "kind");
        if ((id == null) != (kind == Kind.SPACE || kind == Kind.OBJECTS)) {
            throw new IllegalArgumentException(kind + (id == null ? " needs an id" : " takes no id"));
        }
    }

    static SnapshotPart user(UserId user) {
        return new SnapshotPart(Kind.USER, user.value());
    }

    static SnapshotPart group(GroupId group) {
        return new SnapshotPart(Kind.GROUP, group.value());
    }

    static SnapshotPart of(AccessObject object) {
        if (object instanceof AccessObject.App app) {
            return new SnapshotPart(Kind.APP, app.id().value());
        }
        if (object instanceof AccessObject.Folder folder) {
            return new SnapshotPart(Kind.FOLDER, folder.id().value());
        }
        if (object instanceof AccessObject.Resource resource) {
            return new SnapshotPart(Kind.RESOURCE, resource.id().value());
        }
        return new SnapshotPart(Kind.RESOURCE_FOLDER, ((AccessObject.ResourceFolder) object).id().value());
    }

    /** {@code u:<id>}, {@code o}, {@code *}: short, because a NOTIFY payload holds at most 8,000 bytes. */
    String encode() {
        return id == null ? String.valueOf(kind.code) : kind.code + ":" + id;
    }

    static SnapshotPart decode(String text) {
        var kind = Kind.of(text.charAt(0));
        if (kind == Kind.SPACE) {
            return SPACE;
        }
        if (kind == Kind.OBJECTS) {
            return OBJECTS;
        }
        if (text.length() < 3 || text.charAt(1) != ':') {
            throw new IllegalArgumentException("Malformed snapshot part '" + text + "'");
        }
        return new SnapshotPart(kind, UUID.fromString(text.substring(2)));
    }
}
