package dev.faultlab.capture.read;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads and decodes a capture on its own thread, a batch of packets ahead of the consumer, so that decoding and
 * the analysis of the packets before overlap on two cores. Packets come out in file order; at most
 * {@value #BATCHES} batches of {@value #BATCH} packets wait between two threads (memory stays bounded). A failure
 * of the reader (a damaged file) is thrown by {@link #next()} as it was thrown. The reader must not be used by
 * anyone else until this is closed; closing stops the threads and waits for them.
 */
public final class PacketPrefetcher implements AutoCloseable {
    /**
     * Small: the packets waiting in the queues when a young collection comes are live and get copied (with 1024
     * per batch, ~1 MB of each ~6 MB of survivors on the bench capture); a hand-over per 256 packets costs nothing
     * that shows.
     */
    private static final int BATCH = 256;
    /**
     * Deep enough that three threads on two cores rarely stop for each other: with 4 (and a waiting side woken
     * after 3), the threads moved in near lockstep, one asleep while another filled or emptied the queue. With 16
     * (woken after 4) the 3 M-packet bench capture's run switched ~4,600 times voluntarily instead of ~7,600, and
     * took 0.86 s instead of 0.93 s on the 1 M capture (medians of 8 alternating rounds, same CPU); 32 gained
     * nothing more. Up to 2 x 16 x 256 packets wait, a few MB. (Since then a waiting side is woken after one
     * batch: {@link BatchQueue#SLACK}.)
     */
    private static final int BATCHES = 16;
    /** The end of the capture (an empty batch). */
    private static final Packet[] END = new Packet[0];

    /**
     * Batches of packets ({@code Packet[]}), then {@link #END} or the failure that ended the reading: from the
     * reading thread to the one handing them to {@code alongside} (when there is one), and from the last of them
     * to the consumer.
     */
    private final BatchQueue decoded = new BatchQueue(BATCHES);
    private final BatchQueue queue;
    private final Thread thread;
    private final Thread alongsideThread;
    private volatile boolean closed;
    private Packet[] batch;
    private int at;

    public PacketPrefetcher(CaptureReader reader) {
        queue = decoded;
        thread = start(() -> read(reader), "faultlab-read-" + reader.file().getFileName());
        alongsideThread = null;
    }

    /**
     * Also hands every packet, in file order, to {@code alongside} on a third thread, between the reading thread
     * and the consumer: work that needs nothing from the consumer's thread (a failure it throws ends the reading
     * and is thrown by {@link #next()}). Decoding, that work and the consumer's then share the cores as the
     * scheduler sees fit, whichever is heaviest. Everything it did is visible to the consumer's thread once this
     * is closed.
     */
    public PacketPrefetcher(CaptureReader reader, Consumer<Packet> alongside) {
        queue = new BatchQueue(BATCHES);
        thread = start(() -> read(reader), "faultlab-read-" + reader.file().getFileName());
        alongsideThread = start(() -> pass(alongside), "faultlab-packets-" + reader.file().getFileName());
    }

    private static Thread start(Runnable work, String name) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void read(CaptureReader reader) {
        try {
            while (!closed) {
                Packet[] packets = new Packet[BATCH];
                int n = 0;
                Packet p = null;
                while (n < BATCH && (p = reader.next()) != null) {
                    packets[n++] = p;
                }
                if (n > 0) {
                    hand(decoded, n == BATCH ? packets : Arrays.copyOf(packets, n));
                }
                if (p == null) {
                    hand(decoded, END);
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            hand(decoded, e);
        }
    }

    /** Hands each decoded packet to {@code alongside}, then its batch on to the consumer; the end and failures too. */
    private void pass(Consumer<Packet> alongside) {
        try {
            while (!closed) {
                Object item = decoded.poll(100, TimeUnit.MILLISECONDS);
                if (item instanceof Packet[] packets) {
                    for (Packet p : packets) {
                        alongside.accept(p);
                    }
                }
                if (item != null) {
                    hand(queue, item);
                }
                if (item == END || item instanceof Throwable) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            hand(queue, e);
        }
    }

    /** Queues one item, waiting while the next thread is behind, unless closed. */
    private void hand(BatchQueue to, Object item) {
        // the end and a failure wake the next thread at once: nothing follows them
        boolean last = item == END || !(item instanceof Packet[]);
        try {
            while (!closed && !to.offer(item, last, 100, TimeUnit.MILLISECONDS)) {
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
        decoded.clear();
        try {
            thread.join();
            if (alongsideThread != null) {
                alongsideThread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
