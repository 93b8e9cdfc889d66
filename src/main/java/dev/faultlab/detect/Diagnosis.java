package dev.faultlab.detect;

import dev.faultlab.Registry;
import dev.faultlab.capture.read.CaptureReader;
import dev.faultlab.capture.read.Packet;
import dev.faultlab.capture.read.PacketDecoder;
import dev.faultlab.capture.read.PacketPrefetcher;
import dev.faultlab.detect.state.HostStateReader;
import dev.faultlab.detect.state.HostStates;
import dev.faultlab.detect.state.StateSnapshot;
import dev.faultlab.detect.tcp.ConversationSummary;
import dev.faultlab.detect.tcp.ConversationTracker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs every detector over captures and host state in one streaming pass per capture, as a pipeline of three
 * threads ({@link PacketPrefetcher}): one decodes the capture a few batches ahead, one feeds the detectors that
 * look at packets only, and this one tracks conversations and feeds the detectors that follow them. Memory stays
 * bounded whatever the captures' size (see {@link ConversationTracker}).
 */
public final class Diagnosis {
    private static final Comparator<Finding> ROOT_CAUSES_FIRST = Comparator
            .comparing((Finding f) -> !f.isRootCause())
            .thenComparing(Comparator.comparingDouble(Finding::confidence).reversed())
            .thenComparing(Finding::cause);

    private final List<Detector> detectors;
    /**
     * The detectors that look at packets only (not at conversations): they run on a thread of their own, between
     * decoding and this one, so the cores share the per-packet work. Their state is theirs alone, and it is
     * complete and visible here once the capture's prefetcher is closed (before any conclude).
     */
    private final PacketListeners alongsideReading;
    /** The detectors that look at packets and conversations: here, in packet order with the tracker. */
    private final PacketListeners withConversations;
    /**
     * The detectors that override {@link Detector#onConversation}, in load order: an array, because it is walked
     * once per conversation and C1's code would allocate an iterator for a list each time.
     */
    private final Detector[] followingConversations;

    /** Packets between two progress reports: a power of two, so that the count is masked, not divided. */
    static final int PROGRESS_EVERY = 1 << 16;
    /** Told how far the reading got (see {@link #withProgress}), or null. */
    private final Consumer<DiagnosisProgress> progress;

    private Diagnosis(List<Detector> detectors, Consumer<DiagnosisProgress> progress) {
        this.progress = progress;
        this.detectors = List.copyOf(detectors);
        List<Detector> listening = this.detectors.stream().filter(d -> overrides(d, "onPacket", String.class,
                Packet.class)).toList();
        this.alongsideReading = new PacketListeners(listening.stream().filter(d -> !followsConversations(d))
                .toList());
        this.withConversations = new PacketListeners(listening.stream().filter(Diagnosis::followsConversations)
                .toList());
        this.followingConversations = this.detectors.stream().filter(Diagnosis::followsConversations)
                .toArray(Detector[]::new);
    }

    private static boolean followsConversations(Detector detector) {
        return overrides(detector, "onConversation", ConversationSummary.class);
    }

    /** False for a detector that keeps the default (empty) method: it is not called for that at all. */
    private static boolean overrides(Detector detector, String method, Class<?>... parameters) {
        try {
            return detector.getClass().getMethod(method, parameters).getDeclaringClass() != Detector.class;
        } catch (NoSuchMethodException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Analyzes captures (pcap/pcapng) and host-state directories (either list may be empty). Throws
     * {@link IllegalArgumentException} with a one-line reason when a capture or state directory is unusable.
     */
    public static DiagnosisReport analyze(List<Path> captures, List<Path> stateDirs) {
        return withDetectors(loadDetectors()).run(captures, stateDirs);
    }

    /** A diagnosis with the given detectors only (tests, or callers narrowing the search). */
    public static Diagnosis withDetectors(List<Detector> detectors) {
        return new Diagnosis(detectors, null);
    }

    /**
     * This diagnosis, telling {@code listener} how far it has read (a progress line for a long capture): when each
     * capture starts, every {@value #PROGRESS_EVERY} packets, and when the capture is done. The listener runs on the
     * diagnosing thread, between packets: it should be quick.
     */
    public Diagnosis withProgress(Consumer<DiagnosisProgress> listener) {
        return new Diagnosis(detectors, Objects.requireNonNull(listener, "listener"));
    }

    /** The detector of {@code cause}; one line listing the causes the installed detectors report if none. */
    public static Detector detectorOf(String cause) {
        return Registry.of(Detector.class, "cause", Detector::cause).get(cause);
    }

    /** Fresh instances of every detector listed in META-INF/services. */
    public static List<Detector> loadDetectors() {
        return new ArrayList<>(Registry.of(Detector.class, "detector", d -> d.getClass().getSimpleName()).all());
    }

    public DiagnosisReport run(List<Path> captures, List<Path> stateDirs) {
        HostStateReader stateReader = new HostStateReader();
        List<StateSnapshot> snapshots = stateDirs.stream().map(stateReader::read).toList();
        List<String> names = CaptureNames.of(captures);
        Handshakes handshakes = new Handshakes();
        PacketDecoder decoder = new PacketDecoder();
        long packets = 0;
        long bad = 0;
        long truncated = 0;
        long conversations = 0;
        List<String> notes = new ArrayList<>(stateReader.problems());
        for (int i = 0; i < captures.size(); i++) {
            String name = names.get(i);
            ConversationTracker tracker = new ConversationTracker(name, summary -> conversationEnded(summary,
                    handshakes));
            try (CaptureReader reader = CaptureReader.open(captures.get(i), decoder);
                 PacketPrefetcher ahead = alongsideReading.isEmpty() ? new PacketPrefetcher(reader)
                         : new PacketPrefetcher(reader, p -> alongsideReading.deliver(name, p))) {
                long size = progress == null ? 0 : sizeOf(captures.get(i));
                long seen = 0;
                report(name, i, captures.size(), 0, size, 0, false);
                for (Packet p = ahead.next(); p != null; p = ahead.next()) {
                    withConversations.deliver(name, p);
                    tracker.observe(p.innermost());
                    if ((++seen & PROGRESS_EVERY - 1) == 0) {
                        report(name, i, captures.size(), reader.fileBytesRead(), size, seen, false);
                    }
                }
                tracker.finishAll();
                report(name, i, captures.size(), reader.fileBytesRead(), size, seen, true);
                packets += reader.packets();
                bad += reader.badFrames();
                truncated += reader.truncatedFrames();
                conversations += tracker.conversations();
                if (!reader.unsupportedLinkTypes().isEmpty()) {
                    notes.add(name + ": frames of link type " + reader.unsupportedLinkTypes() + " cannot be decoded"
                            + " (supported: Ethernet, 802.1Q, Linux SLL/SLL2, raw IP, loopback); capture on an"
                            + " Ethernet or 'any' interface instead");
                }
            }
        }
        AnalysisContext context = new AnalysisContext(HostStates.of(snapshots), handshakes);
        List<Finding> findings = new ArrayList<>();
        detectors.forEach(d -> findings.addAll(d.conclude(context)));
        findings.sort(ROOT_CAUSES_FIRST);
        return new DiagnosisReport(findings, packets, bad, truncated, conversations,
                captures.stream().map(Path::toString).toList(), stateDirs.stream().map(Path::toString).toList(),
                notes);
    }

    private void report(String capture, int index, int count, long read, long size, long packets, boolean done) {
        if (progress != null) {
            progress.accept(new DiagnosisProgress(capture, index, count, read, size, packets, done));
        }
    }

    /** The file's size, or 0 when it cannot be told (the progress then reads as complete). */
    private static long sizeOf(Path capture) {
        try {
            return Files.size(capture);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Detectors called per packet, each for the kinds it wants (bits of {@link PacketKind#maskOf}). */
    private static final class PacketListeners {
        private final Detector[] listeners;
        private final int[] interests;

        PacketListeners(List<Detector> listening) {
            listeners = listening.toArray(Detector[]::new);
            interests = listening.stream().mapToInt(d -> PacketKind.maskOf(d.interests())).toArray();
        }

        boolean isEmpty() {
            return listeners.length == 0;
        }

        void deliver(String capture, Packet packet) {
            if (listeners.length == 0) {
                return;
            }
            int kinds = PacketKind.maskOf(packet);
            for (int i = 0; i < listeners.length; i++) {
                if ((interests[i] & kinds) != 0) {
                    listeners[i].onPacket(capture, packet);
                }
            }
        }
    }

    private void conversationEnded(ConversationSummary summary, Handshakes handshakes) {
        handshakes.add(summary);
        for (Detector d : followingConversations) {
            d.onConversation(summary);
        }
    }
}
