package dev.faultlab.capture.read;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decoders indexed by a small protocol number (link type, EtherType, IP protocol) in a plain array: looked up for
 * every frame, so no boxing and no hashing. Keys outside the array have no decoder.
 */
final class IntRegistry<D> {
    private final Object[] byKey;

    private IntRegistry(Map<Integer, D> decoders) {
        int size = decoders.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        byKey = new Object[size];
        decoders.forEach((key, decoder) -> {
            if (key < 0) {
                throw new IllegalArgumentException("negative protocol number " + key);
            }
            byKey[key] = decoder;
        });
    }

    /** Every decoder under each of the keys it declares. */
    static <D> IntRegistry<D> of(List<? extends D> decoders, Function<D, Set<Integer>> keys) {
        Map<Integer, D> byKey = new HashMap<>();
        for (D decoder : decoders) {
            for (Integer key : keys.apply(decoder)) {
                byKey.put(key, decoder);
            }
        }
        return new IntRegistry<>(byKey);
    }

    @SuppressWarnings("unchecked")
    D get(int key) {
        return key >= 0 && key < byKey.length ? (D) byKey[key] : null;
    }
}
