package dev.faultlab.datapath.bgp;

import dev.faultlab.datapath.AgentThread;
import dev.faultlab.datapath.HostedAgent;
import dev.faultlab.datapath.RouteInstaller;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * One node's BGP speaker, as a thread of the lab's agent host that has joined the node's namespace: its listening
 * socket and its connections are the node's, on the node's underlay address, port 179. One thread and one
 * selector serve all of the node's sessions. It announces the node's pod CIDR to every neighbor and installs what
 * they announce into the node's main table with {@code proto 17} through a {@link RouteInstaller}, as kube-router
 * does.
 *
 * <p>The agent thread's controls keep the field's wire semantics: killed, the sockets close with no NOTIFICATION
 * (what the kernel does for a dead process: peers see a FIN); stopped, each session gets a Cease first; paused,
 * the thread freezes at its checkpoint and neither reads nor sends, so peers notice only at their hold timer;
 * started again with graceful restart on, its OPEN carries the Restart State bit, and peers that kept its routes
 * stale refresh them and drop the rest at its End-of-RIB.
 *
 * <p>Arguments: node name, own pod CIDR, routes file (what the lab waits on), configuration file
 * ({@link SpeakerConfig}), {@code start} or {@code restart}.
 */
public final class Speaker implements HostedAgent {
    static final int PORT = 179;
    /** How long a select waits at most: a paused speaker freezes at its next checkpoint within this. */
    private static final long MAX_WAIT_MILLIS = 200;
    /** bird's {@code connect retry time 1}, jittered: the longest wait before connecting again. */
    private static final long CONNECT_RETRY_NANOS = 1_000_000_000L;
    /**
     * The first retry after a failed connect, one more of it at each further failure up to
     * {@link #CONNECT_RETRY_NANOS}.
     * A lab's speakers start within a few hundred ms of each other, so early connects meet peers not listening
     * yet (refused at once); retried only after 1 s, they made a 100-node mesh take 4-7 s to converge.
     */
    private static final long FIRST_RETRY_NANOS = 100_000_000L;
    /** Speakers start together: a first connect spread over this keeps 100 of them from dialing in one burst. */
    private static final long FIRST_CONNECT_SPREAD_NANOS = 50_000_000L;
    private static final long LOCAL_PREF = 100;
    private static final int LISTEN_BACKLOG = 256;
    /**
     * Learned routes reach the kernel this long after the first change of a burst: a node of a 100-node mesh
     * learns 99 routes over a second or two, and a kernel round (a netlink socket, the requests, the routes file
     * rewritten) per UPDATE was most of the speakers' CPU; a peer's loss still reaches the kernel within tens of ms.
     */
    private static final long SETTLE_NANOS = 20_000_000L;

    private final String node;
    private final Path routesFile;
    private final Path configFile;
    private final boolean restarting;
    private final String podCidr;
    private volatile Selector selector;
    private SpeakerConfig config;
    private BgpMessage.Open ourOpen;
    private BgpMessage.Update announcement;
    private final Map<String, Neighbor> neighbors = new LinkedHashMap<>();
    /** The neighbors once all are known, for {@link #describe()} on the agent host's request threads. */
    private volatile List<Neighbor> described = List.of();
    private RouteInstaller routes;
    private AgentThread agent;
    private final Session.Listener events = new Events();
    /** When the queued route changes go to the kernel; meaningful while {@link #flushPending}. */
    private long flushAt;
    private boolean flushPending;
    /** When {@link #timers} next scans the neighbors. */
    private long nextScan = System.nanoTime();
    /** One read buffer for all sessions: a message is at most 4096 bytes, a partial one is kept by its session. */
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(16 * 1024);

    public Speaker(List<String> args) {
        if (args.size() != 5 || !List.of("start", "restart").contains(args.get(4))) {
            throw new IllegalArgumentException("BGP speaker needs NODE POD_CIDR ROUTES_FILE CONFIG_FILE start|restart,"
                    + " got " + args);
        }
        this.node = args.get(0);
        this.podCidr = args.get(1);
        this.routesFile = Path.of(args.get(2));
        this.configFile = Path.of(args.get(3));
        this.restarting = args.get(4).equals("restart");
    }

    /** A kill or stop wakes the selector instead of interrupting the thread, which would close its sockets. */
    @Override
    public void wake(Thread thread) {
        Selector waiting = selector;
        if (waiting != null) {
            waiting.wakeup();
        }
    }

    @Override
    public void run(AgentThread agent) throws IOException {
        this.agent = agent;
        this.config = SpeakerConfig.parse(Files.readString(configFile));
        // listening first: the kernel queues the peers' connects from then on, while the rest is set up
        try (Selector opened = Selector.open(); ServerSocketChannel server = ServerSocketChannel.open()) {
            selector = opened;
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(config.routerId(), PORT), LISTEN_BACKLOG);
            int routerId = Ipv4.parse(config.routerId());
            ourOpen = new BgpMessage.Open(config.as(), config.holdTimeSeconds(), routerId, true, true,
                    config.restartTimeSeconds().stream().mapToObj(
                            time -> new BgpMessage.GracefulRestart(restarting, time, true, true)).findFirst());
            announcement = new BgpMessage.Update(List.of(),
                    Optional.of(BgpMessage.PathAttributes.originated(routerId, LOCAL_PREF)),
                    List.of(Prefix.parse(config.announce())));
            routes = new RouteInstaller(podCidr, routesFile, agent);
            long now = System.nanoTime();
            for (SpeakerConfig.Peer peer : config.neighbors()) {
                Neighbor neighbor = new Neighbor(peer, config.as());
                neighbors.put(peer.address(), neighbor);
                if (peer.active()) {
                    scheduleConnect(neighbor, now,
                            ThreadLocalRandom.current().nextLong(FIRST_CONNECT_SPREAD_NANOS));
                }
            }
            described = List.copyOf(neighbors.values());
            agent.log().println("bgp " + node + ": router id " + config.routerId() + ", " + neighbors.size()
                    + " neighbors, announcing " + config.announce() + (restarting ? " (restarting)" : ""));
            server.configureBlocking(false);
            server.register(opened, SelectionKey.OP_ACCEPT);
            serve(opened, server);
        } catch (AgentThread.Ended ended) {
            if (ended.graceful()) {
                allSessions().forEach(s -> s.goodbye(readBuffer));
                agent.log().println("bgp " + node + ": stopped, Cease sent to every peer");
            }
            throw ended;
        } finally {
            allSessions().forEach(Session::abandon);
            selector = null;
        }
    }

    private void serve(Selector opened, ServerSocketChannel server) throws IOException {
        long wait = 1;
        while (true) {
            agent.checkpoint();
            opened.select(Math.max(1, Math.min(wait, MAX_WAIT_MILLIS)));
            agent.checkpoint(); // paused during the select: act on nothing that arrived
            long now = System.nanoTime();
            for (SelectionKey key : opened.selectedKeys()) {
                if (!key.isValid()) {
                    continue;
                }
                if (key.channel() == server) {
                    accept(server, now);
                } else {
                    ready(key, now);
                }
            }
            opened.selectedKeys().clear();
            long next = timers(now);
            if (flushPending && now - flushAt >= 0) {
                flushPending = false;
                routes.flush();
            } else if (flushPending) {
                next = earliest(next, flushAt);
            }
            wait = Math.max(0, (next - System.nanoTime()) / 1_000_000) + 1;
        }
    }

    private void ready(SelectionKey key, long now) {
        Session session = (Session) key.attachment();
        if (key.isConnectable()) {
            try {
                if (!((SocketChannel) key.channel()).finishConnect()) {
                    return; // still connecting
                }
                key.interestOps(SelectionKey.OP_READ);
                session.connected(ourOpen, now);
            } catch (IOException e) {
                session.close(true); // refused or unreachable: try again at the retry timer
            }
            return;
        }
        if (key.isValid() && key.isWritable()) {
            session.flush();
        }
        if (key.isValid() && key.isReadable()) {
            session.read(readBuffer, now);
        }
    }

    private void accept(ServerSocketChannel server, long now) throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            try {
                String from = ((InetSocketAddress) channel.getRemoteAddress()).getAddress().getHostAddress();
                Neighbor neighbor = neighbors.get(from);
                if (neighbor == null) {
                    channel.close(); // not a configured peer (RFC 4271 section 8: refuse it)
                    continue;
                }
                register(new Session(neighbor, channel, false, events, config.holdTimeSeconds(),
                        config.keepaliveSeconds()), SelectionKey.OP_READ).connected(ourOpen, now);
            } catch (IOException e) {
                channel.close(); // reset before we got to it
            }
        }
    }

    private void connect(Neighbor neighbor, long now) {
        neighbor.connectPending = false;
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(config.routerId(), 0));
            Session session = register(new Session(neighbor, channel, true, events, config.holdTimeSeconds(),
                    config.keepaliveSeconds()), SelectionKey.OP_CONNECT);
            if (channel.connect(new InetSocketAddress(neighbor.address, PORT))) {
                session.key.interestOps(SelectionKey.OP_READ);
                session.connected(ourOpen, now);
            }
        } catch (IOException e) {
            agent.log().println("bgp " + node + ": cannot connect to " + neighbor.address + ": " + e.getMessage());
            scheduleRetry(neighbor, now);
        }
    }

    private Session register(Session session, int ops) throws IOException {
        session.channel.configureBlocking(false);
        session.key = session.channel.register(selector, ops, session);
        session.neighbor.sessions.add(session);
        session.neighbor.refresh();
        return session;
    }

    /**
     * Connects where due, fires the sessions' timers and the stale routes' deadlines; returns the next due. The
     * scan runs only once the earliest deadline it last found has come (at most {@link #MAX_WAIT_MILLIS} later):
     * run at every wakeup, it was most of a 100-node mesh's CPU (99 sessions scanned per message received). No
     * deadline is missed by skipping: a connect moves the next scan forward when it is due earlier, and every
     * session or stale-route deadline set between scans (keepalive, 0.75 s or more; hold, 3 s or more; restart
     * time, 1 s or more) lies beyond the next scan.
     */
    private long timers(long now) {
        if (now - nextScan < 0) {
            return nextScan;
        }
        nextScan = now + MAX_WAIT_MILLIS * 1_000_000; // a connect scheduled during the scan lowers it
        nextScan = earliest(nextScan, scan(now));
        return nextScan;
    }

    private long scan(long now) {
        long next = now + MAX_WAIT_MILLIS * 1_000_000;
        for (Neighbor neighbor : neighbors.values()) {
            if (neighbor.connectPending && now - neighbor.connectAt >= 0) {
                connect(neighbor, now);
            }
            if (neighbor.connectPending) {
                next = earliest(next, neighbor.connectAt);
            }
            if (!neighbor.stale.isEmpty() && now - neighbor.staleDeadline >= 0) {
                agent.log().println("bgp " + node + ": " + neighbor.address + " did not come back in time, "
                        + "dropping its stale routes");
                changed(neighbor.dropStale());
            } else if (!neighbor.stale.isEmpty()) {
                next = earliest(next, neighbor.staleDeadline);
            }
            for (Session session : List.copyOf(neighbor.sessions)) {
                next = earliest(next, session.tick(now));
            }
        }
        return next;
    }

    private static long earliest(long a, long b) {
        return b - a < 0 ? b : a;
    }

    private void scheduleConnect(Neighbor neighbor, long now, long delayNanos) {
        neighbor.connectPending = true;
        neighbor.connectAt = now + delayNanos;
        nextScan = earliest(nextScan, neighbor.connectAt);
    }

    private void scheduleRetry(Neighbor neighbor, long now) {
        long backoff = FIRST_RETRY_NANOS * Math.max(1, neighbor.failedConnects);
        scheduleConnect(neighbor, now, jittered(Math.min(CONNECT_RETRY_NANOS, backoff)));
    }

    private static long jittered(long nanos) {
        return (long) (nanos * ThreadLocalRandom.current().nextDouble(0.75, 1.0));
    }

    /** What the sessions report, acted on for the whole node (collisions, routes, reconnects). */
    private final class Events implements Session.Listener {
        /**
         * Connection collision (RFC 4271 section 6.8): when the peer's OPEN arrives on one connection while another
         * has already confirmed an OPEN, the connection opened by the side with the higher BGP identifier stays and
         * the other is closed with Cease. A new connection beside an established session is refused, unless graceful
         * restart was negotiated: then it is the peer restarting (RFC 4724 section 4.2) and the old session goes as a
         * lost one, its routes kept stale.
         */
        @Override
        public boolean admit(Session session, BgpMessage.Open open) {
            Optional<Session> rival = session.neighbor.sessions.stream()
                    .filter(s -> s != session && (s.state() == Session.State.OPEN_CONFIRM
                            || s.state() == Session.State.ESTABLISHED)).findFirst();
            if (rival.isEmpty()) {
                return true;
            }
            Session other = rival.get();
            if (other.state() == Session.State.ESTABLISHED) {
                if (gracefulRestartNegotiated(other) && open.gracefulRestart().isPresent()) {
                    other.close(true);
                    return true;
                }
                session.fail(BgpMessage.Notification.cease(BgpMessage.Notification.COLLISION_RESOLUTION));
                return false;
            }
            boolean keepOurs = Integer.compareUnsigned(ourOpen.bgpId(), open.bgpId()) > 0;
            Session loser = session.outgoing == keepOurs ? other : session;
            loser.fail(BgpMessage.Notification.cease(BgpMessage.Notification.COLLISION_RESOLUTION));
            return loser != session;
        }

        /** Established: announce the pod CIDR, then End-of-RIB; a restarted peer's stale routes await its own. */
        @Override
        public void established(Session session) {
            Neighbor neighbor = session.neighbor;
            agent.log().println("bgp " + node + ": established with " + neighbor.address);
            neighbor.failedConnects = 0;
            if (!neighbor.stale.isEmpty()) {
                if (gracefulRestartNegotiated(session) && session.peerOpen().flatMap(BgpMessage.Open::gracefulRestart)
                        .filter(BgpMessage.GracefulRestart::forwardingPreserved).isPresent()) {
                    neighbor.staleDeadline = System.nanoTime() + restartTimeNanos(session);
                } else {
                    changed(neighbor.dropStale());
                }
            }
            session.send(announcement);
            session.send(BgpMessage.Update.endOfRib());
        }

        @Override
        public void update(Session session, BgpMessage.Update update) {
            Neighbor neighbor = session.neighbor;
            if (update.isEndOfRib()) {
                changed(neighbor.dropStale());
                return;
            }
            List<Prefix> changes = new ArrayList<>();
            for (Prefix prefix : update.withdrawn()) {
                if (neighbor.routes.remove(prefix) != null) {
                    neighbor.stale.remove(prefix);
                    changes.add(prefix);
                }
            }
            update.attributes().ifPresent(attributes -> {
                for (Prefix prefix : update.announced()) {
                    neighbor.routes.put(prefix, attributes.nextHop());
                    neighbor.stale.remove(prefix);
                    changes.add(prefix);
                }
            });
            changed(changes);
        }

        /**
         * A session lost while established: its routes go, unless graceful restart was negotiated and TCP just went
         * away (no NOTIFICATION: RFC 4724 keeps routes only for a restart, not for a session closed on purpose), in
         * which case they stay, stale, for the peer's restart time. An active side connects again.
         */
        @Override
        public void closed(Session session, Session.State was, boolean silently) {
            Neighbor neighbor = session.neighbor;
            neighbor.sessions.remove(session);
            neighbor.refresh();
            long now = System.nanoTime();
            if (was == Session.State.ESTABLISHED && neighbor.established().isEmpty()) {
                long restartNanos = restartTimeNanos(session);
                if (silently && gracefulRestartNegotiated(session) && restartNanos > 0) {
                    neighbor.stale.addAll(neighbor.routes.keySet());
                    neighbor.staleDeadline = now + restartNanos;
                    agent.log().println("bgp " + node + ": " + neighbor.address + " went away; keeping its "
                            + neighbor.stale.size() + " routes stale for " + restartNanos / 1_000_000_000L + " s");
                } else {
                    agent.log().println("bgp " + node + ": session with " + neighbor.address + " closed"
                            + (silently ? "" : " by NOTIFICATION"));
                    changed(neighbor.dropAll());
                }
            }
            if (session.outgoing && was != Session.State.ESTABLISHED) {
                neighbor.failedConnects++;
            }
            if (neighbor.active && neighbor.sessions.isEmpty() && !neighbor.connectPending) {
                scheduleRetry(neighbor, now);
            }
        }
    }

    private boolean gracefulRestartNegotiated(Session session) {
        return config.restartTimeSeconds().isPresent() && session.peerOpen().flatMap(BgpMessage.Open::gracefulRestart)
                .filter(BgpMessage.GracefulRestart::ipv4Unicast).isPresent();
    }

    private static long restartTimeNanos(Session session) {
        return session.peerOpen().flatMap(BgpMessage.Open::gracefulRestart)
                .map(gr -> gr.restartTimeSeconds() * 1_000_000_000L).orElse(0L);
    }

    /**
     * Re-selects the changed prefixes (iBGP, equal preference: the path from the lowest BGP identifier, RFC 4271
     * section 9.1.2.2) and queues the kernel change; the loop applies the queue {@link #SETTLE_NANOS} later.
     */
    private void changed(Collection<Prefix> prefixes) {
        if (!prefixes.isEmpty() && !flushPending) {
            flushPending = true;
            flushAt = System.nanoTime() + SETTLE_NANOS;
        }
        for (Prefix prefix : prefixes) {
            Optional<Neighbor> best = neighbors.values().stream().filter(n -> n.routes.containsKey(prefix))
                    .min(Comparator.comparing(n -> Integer.toUnsignedLong(n.addressValue)));
            if (best.isPresent()) {
                routes.install(prefix.toString(), Ipv4.format(best.get().routes.get(prefix)));
            } else {
                routes.withdraw(prefix.toString());
            }
        }
    }

    private List<Session> allSessions() {
        return neighbors.values().stream().flatMap(n -> n.sessions.stream()).toList();
    }

    /**
     * Each neighbor's session state, {@code 192.168.100.12=established,192.168.100.13=active}: answered from the
     * speaker's last state changes, so a request needs nothing from the speaker's thread (which may be paused).
     */
    @Override
    public String describe() {
        return described.stream().map(n -> n.address + "=" + n.state()).collect(Collectors.joining(","));
    }

    /** {@link #describe()}'s text back as neighbor address to RFC state word. */
    public static Map<String, String> sessionStates(String description) {
        Map<String, String> states = new TreeMap<>();
        for (String entry : description.split(",")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                states.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return states;
    }
}
