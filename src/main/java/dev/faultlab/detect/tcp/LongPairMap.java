package dev.faultlab.detect.tcp;

import java.util.Arrays;

/**
 * A map from keys of two longs to objects, through a {@link LongPairIndex} (see there why): the values sit in an
 * array by slot, and the slots of removed entries are reused. No iteration: the owner keeps its own order.
 *
 * @param <V> the values
 */
public final class LongPairMap<V> {
    private final LongPairIndex index = new LongPairIndex();
    private Object[] values = new Object[256];
    /** Slots freed by removals, reused first (the array stays as large as the most entries ever held). */
    private int[] freeSlots = new int[256];
    private int freeCount;
    private int slotsUsed;

    public int size() {
        return index.size();
    }

    /** The value of {@code (a, b)}, or null. */
    @SuppressWarnings("unchecked")
    public V get(long a, long b) {
        int slot = index.get(a, b);
        return slot < 0 ? null : (V) values[slot];
    }

    /** Adds {@code (a, b)}, which must be absent, with {@code value}. */
    public void add(long a, long b, V value) {
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            if (slotsUsed == values.length) {
                values = Arrays.copyOf(values, slotsUsed * 2);
            }
            slot = slotsUsed++;
        }
        values[slot] = value;
        index.add(a, b, slot);
    }

    /** Sets the value of {@code (a, b)}, which must be present. */
    public void replace(long a, long b, V value) {
        values[index.get(a, b)] = value;
    }

    /** Removes {@code (a, b)}; false when it was not there. */
    public boolean remove(long a, long b) {
        int slot = index.remove(a, b);
        if (slot < 0) {
            return false;
        }
        values[slot] = null;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = slot;
        return true;
    }

    /** Removes everything. */
    public void clear() {
        Arrays.fill(values, 0, slotsUsed, null);
        slotsUsed = 0;
        freeCount = 0;
        index.clear();
    }
}
