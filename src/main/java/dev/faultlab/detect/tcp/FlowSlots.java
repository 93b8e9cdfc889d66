package dev.faultlab.detect.tcp;

import java.util.Arrays;

/**
 * The 4-tuples a {@link ConversationTracker} knows - live ({@link LiveConversations}) or remembered as recently
 * closed ({@link ClosedConnections}) - each with one slot for its whole stay, found through one {@link FlowIndex};
 * the slot holds the live conversation, or null while the 4-tuple is closed (the closed memory keeps its data by the
 * same slot number).
 *
 * <p>Why one slot for both: a 4-tuple moves between the two at every finished and every new conversation, and
 * each move rewrote its index entry, a lookup in a table of 10^5 entries (a cache miss) some seconds after the
 * last one. With the slot kept, a finished conversation leaves the index untouched; a new one on a closed 4-tuple
 * takes over the slot its lookup has just found.
 *
 * <p>A forgotten IPv4 4-tuple (the closed memory's oldest, at its cap or expiry) is only marked: its index entry
 * stays, answered as absent, until a purge removes all marked ones in one pass over the table - each removal alone
 * was a cache miss, minutes after the 4-tuple's last use. A new conversation on a marked 4-tuple takes its entry
 * and slot back. A purge scans the whole table whatever it removes, so it comes as late as the table allows: when
 * an addition would make the table grow (the marked ones then leave instead, and the table grows only for the
 * 4-tuples held), or when the marked ones reach a quarter of the index (or {@value #PURGE_AT_LEAST}). At an eighth,
 * the bench capture's table was scanned every 12 500 finished conversations, a tenth of the tracker's time.
 */
final class FlowSlots {
    private static final int PURGE_AT_LEAST = 4096;

    private final FlowIndex index = new FlowIndex();
    private final SlotArray<Conversation> conversations = new SlotArray<>(1024);
    /** By slot (as long as the slot numbers reach): forgotten, its IPv4 4-tuple in the index until the next purge. */
    private boolean[] forgotten = new boolean[1024];
    private int forgottenCount;
    /** The slots marked since the last purge (a slot taken back and marked again is listed twice). */
    private int[] forgottenSlots = new int[PURGE_AT_LEAST];
    private int forgottenListed;

    /** 4-tuples held, live and closed. */
    int size() {
        return index.size() - forgottenCount;
    }

    /**
     * The slot of {@code key}'s 4-tuple in the index, or -1: that of a live or remembered one, and also that of a
     * forgotten one (whose slot holds no conversation, see {@link #forgotten}) until the next purge.
     */
    int indexed(FlowKey key) {
        return index.get(key);
    }

    /** Whether the 4-tuple at {@code slot} (as {@link #indexed} found it) is forgotten, not yet purged. */
    boolean forgotten(int slot) {
        return forgotten[slot];
    }

    /** The live conversation at {@code slot}, or null while its 4-tuple is closed (or forgotten). */
    Conversation conversation(int slot) {
        return conversations.get(slot);
    }

    /**
     * Adds {@code key} (neither live nor remembered; a stored copy) with its conversation (null: closed) and returns
     * its slot; {@code indexed} is what {@link #indexed} has just answered for {@code key} (-1, or a forgotten
     * 4-tuple's slot, which comes back): no second lookup.
     */
    int add(FlowKey key, int indexed, Conversation conversation) {
        if (indexed >= 0) {
            // forgotten, not yet purged: the entry and the slot come back
            forgotten[indexed] = false;
            forgottenCount--;
            conversations.set(indexed, conversation);
            return indexed;
        }
        if (key.ipv4 && forgottenCount > 0 && index.ipv4GrowsOnNextAdd()) {
            purge();
        }
        int slot = conversations.add(conversation);
        if (slot >= forgotten.length) {
            forgotten = Arrays.copyOf(forgotten, Math.max(forgotten.length * 2, slot + 1));
        }
        index.add(key, slot);
        return slot;
    }

    /** Sets the conversation at {@code slot} (null when its 4-tuple closes). */
    void set(int slot, Conversation conversation) {
        conversations.set(slot, conversation);
    }

    /** Forgets the IPv4 4-tuple at {@code slot} (closed): marked now, removed from the index by the next purge. */
    void forgetIpv4(int slot) {
        forgotten[slot] = true;
        forgottenCount++;
        if (forgottenListed == forgottenSlots.length) {
            forgottenSlots = Arrays.copyOf(forgottenSlots, forgottenListed * 2);
        }
        forgottenSlots[forgottenListed++] = slot;
        if (forgottenCount >= Math.max(PURGE_AT_LEAST, index.size() / 4)) {
            purge();
        }
    }

    /** Forgets {@code key}'s 4-tuple (closed, not IPv4) at {@code slot}. */
    void forget(int slot, FlowKey key) {
        index.remove(key);
        conversations.free(slot);
    }

    /** Removes the marked IPv4 4-tuples from the index in one pass and frees their slots. */
    private void purge() {
        index.removeIpv4Marked(forgotten);
        for (int i = 0; i < forgottenListed; i++) {
            int slot = forgottenSlots[i];
            if (forgotten[slot]) {
                forgotten[slot] = false;
                conversations.free(slot);
            }
        }
        forgottenCount = 0;
        forgottenListed = 0;
    }
}
