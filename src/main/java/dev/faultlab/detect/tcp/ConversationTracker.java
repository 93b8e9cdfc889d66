package dev.faultlab.detect.tcp;

import dev.faultlab.capture.read.IpHeader;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.TcpHeader;

import java.util.function.Consumer;

/**
 * Rebuilds TCP conversations from one capture's packets in a single pass and hands each one, once finished, to
 * a consumer. Memory is bounded: closed conversations are finished after a short quiet time, idle ones after a
 * long one, and beyond {@link #MAX_LIVE} the least recently active is finished early. A SYN with a new
 * sequence number on a closed (or answered-and-reset) 4-tuple starts a new conversation that remembers the
 * previous one, which is how a reused 4-tuple (SNAT port reuse, TIME_WAIT) stays visible.
 */
public final class ConversationTracker {
    static final int MAX_LIVE = 100_000;
    private static final int MAX_REMEMBERED_CLOSED = 100_000;
    private static final long CLOSED_QUIET_NANOS = 5_000_000_000L;
    /** Longer than the largest SYN backoff gap (64 s) so a slow SYN retry stays in its conversation. */
    private static final long IDLE_NANOS = 180_000_000_000L;
    /** Remember closed 4-tuples for 2 MSL as Linux counts it (TIME_WAIT 60 s), with margin. */
    private static final long REMEMBER_CLOSED_NANOS = 240_000_000_000L;
    /** A power of two: the packet count is masked with it, not divided, per packet. */
    private static final int SWEEP_EVERY = 4096;

    private final String capture;
    private final Consumer<ConversationSummary> finished;
    private final LiveConversations live;
    private final ClosedConnections recentlyClosed;
    private final DuplicateFilter duplicates = new DuplicateFilter();
    /** Reused for every lookup; the maps hold copies. */
    private final FlowKey probe = new FlowKey();
    private long now;
    private long seen;
    private long conversations;

    public ConversationTracker(String capture, Consumer<ConversationSummary> finished) {
        this(capture, finished, new LiveConversations());
    }

    /** With the given live set (tests compare the sweep's early stop against a walk of the whole prefix). */
    ConversationTracker(String capture, Consumer<ConversationSummary> finished, LiveConversations live) {
        this.capture = capture;
        this.finished = finished;
        this.live = live;
        // one slot per 4-tuple for both: a 4-tuple moves between them at every new and finished conversation
        this.recentlyClosed = new ClosedConnections(MAX_REMEMBERED_CLOSED, live.slots());
    }

    /**
     * Feeds one packet (for VXLAN, pass the inner packet); non-TCP packets, later IP fragments and copies of a
     * segment already seen at another interface of the same capture are ignored.
     */
    public void observe(Packet packet) {
        IpHeader ip = packet.ip();
        TcpHeader tcp = packet.tcp();
        if (tcp == null || ip == null) {
            return;
        }
        // each address's hash code once for the filter and the key (a call and two reads of the address object)
        int sourceHash = ip.source().hashCode();
        int destinationHash = ip.destination().hashCode();
        FlowKey key = probe.set(ip.source(), sourceHash, tcp.sourcePort(), ip.destination(), destinationHash,
                tcp.destinationPort());
        if (duplicates.isDuplicate(packet, sourceHash, destinationHash, key.ipv4)) {
            return;
        }
        now = Math.max(now, packet.epochNanos());
        Conversation conversation = live.get(key);
        int slot = -1;
        if (conversation == null) {
            slot = live.lastLookedUp();
        } else if (packet.tcp().isSynOnly() && !conversation.isRetransmissionOf(packet.tcp())) {
            finish(conversation);
            slot = conversation.slot;
            conversation = null;
        }
        if (conversation == null) {
            // the 4-tuple's slot as the lookup just found it (or finish left it): a closed 4-tuple's, a forgotten
            // one's (not yet purged) or -1, read again without a second lookup
            boolean closed = slot >= 0 && !live.slots().forgotten(slot);
            conversation = new Conversation(capture, key, packet, closed ? recentlyClosed.take(slot) : null);
            live.put(conversation, key, slot, closed);
            conversations++;
        }
        conversation.observe(packet);
        if ((++seen & SWEEP_EVERY - 1) == 0 || live.size() > MAX_LIVE) {
            sweep();
        }
    }

    /** Finishes every live conversation (call at the end of the capture). */
    public void finishAll() {
        while (!live.isEmpty()) {
            finish(live.eldest());
        }
    }

    /** Conversations started so far. */
    public long conversations() {
        return conversations;
    }

    /** Live conversations now (for memory checks). */
    public int liveConversations() {
        return live.size();
    }

    /**
     * Finishes, least recently active first, the conversations over the cap, idle, or closed and quiet; stops at
     * the first active in the last {@link #CLOSED_QUIET_NANOS}. The open ones it walks past are parked (see
     * {@link LiveConversations}) and skipped while none of them can have reached the idle timeout.
     */
    private void sweep() {
        boolean skipParked = live.parked() > 0 && live.size() <= MAX_LIVE
                && now - live.parkedQuietSince() < IDLE_NANOS;
        if (!skipParked) {
            live.sweepParked(now, IDLE_NANOS, MAX_LIVE, this::finish);
        }
        for (Conversation c = live.afterParked(); c != null; ) {
            Conversation next = c.newer();
            long lastNanos = c.lastNanos();
            long quiet = now - lastNanos;
            boolean over = live.size() > MAX_LIVE;
            if (!over && quiet < CLOSED_QUIET_NANOS) {
                break;
            }
            if (over || quiet >= IDLE_NANOS || c.closed()) {
                finish(c);
            } else if (live.followsParked(c)) {
                live.park(c, lastNanos);
            }
            c = next;
        }
        recentlyClosed.expire(now, REMEMBER_CLOSED_NANOS);
    }

    private void finish(Conversation c) {
        c.rememberIn(recentlyClosed, live.remove(c));
        finished.accept(c.summary());
    }
}
