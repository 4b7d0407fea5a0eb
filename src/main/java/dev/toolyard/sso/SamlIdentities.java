package dev.toolyard.sso;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A validated assertion as the person it names (T-ID2, T-U7, T-CU1): the NameID is the subject;
 * e-mail, names and groups come from the attributes the space configured, the e-mail from the
 * NameID when no attribute carries one. Every attribute becomes a claim (one value as a string,
 * several as a list), with {@code nameId}, {@code nameIdFormat} and {@code sessionIndex}.
 */
final class SamlIdentities {

    private SamlIdentities() {
    }

    static ExternalIdentity of(SamlProviderSettings provider, String nameId, String nameIdFormat, String sessionIndex,
            Map<String, List<String>> attributes) {
        String email = first(attributes, provider.emailAttribute())
                .or(() -> Optional.ofNullable(nameId).filter(id -> id.contains("@")))
                .orElseThrow(() -> new SamlSignInFailed(SamlSignInFailed.MISSING_EMAIL,
                        "The identity provider sent no e-mail address."));
        var claims = new LinkedHashMap<String, Object>();
        new TreeMap<>(attributes).forEach((name, values) -> claims.put(name, values.size() == 1 ? values.get(0)
                : List.copyOf(values)));
        claims.put("nameId", nameId);
        if (nameIdFormat != null) {
            claims.put("nameIdFormat", nameIdFormat);
        }
        if (sessionIndex != null) {
            claims.put("sessionIndex", sessionIndex);
        }
        List<String> groups = provider.groupsAttribute() == null ? List.of()
                : List.copyOf(attributes.getOrDefault(provider.groupsAttribute(), List.of()));
        return new ExternalIdentity(nameId, email, first(attributes, provider.firstNameAttribute()).orElse(null),
                first(attributes, provider.lastNameAttribute()).orElse(null), null, groups, claims);
    }

    private static Optional<String> first(Map<String, List<String>> attributes, String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        return attributes.getOrDefault(name, List.of()).stream().filter(value -> value != null && !value.isBlank())
                .findFirst();
    }
}
