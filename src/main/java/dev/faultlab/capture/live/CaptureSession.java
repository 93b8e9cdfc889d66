package dev.faultlab.capture.live;

import dev.faultlab.LabException;
import dev.faultlab.capture.CaptureFileWriter;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.CaptureStats;
import dev.faultlab.linux.NetworkNamespace;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The body of one capture thread: joins the namespace, opens the pcap handle, sets the filter, then copies
 * frames into the pcapng file until {@link #requestStop()}. Everything that touches the handle runs on that
 * one thread (except {@code pcap_breakloop}, which libpcap makes safe to call from another thread).
 */
final class CaptureSession implements Runnable {
    /** The poll timeout: only a backstop, since pcap_breakloop wakes the poll and immediate mode delivers at once. */
    private static final int POLL_TIMEOUT_MILLIS = 200;
    private static final int KERNEL_BUFFER_BYTES = 4 << 20;
    /** Bounds the final non-blocking read of what the kernel buffer still holds when stop is requested. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(2);

    private final String host;
    private final Path netnsFile;
    private final CaptureRequest request;
    private final CompletableFuture<Integer> ready = new CompletableFuture<>();
    private final CompletableFuture<CaptureStats> finished = new CompletableFuture<>();
    private volatile PcapHandle handle;
    private volatile boolean stopRequested;

    CaptureSession(String host, Path netnsFile, CaptureRequest request) {
        this.host = host;
        this.netnsFile = netnsFile;
        this.request = request;
    }

    /** Completes with the file's link type once the handle is open and the filter set, or with the error. */
    CompletableFuture<Integer> ready() {
        return ready;
    }

    /** Completes with the counters after the last frame was written and the file closed. */
    CompletableFuture<CaptureStats> finished() {
        return finished;
    }

    /** Ends the capture loop; the thread then drains what the kernel still buffers and closes the file. */
    void requestStop() {
        stopRequested = true;
        PcapHandle open = handle;
        if (open != null) {
            try {
                open.breakLoop();
            } catch (NotOpenException e) {
                // already closed by the capture thread: nothing left to stop
            }
        }
    }

    @Override
    public void run() {
        CaptureFileWriter writer;
        try {
            NetworkNamespace.join("capture on " + host, netnsFile);
            handle = openHandle();
            writer = openWriter(handle.getDlt().value());
        } catch (RuntimeException e) {
            failToOpen(e);
            return;
        } catch (LinkageError e) {
            failToOpen(CaptureErrors.nativeLibraryMissing(host, e));
            return;
        }
        ready.complete(handle.getDlt().value());
        try {
            CaptureStats stats;
            try (writer) {
                RawPacketListener toFile = frame -> writer.write(timestampOfLastFrame(), frame,
                        originalLengthOfLastFrame(frame));
                captureUntilStopped(toFile);
                drain(toFile);
                stats = stats(writer.frames());
            }
            finished.complete(stats);
        } catch (RuntimeException e) {
            finished.completeExceptionally(e);
        } finally {
            closeHandle();
        }
    }

    private void failToOpen(RuntimeException cause) {
        closeHandle();
        ready.completeExceptionally(cause);
        finished.completeExceptionally(cause);
    }

    private PcapHandle openHandle() {
        String device = request.device();
        if (!"any".equals(device)) {
            List<String> present = NetworkNamespace.interfaceNames();
            if (!present.contains(device)) {
                throw new LabException("capture on " + host + ": no device '" + device + "' in its network namespace: "
                        + "use one of " + String.join(", ", present) + ", any");
            }
        }
        PcapHandle opened;
        try {
            opened = new PcapHandle.Builder(device)
                    .snaplen(request.snaplen())
                    .promiscuousMode(PromiscuousMode.PROMISCUOUS)
                    .timeoutMillis(POLL_TIMEOUT_MILLIS)
                    .bufferSize(KERNEL_BUFFER_BYTES)
                    .immediateMode(true)
                    .build();
        } catch (PcapNativeException e) {
            throw CaptureErrors.openFailed(host, device, e);
        }
        if (!request.filter().isBlank()) {
            try {
                opened.setFilter(request.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
            } catch (PcapNativeException | NotOpenException e) {
                opened.close();
                throw CaptureErrors.badFilter(host, request.filter(), e);
            }
        }
        return opened;
    }

    private CaptureFileWriter openWriter(int linkType) {
        try {
            // the raw DLT number goes into the file, so link types pcap4j has no name for (LINUX_SLL2 = 276) still work
            return CaptureFileWriter.pcapng(request.output(), linkType, request.snaplen(), request.device());
        } catch (UncheckedIOException e) {
            throw new LabException("capture on " + host + ": " + e.getMessage() + ": choose a writable output path");
        }
    }

    private void captureUntilStopped(RawPacketListener toFile) {
        try {
            if (!stopRequested) {
                handle.loop(-1, toFile);
            }
        } catch (InterruptedException e) {
            // pcap_breakloop: the normal way a capture ends
        } catch (PcapNativeException | NotOpenException e) {
            throw new LabException("capture on " + host + " (" + request.device() + ") failed: " + e.getMessage()
                    + ": check that the device and namespace still exist");
        }
    }

    /** Reads, without blocking, whatever the kernel captured before the stop, so no captured frame is lost. */
    private void drain(RawPacketListener toFile) {
        Instant deadline = Instant.now().plus(DRAIN_LIMIT);
        try {
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            while (handle.dispatch(-1, toFile) > 0 && Instant.now().isBefore(deadline)) {
                // keep reading until a read returns nothing
            }
        } catch (InterruptedException | PcapNativeException | NotOpenException e) {
            // the drain is best effort: what was written stays in the file
        }
    }

    /** The counters; libpcap's are -1 in the rare case pcap_stats itself fails (the file is still complete). */
    private CaptureStats stats(long written) {
        try {
            PcapStat stat = handle.getStats();
            return new CaptureStats(written, stat.getNumPacketsReceived(), stat.getNumPacketsDropped(),
                    stat.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException e) {
            return new CaptureStats(written, -1, -1, -1);
        }
    }

    private Instant timestampOfLastFrame() {
        return handle.getTimestamp().toInstant();
    }

    private int originalLengthOfLastFrame(byte[] frame) {
        Integer length = handle.getOriginalLength();
        return length == null ? frame.length : length;
    }

    private void closeHandle() {
        PcapHandle open = handle;
        if (open != null) {
            open.close();
        }
    }
}
