package dev.faultlab.capture.live;

import dev.faultlab.LabException;
import dev.faultlab.capture.CaptureRequest;
import dev.faultlab.capture.CaptureStats;
import dev.faultlab.capture.LiveCapture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A live pcap4j capture inside any network namespace, written as pcapng. Every backend's
 * {@code Cluster.capture} calls {@link #start}: the netns backend with {@code /run/netns/<name>}, the docker and
 * k3s backends with {@code /proc/<pid>/ns/net} of a container's process.
 *
 * <p>Each capture owns one dedicated thread that joins the namespace with {@code setns} and never leaves it (a
 * namespace is per thread, so a shared or pooled thread would carry the lab's namespace into unrelated work).
 */
public final class NamespaceCapture implements LiveCapture {
    /** How long opening the handle may take before start gives up (it normally takes milliseconds). */
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(15);
    /** Grace for frames already in flight (e.g. a reply on its way) before the loop is broken. */
    private static final Duration IN_FLIGHT_GRACE = Duration.ofMillis(50);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final CaptureRequest request;
    private final int linkType;
    private final CaptureSession session;
    private final Thread thread;
    private final Object stopLock = new Object();
    private CaptureStats stats;

    private NamespaceCapture(String host, CaptureRequest request, int linkType, CaptureSession session, Thread thread) {
        this.host = host;
        this.request = request;
        this.linkType = linkType;
        this.session = session;
        this.thread = thread;
    }

    /**
     * Starts capturing and returns once the handle is open and the filter is set, so no packet sent after this
     * returns is missed.
     *
     * @param host      the lab host's name (for messages and the thread name)
     * @param netnsFile {@code /run/netns/<name>} or {@code /proc/<pid>/ns/net}
     * @param request   device, BPF filter, output file and snaplen
     * @throws LabException with a one-line cause and fix: no such device, bad filter, namespace gone, not root
     */
    public static NamespaceCapture start(String host, Path netnsFile, CaptureRequest request) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(netnsFile, "netnsFile");
        validate(request);
        CaptureSession session = new CaptureSession(host, netnsFile, request);
        Thread thread = new Thread(session, "capture-" + host + "-" + request.device());
        thread.setDaemon(true);
        thread.start();
        try {
            int linkType = session.ready().get(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new NamespaceCapture(host, request, linkType, session, thread);
        } catch (ExecutionException e) {
            throw unwrapped(e.getCause());
        } catch (TimeoutException e) {
            session.requestStop();
            throw new LabException("capture on " + host + ": opening '" + request.device() + "' took longer than "
                    + OPEN_TIMEOUT.toSeconds() + " s: check that the host's namespace " + netnsFile + " is alive");
        } catch (InterruptedException e) {
            session.requestStop();
            Thread.currentThread().interrupt();
            throw new LabException("capture on " + host + ": interrupted while starting");
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public CaptureRequest request() {
        return request;
    }

    /** The link-layer type written to the file: 1 Ethernet, 113 LINUX_SLL (device {@code any}), 276 LINUX_SLL2. */
    public int linkType() {
        return linkType;
    }

    /** Stops the capture, writes what the kernel still buffered, closes the file. Idempotent. */
    @Override
    public CaptureStats stop() {
        synchronized (stopLock) {
            if (stats == null) {
                stats = stopOnce();
            }
            return stats;
        }
    }

    private CaptureStats stopOnce() {
        try {
            Thread.sleep(IN_FLIGHT_GRACE.toMillis());
            session.requestStop();
            CaptureStats result = session.finished().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            thread.join(STOP_TIMEOUT.toMillis());
            return result;
        } catch (ExecutionException e) {
            throw unwrapped(e.getCause());
        } catch (TimeoutException e) {
            throw new LabException("capture on " + host + " (" + request.device() + ") did not stop within "
                    + STOP_TIMEOUT.toSeconds() + " s: its thread " + thread.getName() + " is stuck in libpcap");
        } catch (InterruptedException e) {
            session.requestStop();
            Thread.currentThread().interrupt();
            throw new LabException("capture on " + host + ": interrupted while stopping");
        }
    }

    private static void validate(CaptureRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.device() == null || request.device().isBlank()) {
            throw new IllegalArgumentException("capture request has no device: name one, e.g. eth0, cni0 or any");
        }
        if (request.output() == null) {
            throw new IllegalArgumentException("capture request has no output file: give a .pcapng path");
        }
        if (request.snaplen() <= 0) {
            throw new IllegalArgumentException("capture snaplen " + request.snaplen()
                    + " is not positive: use e.g. 65535 (whole frames) or 128 (headers)");
        }
        if (request.filter() == null) {
            throw new IllegalArgumentException("capture filter is null: use \"\" to capture everything");
        }
    }

    /** The capture thread's failure as thrown to the caller: its own LabException, or one wrapping the cause. */
    private static RuntimeException unwrapped(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime
                : new LabException("capture failed: " + failure, failure);
    }
}
