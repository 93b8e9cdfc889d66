package dev.faultlab.datapath.bgp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One TCP connection with a neighbor and its RFC 4271 state machine from the moment TCP is up: OPEN sent, OPEN
 * confirmed, established; its hold timer (restarted by every message received) and keepalive timer (jittered by a
 * factor 0.75-1.0, RFC 4271 section 10). Which connection of a colliding pair survives, what an UPDATE does to the
 * routes and what a lost session does to them are the {@link Listener}'s to decide ({@link Speaker}).
 */
final class Session {
    /** The RFC's state names, as {@code birdc} and {@code gobgp neighbor} report them. */
    enum State {
        CONNECT("connect"), OPEN_SENT("opensent"), OPEN_CONFIRM("openconfirm"), ESTABLISHED("established"),
        CLOSED("idle");

        final String word;

        State(String word) {
            this.word = word;
        }
    }

    /** What the speaker decides about a session. */
    interface Listener {
        /** The peer's OPEN arrived: false when this connection lost a collision (it has been closed). */
        boolean admit(Session session, BgpMessage.Open open);

        void established(Session session);

        void update(Session session, BgpMessage.Update update);

        /**
         * The session ended from {@code was}; {@code silently} when TCP went away without a NOTIFICATION either way
         * (a dead or restarting peer, the case graceful restart keeps routes for).
         */
        void closed(Session session, State was, boolean silently);
    }

    /** RFC 4271 section 8's "large value" for the hold timer until the peer's OPEN says its own. */
    private static final long OPEN_HOLD_NANOS = 240_000_000_000L;
    /** A hold time of 0 (negotiated off): a deadline a year away, so that clock arithmetic cannot overflow. */
    private static final long NEVER_NANOS = 365L * 24 * 3600 * 1_000_000_000L;

    final Neighbor neighbor;
    final SocketChannel channel;
    /** Whether this side connected (collision resolution keeps the connection the higher BGP identifier made). */
    final boolean outgoing;
    private final Listener listener;
    private final long configuredHoldNanos;
    private final long configuredKeepaliveNanos;
    private State state = State.CONNECT;
    private BgpMessage.Open peerOpen;
    private long holdNanos = OPEN_HOLD_NANOS;
    private long keepaliveNanos;
    private long holdDeadline;
    private long keepaliveDue = Long.MAX_VALUE;
    SelectionKey key;
    /** The start of a message TCP has delivered only part of. */
    private byte[] partial;
    /** What the socket did not take yet. */
    private ByteBuffer unsent;

    /** {@code holdSeconds}, {@code keepaliveSeconds}: ours, before the peer's OPEN lowers them. */
    Session(Neighbor neighbor, SocketChannel channel, boolean outgoing, Listener listener, int holdSeconds,
            int keepaliveSeconds) {
        this.neighbor = neighbor;
        this.channel = channel;
        this.outgoing = outgoing;
        this.listener = listener;
        this.configuredHoldNanos = holdSeconds * 1_000_000_000L;
        this.configuredKeepaliveNanos = keepaliveSeconds * 1_000_000_000L;
    }

    State state() {
        return state;
    }

    Optional<BgpMessage.Open> peerOpen() {
        return Optional.ofNullable(peerOpen);
    }

    private void enter(State next) {
        state = next;
        neighbor.refresh();
    }

    boolean open() {
        return state != State.CLOSED;
    }

    /** TCP is up: send our OPEN (RFC 4271 section 8, Connect state on TCP success). */
    void connected(BgpMessage.Open ours, long now) {
        enter(State.OPEN_SENT);
        holdDeadline = now + OPEN_HOLD_NANOS;
        send(ours);
    }

    /** Reads what the socket has, through the speaker's one read buffer, and acts on each whole message. */
    void read(ByteBuffer buffer, long now) {
        buffer.clear();
        if (partial != null) {
            buffer.put(partial);
            partial = null;
        }
        int n;
        try {
            n = channel.read(buffer);
        } catch (IOException e) {
            n = -1; // a reset: TCP went away, as with a FIN
        }
        if (n < 0) {
            close(true);
            return;
        }
        buffer.flip();
        try {
            while (open()) {
                Optional<BgpMessage> message = BgpMessage.next(buffer);
                if (message.isEmpty()) {
                    break;
                }
                receive(message.get(), now);
            }
        } catch (BgpFormatException e) {
            fail(e.notification());
            return;
        }
        if (open() && buffer.hasRemaining()) {
            partial = new byte[buffer.remaining()];
            buffer.get(partial);
        }
    }

    private void receive(BgpMessage message, long now) {
        holdDeadline = now + (holdNanos == 0 ? NEVER_NANOS : holdNanos);
        if (message instanceof BgpMessage.Notification) {
            close(false);
        } else if (message instanceof BgpMessage.Open open && state == State.OPEN_SENT) {
            opened(open, now);
        } else if (message instanceof BgpMessage.Keepalive && state == State.OPEN_CONFIRM) {
            enter(State.ESTABLISHED);
            listener.established(this);
        } else if (message instanceof BgpMessage.Keepalive && state == State.ESTABLISHED) {
            return;
        } else if (message instanceof BgpMessage.Update update && state == State.ESTABLISHED) {
            listener.update(this, update);
        } else {
            fail(new BgpMessage.Notification(BgpMessage.Notification.FSM_ERROR, 0, new byte[0]));
        }
    }

    /** OPEN received in OpenSent: check it, negotiate the timers, confirm with a KEEPALIVE. */
    private void opened(BgpMessage.Open open, long now) {
        if (open.asn() != neighbor.as) {
            fail(new BgpMessage.Notification(BgpFormatException.OPEN, 2, new byte[0])); // bad peer AS
            return;
        }
        if (open.bgpId() == 0) {
            fail(new BgpMessage.Notification(BgpFormatException.OPEN, 3, new byte[0])); // bad BGP identifier
            return;
        }
        if (!listener.admit(this, open)) {
            return;
        }
        peerOpen = open;
        holdNanos = Math.min(configuredHoldNanos, open.holdTime() * 1_000_000_000L);
        keepaliveNanos = holdNanos == 0 ? 0 : Math.min(configuredKeepaliveNanos, holdNanos / 3);
        holdDeadline = now + (holdNanos == 0 ? NEVER_NANOS : holdNanos);
        enter(State.OPEN_CONFIRM);
        send(new BgpMessage.Keepalive());
        scheduleKeepalive(now);
    }

    /** Fires the hold and keepalive timers due at {@code now}; returns when this session next needs the clock. */
    long tick(long now) {
        if (state == State.CONNECT || !open()) {
            return Long.MAX_VALUE;
        }
        if (now - holdDeadline >= 0) {
            fail(new BgpMessage.Notification(BgpMessage.Notification.HOLD_TIMER_EXPIRED, 0, new byte[0]));
            return Long.MAX_VALUE;
        }
        if (keepaliveNanos > 0 && now - keepaliveDue >= 0) {
            send(new BgpMessage.Keepalive());
            scheduleKeepalive(now);
        }
        return keepaliveNanos > 0 && keepaliveDue - holdDeadline < 0 ? keepaliveDue : holdDeadline;
    }

    private void scheduleKeepalive(long now) {
        keepaliveDue = keepaliveNanos == 0 ? Long.MAX_VALUE
                : now + (long) (keepaliveNanos * ThreadLocalRandom.current().nextDouble(0.75, 1.0));
    }

    /** Writes a message, queueing what the socket does not take (the selector then reports it writable). */
    void send(BgpMessage message) {
        if (!open()) {
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(message.encode());
        if (unsent != null) {
            ByteBuffer joined = ByteBuffer.allocate(unsent.remaining() + bytes.remaining());
            unsent = joined.put(unsent).put(bytes).flip();
            return;
        }
        unsent = bytes;
        flush();
    }

    /** Writes the queued bytes the socket takes now. */
    void flush() {
        try {
            channel.write(unsent);
        } catch (IOException e) {
            close(true);
            return;
        }
        if (!unsent.hasRemaining()) {
            unsent = null;
        }
        if (key != null && key.isValid()) {
            key.interestOps(unsent == null ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    /** An error on our side of the protocol: NOTIFICATION, then close (not a silent loss). */
    void fail(BgpMessage.Notification notification) {
        send(notification);
        close(false);
    }

    /**
     * A stopped speaker's goodbye: Cease (administrative shutdown), then FIN. Reads what the peer already sent
     * first, so that the close is a FIN, not a reset that could discard the Cease on the way.
     */
    void goodbye(ByteBuffer buffer) {
        if (state == State.OPEN_SENT || state == State.OPEN_CONFIRM || state == State.ESTABLISHED) {
            send(BgpMessage.Notification.cease(BgpMessage.Notification.ADMINISTRATIVE_SHUTDOWN));
            try {
                channel.shutdownOutput();
                buffer.clear();
                while (channel.read(buffer.clear()) > 0) {
                    // discarded: the session is over
                }
            } catch (IOException e) {
                // the peer went away meanwhile
            }
        }
        abandon();
    }

    /** Closes the socket with no NOTIFICATION and tells no one: what the kernel does for a killed speaker. */
    void abandon() {
        enter(State.CLOSED);
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
    }

    void close(boolean silently) {
        if (!open()) {
            return;
        }
        State was = state;
        abandon();
        listener.closed(this, was, silently);
    }
}
