package dev.faultlab.detect.tcp;

/**
 * A map from keys of two longs to objects, through a {@link LongPairIndex} (see there why): the values sit in a
 * {@link SlotArray}. No iteration: the owner keeps its own order.
 *
 * @param <V> the values
 */
public final class LongPairMap<V> {
    private final LongPairIndex index = new LongPairIndex();
    private final SlotArray<V> values = new SlotArray<>(256);

    public int size() {
        return index.size();
    }

    /** The value of {@code (a, b)}, or null. */
    public V get(long a, long b) {
        int slot = index.get(a, b);
        return slot < 0 ? null : values.get(slot);
    }

    /** Adds {@code (a, b)}, which must be absent, with {@code value}. */
    public void add(long a, long b, V value) {
        index.add(a, b, values.add(value));
    }

    /** Sets the value of {@code (a, b)}, which must be present. */
    public void replace(long a, long b, V value) {
        values.set(index.get(a, b), value);
    }

    /** Removes {@code (a, b)}; false when it was not there. */
    public boolean remove(long a, long b) {
        int slot = index.remove(a, b);
        if (slot < 0) {
            return false;
        }
        values.free(slot);
        return true;
    }

    /** Removes everything. */
    public void clear() {
        values.clear();
        index.clear();
    }
}
