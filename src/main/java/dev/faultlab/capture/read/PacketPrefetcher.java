package dev.faultlab.capture.read;

import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads and decodes a capture on its own thread, a batch of packets ahead of the consumer, so that decoding and
 * the analysis of the packets before overlap on two cores. Packets come out in file order; at most
 * {@value #BATCHES} batches of {@value #BATCH} packets wait (memory stays bounded). A failure of the reader (a
 * damaged file) is thrown by {@link #next()} as it was thrown. The reader must not be used by anyone else until
 * this is closed; closing stops the thread and waits for it.
 */
public final class PacketPrefetcher implements AutoCloseable {
    private static final int BATCH = 1024;
    private static final int BATCHES = 4;
    /** The end of the capture (an empty batch). */
    private static final Packet[] END = new Packet[0];

    /** Batches of packets ({@code Packet[]}), then {@link #END} or the failure that ended the reading. */
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES);
    private final Thread thread;
    private final Consumer<Packet> alongside;
    private volatile boolean closed;
    private Packet[] batch;
    private int at;

    public PacketPrefetcher(CaptureReader reader) {
        this(reader, packet -> { });
    }

    /**
     * Also hands every packet, in file order, to {@code alongside} on the reading thread before the consumer sees
     * it: work that needs nothing from the consumer's thread (a failure it throws ends the reading and is thrown
     * by {@link #next()}). Everything it did is visible to the consumer's thread once this is closed.
     */
    public PacketPrefetcher(CaptureReader reader, Consumer<Packet> alongside) {
        this.alongside = alongside;
        thread = new Thread(() -> read(reader), "faultlab-read-" + reader.file().getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    private void read(CaptureReader reader) {
        try {
            while (!closed) {
                Packet[] packets = new Packet[BATCH];
                int n = 0;
                Packet p = null;
                while (n < BATCH && (p = reader.next()) != null) {
                    alongside.accept(p);
                    packets[n++] = p;
                }
                if (n > 0) {
                    hand(n == BATCH ? packets : Arrays.copyOf(packets, n));
                }
                if (p == null) {
                    hand(END);
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            hand(e);
        }
    }

    /** Queues one item, waiting while the consumer is behind, unless closed. */
    private void hand(Object item) {
        try {
            while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                // the consumer is busy: wait
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next packet in file order, or null at the end of the capture. */
    public Packet next() {
        while (batch == null || at == batch.length) {
            if (batch == END) {
                return null;
            }
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading a capture", e);
            }
            if (item instanceof RuntimeException failure) {
                batch = END;
                throw failure;
            }
            if (item instanceof Error failure) {
                batch = END;
                throw failure;
            }
            batch = (Packet[]) item;
            at = 0;
        }
        return batch[at++];
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
