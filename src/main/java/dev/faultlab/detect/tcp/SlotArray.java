package dev.faultlab.detect.tcp;

import java.util.Arrays;

/**
 * The values of an index that maps keys to slots ({@link LongPairIndex}, {@link FlowIndex}): objects in an array
 * by slot, the slots of removed ones reused first, so the array stays as large as the most values ever held and
 * nothing is allocated per entry.
 *
 * @param <V> the values
 */
final class SlotArray<V> {
    private Object[] values;
    /** Slots freed by removals, reused first. */
    private int[] freeSlots = new int[256];
    private int freeCount;
    private int slotsUsed;

    SlotArray(int firstCapacity) {
        values = new Object[firstCapacity];
    }

    /** Stores {@code value} in a free slot and returns that slot. */
    int add(V value) {
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
        return slot;
    }

    @SuppressWarnings("unchecked")
    V get(int slot) {
        return (V) values[slot];
    }

    void set(int slot, V value) {
        values[slot] = value;
    }

    /** Empties {@code slot} for reuse. */
    void free(int slot) {
        values[slot] = null;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = slot;
    }

    void clear() {
        Arrays.fill(values, 0, slotsUsed, null);
        slotsUsed = 0;
        freeCount = 0;
    }
}
