package dev.faultlab.capture.read;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between two of {@link PacketPrefetcher}'s threads (one putting, one taking), like an
 * {@code ArrayBlockingQueue} but for when it wakes a waiting side: the side that waits (the putter on a full queue,
 * the taker on an empty one) is woken once the other has made room for, or queued, {@value #SLACK} items, or
 * queued an urgent one (the end, a failure), and no signal is sent when nobody waits. Waking later saves context
 * switches but leaves a core idle while both neighbours of the slowest thread sleep (see {@link #SLACK}, where the
 * trade was measured). Timed waits return as an ArrayBlockingQueue's do.
 */
final class BatchQueue {
    /**
     * Items made room for, or queued, before a waiting side is woken. One: with the queues {@link PacketPrefetcher}
     * now keeps (16 batches deep), waking late cost more than the switches it saved. The slowest of the three
     * threads (the detectors that look at packets) takes and puts a batch at a time; with 4, the reader (waiting on
     * a full queue) and the consumer (waiting on an empty one) both slept until it had handled four, and one core
     * idled meanwhile. Sampled every 100 ms on the 3 M-packet bench capture, the process used ~1.6 of the 2 cores
     * while reading with 4 and ~1.75-1.8 with 1; wall 1.55 -> 1.44 s (3 M) and 0.85 -> 0.82 s (1 M), medians of 8
     * alternating runs, the same CPU. 2 fell between, 8 was slower.
     */
    static final int SLACK = 1;

    private final Object[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    private int count;
    private boolean takerWaits;
    private boolean putterWaits;

    /** {@code capacity} must be at least {@value #SLACK}, or a full queue could never wake its putter early. */
    BatchQueue(int capacity) {
        if (capacity < SLACK) {
            throw new IllegalArgumentException("capacity " + capacity + " below " + SLACK);
        }
        ring = new Object[capacity];
    }

    /**
     * Queues {@code item}, waiting up to {@code timeout} while the queue is full; false when it stayed full.
     * {@code urgent} wakes a waiting taker at once (the last item it will get).
     */
    boolean offer(Object item, boolean urgent, long timeout, TimeUnit unit) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = unit.toNanos(timeout);
            while (count == ring.length) {
                if (nanos <= 0) {
                    return false;
                }
                putterWaits = true;
                try {
                    nanos = notFull.awaitNanos(nanos);
                } finally {
                    putterWaits = false;
                }
            }
            ring[(head + count) % ring.length] = item;
            count++;
            if (takerWaits && (urgent || count >= SLACK)) {
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest item, waiting up to {@code timeout} while the queue is empty; null when it stayed empty. */
    Object poll(long timeout, TimeUnit unit) throws InterruptedException {
        return take(unit.toNanos(timeout));
    }

    /** The oldest item, waiting as long as the queue is empty. */
    Object take() throws InterruptedException {
        return take(-1);
    }

    /** {@code nanos} < 0: no time limit. */
    private Object take(long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                if (nanos == 0) {
                    return null;
                }
                takerWaits = true;
                try {
                    if (nanos < 0) {
                        notEmpty.await();
                    } else {
                        nanos = Math.max(0, notEmpty.awaitNanos(nanos));
                    }
                } finally {
                    takerWaits = false;
                }
            }
            Object item = ring[head];
            ring[head] = null;
            head = (head + 1) % ring.length;
            count--;
            if (putterWaits && ring.length - count >= SLACK) {
                notFull.signal();
            }
            return item;
        } finally {
            lock.unlock();
        }
    }

    /** Drops every queued item and wakes a waiting putter (closing). */
    void clear() {
        lock.lock();
        try {
            java.util.Arrays.fill(ring, null);
            head = 0;
            count = 0;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
