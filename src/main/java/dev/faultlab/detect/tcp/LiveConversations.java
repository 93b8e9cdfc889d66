package dev.faultlab.detect.tcp;

import java.util.function.Consumer;

/**
 * The live conversations of a {@link ConversationTracker} by 4-tuple, least recently active first, as the
 * access-ordered LinkedHashMap it replaces - plus a parked prefix that lets the tracker's sweep skip what it
 * would only walk past again.
 *
 * <p>Why: the sweep walks from the least recently active conversation and stops at the first that was active in
 * the last seconds. Connects that were never answered sit at the front for minutes (until the idle timeout)
 * without a packet, and every sweep walked past all of them. A conversation the sweep walked past while open, and
 * that has had no packet since (a packet moves it to the recent end, out of the prefix), cannot become closed and
 * stays quiet; the sweep may skip the whole prefix while the tracker's time has not reached the idle timeout of its
 * earliest member ({@link #parkedQuietSince()}, a lower bound kept as members leave).
 */
final class LiveConversations {
    /** The 4-tuples' slots, shared with the tracker's recently closed 4-tuples. */
    private final FlowSlots slots;
    private int size;
    private final RecencyList<Conversation> order = new RecencyList<>();
    /** The last conversation of the parked prefix (which starts at {@link #eldest}), or null when it is empty. */
    private Conversation lastParked;
    private int parked;
    private long parkedQuietSince = Long.MAX_VALUE;
    /**
     * The parked conversations' last activity never decreases from the eldest on, and none of them has had a packet
     * since it was parked: then a sweep of the prefix may stop at the first one that stays (see {@link
     * #sweepParked}). Cleared by a capture whose time goes back, or by a packet to a parked conversation (the
     * newest one, when every conversation is parked, keeps its place and flag); set again when the prefix empties.
     */
    private boolean parkedInTimeOrder = true;
    private long newestParkedNanos = Long.MIN_VALUE;
    /** For tests: always walk the whole prefix (the former sweep), to compare the early stop with. */
    private final boolean walkWholePrefix;
    /** The slot the last lookup of {@link #get} found in the index (see {@link #lastLookedUp}). */
    private int lastLookedUp = -1;

    LiveConversations() {
        this(false);
    }

    LiveConversations(boolean walkWholePrefix) {
        this.walkWholePrefix = walkWholePrefix;
        this.slots = new FlowSlots();
    }

    int size() {
        return size;
    }

    /** The slots of the live 4-tuples, where the recently closed ones are kept too (see {@link FlowSlots}). */
    FlowSlots slots() {
        return slots;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /** The conversation of {@code key}, now the most recently active, or null. */
    Conversation get(FlowKey key) {
        Conversation c = order.newest();
        if (c == null || !key.ipv4 || !c.ipv4 || c.low != key.low || c.high != key.high) {
            // not the most recently active one (a conversation's packets come in bursts: that one is asked
            // without a table lookup, which is a cache miss in a table of 10^4 conversations)
            int slot = slots.indexed(key);
            lastLookedUp = slot;
            c = slot < 0 ? null : slots.conversation(slot); // a forgotten 4-tuple's slot holds null
        }
        if (c != null && c != order.newest()) {
            unpark(c);
            order.touch(c);
        } else if (c != null && c.parked) {
            // the newest stays parked (as before); its packet may close it or move its time
            parkedInTimeOrder = false;
        }
        return c;
    }

    /**
     * When {@link #get} has just returned null: the slot its lookup found for the 4-tuple in the index (that of a
     * closed or a forgotten 4-tuple, see {@link FlowSlots#indexed}), or -1.
     */
    int lastLookedUp() {
        return lastLookedUp;
    }

    /**
     * Adds a conversation (its 4-tuple not live) as the most recently active: at {@code slot} when {@code closed}
     * (its 4-tuple's slot while it was closed), else at the slot {@link FlowSlots#add(FlowKey, int, Conversation)}
     * gives it with {@code slot} as the index holds it (-1, or a forgotten 4-tuple's); {@code key} is its 4-tuple's.
     */
    void put(Conversation c, FlowKey key, int slot, boolean closed) {
        if (!closed) {
            // an IPv4 key's numbers are stored, not the key (the probe may be passed); another key is stored itself
            c.slot = slots.add(c.ipv4 ? key : c.otherKey, slot, c);
        } else {
            c.slot = slot;
            slots.set(slot, c);
        }
        order.append(c);
        size++;
    }

    /**
     * Takes {@code c} out of the live ones; returns its slot, which stays with its 4-tuple for the recently closed
     * memory to keep or free (see {@link FlowSlots}).
     */
    int remove(Conversation c) {
        slots.set(c.slot, null);
        unpark(c);
        order.unlink(c);
        size--;
        return c.slot;
    }

    Conversation eldest() {
        return order.eldest();
    }

    /** The first conversation after the parked prefix (the eldest when it is empty). */
    Conversation afterParked() {
        return lastParked == null ? order.eldest() : lastParked.newer();
    }

    int parked() {
        return parked;
    }

    /** No parked conversation was last active before this time. */
    long parkedQuietSince() {
        return parkedQuietSince;
    }

    /**
     * Walks the parked prefix, eldest first, handing those that leave to {@code finish} (which must {@link #remove}
     * them and keep or free their slots): a conversation leaves when more than {@code maxLive} are live, when it has been quiet for {@code
     * idleNanos} at {@code now}, or when it is closed; the others stay parked. The same, in the same order, as
     * emptying the prefix and sweeping from the eldest, parking again what the sweep walks past (a parked
     * conversation had no packet since it was parked, so it is still open and quiet), in one walk of the prefix
     * instead of two.
     *
     * <p>While the prefix is in time order and untouched ({@link #parkedInTimeOrder}) the walk stops at the first
     * that stays: it stays because no more than {@code maxLive} are live (finishing only lowers the count) and it has
     * not been quiet for {@code idleNanos}; every later one was active no earlier and is open, so it stays too. The
     * prefix holds the connects nobody answered for the last three minutes, and every sweep walked all of them.
     */
    void sweepParked(long now, long idleNanos, int maxLive, Consumer<Conversation> finish) {
        long quietSince = Long.MAX_VALUE;
        boolean stopAtFirstStaying = parkedInTimeOrder && !walkWholePrefix;
        for (Conversation c = order.eldest(); c != null && c.parked; ) {
            Conversation next = c.newer();
            if (size() > maxLive || now - c.lastNanos() >= idleNanos || c.closed()) {
                finish.accept(c);
            } else {
                quietSince = Math.min(quietSince, c.lastNanos());
                if (stopAtFirstStaying) {
                    break;
                }
            }
            c = next;
        }
        parkedQuietSince = quietSince;
    }

    /** Parks {@code c}, which must follow the parked prefix directly; {@code lastNanos} is its last activity. */
    void park(Conversation c, long lastNanos) {
        if (parked == 0) {
            parkedInTimeOrder = true;
        } else if (lastNanos < newestParkedNanos) {
            parkedInTimeOrder = false;
        }
        newestParkedNanos = lastNanos;
        c.parked = true;
        lastParked = c;
        parked++;
        parkedQuietSince = Math.min(parkedQuietSince, lastNanos);
    }

    /** True when {@code c} directly follows the parked prefix. */
    boolean followsParked(Conversation c) {
        return c.older() == lastParked;
    }

    /** A conversation leaving its place leaves the parked prefix (the rest of it stays a prefix). */
    private void unpark(Conversation c) {
        if (c.parked) {
            c.parked = false;
            parked--;
            if (c == lastParked) {
                lastParked = c.older();
            }
        }
    }
}
