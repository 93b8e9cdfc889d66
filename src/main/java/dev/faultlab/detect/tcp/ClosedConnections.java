package dev.faultlab.detect.tcp;

import java.util.Arrays;

/**
 * The last connection of each recently finished 4-tuple, oldest first, for a {@link ConversationTracker} to hand
 * to the next conversation on the same 4-tuple - what an insertion-ordered LinkedHashMap of {@link
 * PreviousConnection}s did, without its objects: every finished conversation is added and most stay for minutes,
 * so each outlived several young collections and died in the old generation (a LinkedHashMap entry, a key, the
 * record and its frame reference per conversation were a large part of the tracker's promoted garbage). Here a
 * connection is a slot in primitive arrays, linked in insertion order: the slot its 4-tuple had while live (see
 * {@link FlowSlots}), which stays with the 4-tuple until it is forgotten here or a new conversation takes it; the
 * record is made again only then. Bounded: beyond {@code capacity} the oldest leaves.
 */
final class ClosedConnections {
    private static final int FIRST_SLOTS = 1024;
    private static final int NONE = -1;

    private final int capacity;
    private final FlowSlots slots;
    /** By slot: the keys that are not IPv4 (an IPv4 4-tuple is forgotten by its slot alone, see FlowSlots). */
    private FlowKey[] otherKeys = new FlowKey[FIRST_SLOTS];
    private long[] closedFrames = new long[FIRST_SLOTS];
    private long[] closedNanos = new long[FIRST_SLOTS];
    private long[] clientTsVals = new long[FIRST_SLOTS];
    private byte[] flags = new byte[FIRST_SLOTS];
    private Endpoint[] clients = new Endpoint[FIRST_SLOTS];
    private int[] older = new int[FIRST_SLOTS];
    private int[] newer = new int[FIRST_SLOTS];
    private int eldest = NONE;
    private int newest = NONE;
    private int size;

    private static final byte CLOSED_BY_RESET = 1;
    private static final byte FINISHED = 2;
    private static final byte HAS_CLOSED_AT = 4;
    private static final byte IPV4 = 8;

    /** Keeps its connections at the slots of {@code slots} (see {@link FlowSlots}). */
    ClosedConnections(int capacity, FlowSlots slots) {
        this.capacity = capacity;
        this.slots = slots;
    }

    int size() {
        return size;
    }

    /**
     * Remembers the last connection of a 4-tuple at {@code slot}, the slot its 4-tuple
     * keeps in the {@link FlowSlots} (its conversation has just left it), as the newest entry: what {@link #take}
     * hands back as a {@link PreviousConnection}, given as numbers (a record and a frame reference per finished
     * conversation were made only to be taken apart here). Beyond the capacity the oldest leaves.
     *
     * @param otherKey    the 4-tuple's key (a stored copy, not a probe) when it is not IPv4; null for an IPv4 one,
     *                    which is forgotten by its slot alone
     * @param hasClosedAt whether its last packet ({@code lastFrame}, {@code lastNanos}) is known
     */
    void put(int slot, FlowKey otherKey, boolean hasClosedAt, long lastFrame, long lastNanos, boolean closedByReset,
             boolean finished, long clientTsVal, Endpoint client) {
        if (slot >= flags.length) {
            grow(slot);
        }
        otherKeys[slot] = otherKey;
        closedFrames[slot] = hasClosedAt ? lastFrame : 0;
        closedNanos[slot] = hasClosedAt ? lastNanos : 0;
        clientTsVals[slot] = clientTsVal;
        flags[slot] = (byte) ((closedByReset ? CLOSED_BY_RESET : 0) | (finished ? FINISHED : 0)
                | (hasClosedAt ? HAS_CLOSED_AT : 0) | (otherKey == null ? IPV4 : 0));
        clients[slot] = client;
        append(slot);
        size++;
        if (size > capacity) {
            forget(eldest);
        }
    }

    /**
     * Takes out the connection remembered at {@code slot} (a closed 4-tuple's slot); its 4-tuple keeps the slot
     * for the new conversation that takes it.
     */
    PreviousConnection take(int slot) {
        byte f = flags[slot];
        PreviousConnection previous = new PreviousConnection((f & HAS_CLOSED_AT) == 0 ? null
                : new FrameRef(closedFrames[slot], closedNanos[slot]), (f & CLOSED_BY_RESET) != 0,
                (f & FINISHED) != 0, clientTsVals[slot], clients[slot]);
        leave(slot);
        return previous;
    }

    /** Forgets, oldest first, the connections that closed more than {@code maxAgeNanos} before {@code now}. */
    void expire(long now, long maxAgeNanos) {
        while (eldest != NONE && now - closedNanos[eldest] > maxAgeNanos) {
            forget(eldest);
        }
    }

    /** Forgets the connection at {@code slot} with its 4-tuple, which frees the slot. */
    private void forget(int slot) {
        if ((flags[slot] & IPV4) != 0) {
            slots.forgetIpv4(slot);
        } else {
            slots.forget(slot, otherKeys[slot]);
        }
        leave(slot);
    }

    private void leave(int slot) {
        unlink(slot);
        otherKeys[slot] = null;
        clients[slot] = null;
        size--;
    }

    private void grow(int slot) {
        int grown = Math.max(flags.length * 2, slot + 1);
        otherKeys = Arrays.copyOf(otherKeys, grown);
        closedFrames = Arrays.copyOf(closedFrames, grown);
        closedNanos = Arrays.copyOf(closedNanos, grown);
        clientTsVals = Arrays.copyOf(clientTsVals, grown);
        flags = Arrays.copyOf(flags, grown);
        clients = Arrays.copyOf(clients, grown);
        older = Arrays.copyOf(older, grown);
        newer = Arrays.copyOf(newer, grown);
    }

    private void append(int slot) {
        older[slot] = newest;
        newer[slot] = NONE;
        if (newest == NONE) {
            eldest = slot;
        } else {
            newer[newest] = slot;
        }
        newest = slot;
    }

    private void unlink(int slot) {
        if (older[slot] == NONE) {
            eldest = newer[slot];
        } else {
            newer[older[slot]] = newer[slot];
        }
        if (newer[slot] == NONE) {
            newest = older[slot];
        } else {
            older[newer[slot]] = older[slot];
        }
    }
}
