package dev.faultlab.detect.tcp;

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
 */
final class FlowSlots {
    private final FlowIndex index = new FlowIndex();
    private final SlotArray<Conversation> conversations = new SlotArray<>(1024);

    /** 4-tuples held, live and closed. */
    int size() {
        return index.size();
    }

    /** The slot of {@code key}'s 4-tuple, or -1 when it is neither live nor remembered. */
    int slotOf(FlowKey key) {
        return index.get(key);
    }

    /** The live conversation at {@code slot}, or null while its 4-tuple is closed. */
    Conversation conversation(int slot) {
        return conversations.get(slot);
    }

    /** Adds {@code key} (absent; a stored copy) with its conversation (null: closed); returns its slot. */
    int add(FlowKey key, Conversation conversation) {
        int slot = conversations.add(conversation);
        index.add(key, slot);
        return slot;
    }

    /** Sets the conversation at {@code slot} (null when its 4-tuple closes). */
    void set(int slot, Conversation conversation) {
        conversations.set(slot, conversation);
    }

    /** Forgets the IPv4 4-tuple of these numbers ({@link FlowKey#low}, {@link FlowKey#high}) at {@code slot}. */
    void removeIpv4(int slot, long low, long high) {
        index.removeIpv4(low, high);
        conversations.free(slot);
    }

    /** Forgets {@code key}'s 4-tuple at {@code slot}. */
    void remove(int slot, FlowKey key) {
        index.remove(key);
        conversations.free(slot);
    }
}
