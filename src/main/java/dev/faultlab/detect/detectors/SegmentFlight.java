package dev.faultlab.detect.detectors;

import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.SackBlock;
import dev.faultlab.capture.read.TcpHeader;
import dev.faultlab.detect.tcp.FrameRef;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * One direction of one TCP connection, followed for the MTU black hole: what the sender transmitted at the point
 * the receiver's cumulative ACK is stuck at (a stall, sender side), and data the receiver SACKs beyond a gap that
 * never appeared in the capture (a hole, receiver side). Wire sizes come from the IP length; a segment carrying
 * more than the receiver's advertised MSS is a GSO/TSO super-frame (the NIC or veth splits it), whose wire size
 * is unknown and so is never compared with a path MTU. Each flight is its own node in tunnel-mtu-blackhole's
 * {@link RecentFlights}.
 */
final class SegmentFlight extends RecentFlights.Node<SegmentFlight> {
    /** Unacknowledged segments remembered; older ones are forgotten first (memory stays bounded). */
    private static final int OUTSTANDING_KEPT = 512;
    /** Transmissions remembered per stall (all are counted). */
    private static final int FRAMES_KEPT = 8;
    /** Stalls and holes remembered per direction. */
    private static final int EPISODES_KEPT = 4;

    /** One transmission covering the stuck ACK point. */
    record Transmission(FrameRef frame, int wire, int payload, boolean superFrame) {
    }

    /**
     * Transmissions of the data at one stuck ACK point.
     *
     * @param coveredBy the receiver ACK that finally passed it (the last transmission got through), or null
     */
    record Stall(SegmentFlight flight, long ackPoint, int transmissions, List<Transmission> frames, int lostWireMin,
                 int lostWireKnown, int superFrames, FrameRef firstLost, FrameRef lastLost, FrameRef dupAck,
                 FrameRef coveredBy, int deliveredWire) {
        double spanSeconds() {
            return lastLost.secondsAfter(firstLost);
        }

        int lost() {
            return coveredBy == null ? transmissions : transmissions - 1;
        }
    }

    /**
     * A gap in the sender's data that the capture never saw while the receiver SACKed data beyond it.
     *
     * @param lostWire the size of the packet that would have carried the gap's first bytes
     */
    record Hole(SegmentFlight flight, long start, long bytes, int lostWire, FrameRef opened, FrameRef firstSack,
                FrameRef lastSack, int sacks) {
        double persistedSeconds() {
            return lastSack.secondsAfter(opened);
        }
    }

    // not final: a flight harvested with nothing kept from it is reused for a new one (see reuse). The state below
    // starts as reuse sets it, for a new flight too, so a fresh and a reused one cannot differ
    String capture;
    InetAddress sender;
    int senderPort;
    InetAddress receiver;
    int receiverPort;
    private int receiverMss;
    /**
     * Made on the first segment this side sends: half the flights (the receiving side of a one-way transfer, the
     * silent side of an unanswered SYN) never send one.
     */
    private OutstandingSegments outstanding;
    private long ackPoint;
    /**
     * The transmissions of the current stall from its second on; the first is held in the {@code first*} fields
     * until a second one comes. Every in-order data segment covers the ACK point once and is acknowledged: no
     * record for it. Made at the first second transmission: most flights never have one.
     */
    private List<Transmission> stallFrames;
    private long firstFrame;
    private long firstNanos;
    private int firstWire;
    private int firstPayload;
    private boolean firstSuper;
    private int stallTransmissions;
    private int stallLostMin;
    private int stallKnown;
    private int stallSuper;
    private FrameRef stallDupAck;
    private Transmission lastTransmission;
    /** Made for the first stall or hole kept: most flights have none. */
    private List<Stall> stalls;
    private long highestEnd;
    private long holeStart;
    private long holeBytes;
    private int holeWire;
    private FrameRef holeOpened;
    private FrameRef holeFirstSack;
    private FrameRef holeLastSack;
    private int holeSacks;
    private List<Hole> holes;
    private boolean finSent;
    /** This flight's direction of its address pair and the opposite one (null past the cap), once looked up. */
    private PathTraffic forwardPath;
    private PathTraffic reversePath;
    private boolean pathsKnown;
    /** This flight's place in its forward path's list of attached flights, or -1 (see {@link PathTraffic}). */
    int pathSlot;

    SegmentFlight(String capture, InetAddress sender, int senderPort, InetAddress receiver, int receiverPort) {
        reuse(capture, sender, senderPort, receiver, receiverPort);
    }

    /**
     * Makes this flight, no longer followed and with no stall or hole kept anywhere, a new one's: the one place that
     * says what a new flight holds (the constructor calls it too; a reused one keeps its emptied lists and segment
     * ring). A busy capture's connections then reuse the objects of those just finished, still in the cache, instead
     * of making two flights and their segment rings per connection.
     */
    SegmentFlight reuse(String capture, InetAddress sender, int senderPort, InetAddress receiver, int receiverPort) {
        this.capture = capture;
        this.sender = sender;
        this.senderPort = senderPort;
        this.receiver = receiver;
        this.receiverPort = receiverPort;
        receiverMss = -1;
        if (outstanding != null) {
            outstanding.clear();
        }
        ackPoint = -1;
        clearStall();
        firstFrame = 0;
        firstNanos = 0;
        firstWire = 0;
        firstPayload = 0;
        firstSuper = false;
        stalls = List.of();
        highestEnd = -1;
        holeStart = -1;
        holeBytes = 0;
        holeWire = 0;
        holeOpened = null;
        holeFirstSack = null;
        holeLastSack = null;
        holeSacks = 0;
        holes = List.of();
        finSent = false;
        forwardPath = null;
        reversePath = null;
        pathsKnown = false;
        pathSlot = -1;
        forget();
        return this;
    }

    String flow() {
        return endpoint(sender, senderPort) + " > " + endpoint(receiver, receiverPort);
    }

    private static String endpoint(InetAddress a, int port) {
        String s = a.getHostAddress();
        return (s.indexOf(':') >= 0 ? "[" + s + "]" : s) + ":" + port;
    }

    boolean pathsKnown() {
        return pathsKnown;
    }

    void paths(PathTraffic forward, PathTraffic reverse) {
        forwardPath = forward;
        reversePath = reverse;
        pathsKnown = true;
        if (forward != null) {
            forward.attach(this);
        }
    }

    /**
     * The earliest time a stall or hole of this flight, open or finished, starts at (its first lost transmission,
     * or the data that opened the gap), or {@link Long#MAX_VALUE}: the path's entries from then on may be asked
     * about.
     */
    long earliestOnset() {
        long earliest = stallTransmissions == 0 ? Long.MAX_VALUE : firstNanos;
        for (int i = 0; i < stalls.size(); i++) {
            earliest = Math.min(earliest, stalls.get(i).firstLost().epochNanos());
        }
        if (holeStart >= 0) {
            earliest = Math.min(earliest, holeOpened.epochNanos());
        }
        for (int i = 0; i < holes.size(); i++) {
            earliest = Math.min(earliest, holes.get(i).opened().epochNanos());
        }
        return earliest;
    }

    PathTraffic forwardPath() {
        return forwardPath;
    }

    PathTraffic reversePath() {
        return reversePath;
    }

    /** The MSS the receiver advertised (its SYN or SYN-ACK), or -1 when the capture missed the handshake. */
    int receiverMss() {
        return receiverMss;
    }

    void receiverAdvertised(int mss) {
        if (mss > 0) {
            receiverMss = mss;
        }
    }

    /**
     * The sender transmitted {@code p}; returns its wire size, or -1 for a super-frame. Data that starts beyond
     * everything captured so far opens a hole.
     */
    int sent(Packet p) {
        TcpHeader tcp = p.tcp();
        finSent |= tcp.isFin();
        long length = tcp.sequenceLength();
        if (length == 0) {
            return 0;
        }
        boolean superFrame = receiverMss > 0 && tcp.payloadLength() > receiverMss;
        int wire = superFrame ? -1 : p.ip().totalLength();
        long seq = tcp.seq();
        long end = tcp.endSeq();
        if (outstanding == null) {
            outstanding = new OutstandingSegments(OUTSTANDING_KEPT);
        }
        outstanding.sent(seq, end, wire);
        if (tcp.payloadLength() > 0 && ackPoint >= 0 && !before(ackPoint, seq) && before(ackPoint, end)) {
            stallTransmissions++;
            if (stallTransmissions == 1) {
                firstFrame = p.frame();
                firstNanos = p.epochNanos();
                firstWire = wire;
                firstPayload = tcp.payloadLength();
                firstSuper = superFrame;
            } else {
                if (stallTransmissions == 2) {
                    if (stallFrames == null) {
                        stallFrames = new ArrayList<>();
                    }
                    stallFrames.add(new Transmission(new FrameRef(firstFrame, firstNanos), firstWire, firstPayload,
                            firstSuper));
                }
                Transmission t = new Transmission(FrameRef.of(p), wire, tcp.payloadLength(), superFrame);
                if (stallFrames.size() < FRAMES_KEPT) {
                    stallFrames.add(t);
                }
                lastTransmission = t;
            }
            if (wire > 0) {
                stallKnown++;
                stallLostMin = Math.min(stallLostMin, wire);
            } else {
                stallSuper++;
            }
        }
        followGaps(p, seq, end, wire);
        return wire;
    }

    private void followGaps(Packet p, long seq, long end, int wire) {
        if (p.tcp().isSyn()) {
            highestEnd = end; // data starts right after the SYN: a gap before the first data is one too
            return;
        }
        if (p.tcp().payloadLength() == 0) {
            return;
        }
        if (highestEnd < 0) {
            highestEnd = end;
            return;
        }
        if (holeStart >= 0 && !before(holeStart, seq) && before(holeStart, end)) {
            holeStart = -1; // the gap's data did appear: whatever stalled there is a stall, not a hole
        }
        if (holeStart < 0 && before(highestEnd, seq) && holes.size() < EPISODES_KEPT) {
            holeStart = highestEnd;
            holeBytes = (seq - highestEnd) & 0xffffffffL;
            int headers = p.ip().totalLength() - p.tcp().payloadLength();
            // the MSS counts TCP options (timestamps) against the payload: a full segment carries MSS - options
            int options = headers - p.ip().headerLength() - 20;
            long firstPacket = receiverMss > 0 ? Math.min(holeBytes, receiverMss - options) : holeBytes;
            holeWire = (int) Math.min(Integer.MAX_VALUE, firstPacket + headers);
            holeOpened = FrameRef.of(p);
            holeFirstSack = null;
            holeSacks = 0;
        }
        if (before(highestEnd, end)) {
            highestEnd = end;
        }
    }

    /**
     * The receiver acknowledged; the segments this ACK or its SACK blocks delivered are recorded in
     * {@code path} (the sender-to-receiver direction), when known.
     */
    void acknowledged(Packet p, PathTraffic path) {
        TcpHeader tcp = p.tcp();
        long ack = tcp.ack();
        long now = p.epochNanos();
        if (ackPoint < 0 || before(ackPoint, ack)) {
            // the frame reference is made only where it is kept: most ACKs end no stall
            finishStall(stallTransmissions >= 2 ? FrameRef.of(p) : null);
            ackPoint = ack;
            if (outstanding != null) {
                outstanding.acknowledge(ack, path, now);
            }
        } else if (ack == ackPoint && !tcp.options().sackBlocks().isEmpty() && stallDupAck == null) {
            stallDupAck = FrameRef.of(p);
        }
        // SACK blocks come only during loss, so a scan of the (bounded) outstanding segments is cheap
        List<SackBlock> sacks = tcp.options().sackBlocks();
        if (outstanding != null) {
            for (int b = 0; b < sacks.size(); b++) { // indexed: an iterator per ACK is garbage on every packet
                SackBlock block = sacks.get(b);
                outstanding.sacked(block.left(), block.right(), path, now);
            }
        }
        followHole(ack, p);
    }

    /** Nothing sent and unacknowledged, no stall building up and no gap open: forgetting it loses nothing. */
    boolean settled() {
        return (outstanding == null || outstanding.isEmpty()) && stallTransmissions == 0 && holeStart < 0;
    }

    /** This side closed (FIN) and everything it sent, the FIN included, was acknowledged. */
    boolean finished() {
        return finSent && settled();
    }

    private void followHole(long ack, Packet p) {
        if (holeStart < 0) {
            return;
        }
        if (before(holeStart, ack)) {
            holeStart = -1; // acknowledged without the capture seeing it: the capture missed it, not the network
            return;
        }
        if (ack == holeStart && !p.tcp().options().sackBlocks().isEmpty()) {
            FrameRef ref = FrameRef.of(p);
            if (holeFirstSack == null) {
                holeFirstSack = ref;
            }
            holeLastSack = ref;
            holeSacks++;
        }
    }

    /** {@code coveredBy} is the ACK that passed the stall, or null when none did (or no stall was building). */
    private void finishStall(FrameRef coveredBy) {
        if (stallTransmissions >= 2) {
            boolean delivered = coveredBy != null;
            int lostMin = stallLostMin;
            int known = stallKnown;
            int superFrames = stallSuper;
            if (delivered && lastTransmission != null) {
                // the last transmission is the one that got through: it is not a loss
                if (lastTransmission.wire() > 0) {
                    known--;
                } else {
                    superFrames--;
                }
                lostMin = stallFrames.stream().filter(t -> t != lastTransmission && t.wire() > 0)
                        .mapToInt(Transmission::wire).min().orElse(lostMin);
            }
            FrameRef first = stallFrames.get(0).frame();
            FrameRef last = delivered && stallFrames.size() > 1 ? stallFrames.get(stallFrames.size() - 2).frame()
                    : lastTransmission.frame();
            keep(new Stall(this, ackPoint, stallTransmissions, List.copyOf(stallFrames),
                    known > 0 ? lostMin : -1, known, superFrames, first, last, stallDupAck, coveredBy,
                    delivered ? lastTransmission.wire() : -1));
        }
        clearStall();
    }

    /** No stall building up (its first transmission's fields are read only once one is). */
    private void clearStall() {
        if (stallFrames != null) {
            stallFrames.clear();
        }
        stallTransmissions = 0;
        stallLostMin = Integer.MAX_VALUE;
        stallKnown = 0;
        stallSuper = 0;
        stallDupAck = null;
        lastTransmission = null;
    }

    /** Keeps the stalls with the most transmissions: ordinary retransmissions must not crowd out a black hole. */
    private void keep(Stall stall) {
        if (stalls.size() < EPISODES_KEPT) {
            if (stalls.isEmpty()) {
                stalls = new ArrayList<>(EPISODES_KEPT);
            }
            stalls.add(stall);
            return;
        }
        Stall least = stalls.stream().min(java.util.Comparator.comparingInt(Stall::transmissions)).orElseThrow();
        if (least.transmissions() < stall.transmissions()) {
            stalls.set(stalls.indexOf(least), stall);
        }
    }

    /** Ends what is still open when the captures end. */
    void close() {
        finishStall(null);
        if (holeStart >= 0 && holeFirstSack != null && holes.size() < EPISODES_KEPT) {
            if (holes.isEmpty()) {
                holes = new ArrayList<>(EPISODES_KEPT);
            }
            holes.add(new Hole(this, holeStart, holeBytes, holeWire, holeOpened, holeFirstSack, holeLastSack,
                    holeSacks));
        }
        holeStart = -1;
    }

    List<Stall> stalls() {
        return stalls;
    }

    List<Hole> holes() {
        return holes;
    }

    /** a comes before b in TCP's 32-bit sequence space. */
    static boolean before(long a, long b) {
        return (int) (a - b) < 0;
    }
}
