package dev.toolyard.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The hash chain depends on this: the same state always gives the same text (T-AU2). */
class CanonicalJsonPropertiesTest {

    @Property
    void theOrderKeysWereAddedInDoesNotChangeTheText(@ForAll @Size(max = 12) Map<String, Integer> state, @ForAll long seed) {
        var shuffledKeys = new ArrayList<>(state.keySet());
        Collections.shuffle(shuffledKeys, new Random(seed));
        var reordered = new LinkedHashMap<String, Object>();
        shuffledKeys.forEach(key -> reordered.put(key, state.get(key)));

        assertThat(CanonicalJson.write(reordered)).isEqualTo(CanonicalJson.write(state));
    }

    @Property
    void differentStringsNeverGiveTheSameText(@ForAll String a, @ForAll String b) {
        if (!a.equals(b)) {
            assertThat(CanonicalJson.write(Map.of("k", a))).isNotEqualTo(CanonicalJson.write(Map.of("k", b)));
        }
    }

    @Property
    void equalNumbersWrittenDifferentlyGiveTheSameText(@ForAll int value) {
        assertThat(CanonicalJson.write(value)).isEqualTo(CanonicalJson.write((long) value))
                .isEqualTo(CanonicalJson.write(new BigDecimal(value + ".000")));
    }
}
