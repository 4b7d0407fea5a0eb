package dev.toolyard.scim;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One attribute of a schema as RFC 7643 §7 describes it; what /Schemas shows and PATCH checks. */
record SchemaAttribute(String name, Type type, boolean multiValued, boolean required, boolean caseExact,
        Mutability mutability, String returned, String uniqueness, String description,
        List<SchemaAttribute> subAttributes) {

    enum Type { STRING, BOOLEAN, DATE_TIME, REFERENCE, COMPLEX;

        String scimName() {
            return switch (this) {
                case STRING -> "string";
                case BOOLEAN -> "boolean";
                case DATE_TIME -> "dateTime";
                case REFERENCE -> "reference";
                case COMPLEX -> "complex";
            };
        }
    }

    enum Mutability { READ_ONLY, READ_WRITE, IMMUTABLE;

        String scimName() {
            return switch (this) {
                case READ_ONLY -> "readOnly";
                case READ_WRITE -> "readWrite";
                case IMMUTABLE -> "immutable";
            };
        }
    }

    static SchemaAttribute text(String name, String description) {
        return new SchemaAttribute(name, Type.STRING, false, false, false, Mutability.READ_WRITE, "default", "none",
                description, List.of());
    }

    static SchemaAttribute complex(String name, boolean multiValued, String description, SchemaAttribute... subs) {
        return new SchemaAttribute(name, Type.COMPLEX, multiValued, false, false, Mutability.READ_WRITE, "default",
                "none", description, List.of(subs));
    }

    SchemaAttribute asRequired() {
        return new SchemaAttribute(name, type, multiValued, true, caseExact, mutability, returned, uniqueness,
                description, subAttributes);
    }

    SchemaAttribute asCaseExact() {
        return new SchemaAttribute(name, type, multiValued, required, true, mutability, returned, uniqueness,
                description, subAttributes);
    }

    SchemaAttribute ofType(Type newType) {
        return new SchemaAttribute(name, newType, multiValued, required, caseExact, mutability, returned, uniqueness,
                description, subAttributes);
    }

    SchemaAttribute asReadOnly() {
        return new SchemaAttribute(name, type, multiValued, required, caseExact, Mutability.READ_ONLY, returned,
                uniqueness, description, subAttributes);
    }

    SchemaAttribute asImmutable() {
        return new SchemaAttribute(name, type, multiValued, required, caseExact, Mutability.IMMUTABLE, returned,
                uniqueness, description, subAttributes);
    }

    SchemaAttribute asUnique() {
        return new SchemaAttribute(name, type, multiValued, required, caseExact, mutability, returned, "server",
                description, subAttributes);
    }

    Optional<SchemaAttribute> sub(String subName) {
        return subAttributes.stream().filter(sub -> sub.name.equalsIgnoreCase(subName)).findFirst();
    }

    String lowerName() {
        return name.toLowerCase(Locale.ROOT);
    }
}
