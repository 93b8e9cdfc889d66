package dev.faultlab.datapath.bgp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A configured peer: its connections (two while a collision is being resolved), the routes it announced
 * (Adj-RIB-In: prefix to next hop), which of them are stale during its graceful restart and until when, and when
 * this side next connects to it.
 */
final class Neighbor {
    final String address;
    /** The peer's address as a number: its BGP identifier in the lab's mesh, the tie-break between paths. */
    final int addressValue;
    final long as;
    /** Whether this side connects (see {@link SpeakerConfig.Peer}). */
    final boolean active;
    final List<Session> sessions = new ArrayList<>(2);
    final Map<Prefix, Integer> routes = new HashMap<>();
    final Set<Prefix> stale = new HashSet<>();
    /** When the stale routes go if no End-of-RIB came first (RFC 4724's restart, then stale path, timer). */
    long staleDeadline;
    /** When to connect next, if {@link #connectPending}. */
    long connectAt;
    boolean connectPending;
    /** Connects that failed since the last established session (the retry backs off with them). */
    int failedConnects;

    Neighbor(SpeakerConfig.Peer peer, long as) {
        this.address = peer.address();
        this.addressValue = Ipv4.parse(peer.address());
        this.as = as;
        this.active = peer.active();
    }

    Optional<Session> established() {
        return sessions.stream().filter(s -> s.state() == Session.State.ESTABLISHED).findFirst();
    }

    /** {@link #state()} as of the speaker's last change, for other threads (the agent host's requests). */
    private volatile String reported = "active";

    /** The most advanced of its sessions' states in RFC words; {@code active} while it has no connection. */
    String state() {
        return reported;
    }

    /** Recomputes {@link #state()} after a session changed state or came or went (on the speaker's thread). */
    void refresh() {
        reported = sessions.stream().map(Session::state).filter(s -> s != Session.State.CLOSED)
                .max(Enum::compareTo).map(s -> s.word).orElse("active");
    }

    /** Forgets its stale routes (End-of-RIB, restart timer, a restart without graceful restart): what changed. */
    List<Prefix> dropStale() {
        List<Prefix> dropped = new ArrayList<>(stale);
        dropped.forEach(routes::remove);
        stale.clear();
        return dropped;
    }

    /** Forgets every route it announced (a session lost without graceful restart): what changed. */
    List<Prefix> dropAll() {
        List<Prefix> dropped = new ArrayList<>(routes.keySet());
        routes.clear();
        stale.clear();
        return dropped;
    }
}
