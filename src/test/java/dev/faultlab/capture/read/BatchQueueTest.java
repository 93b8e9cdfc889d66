package dev.faultlab.capture.read;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prefetcher's queue answers as the ArrayBlockingQueue it replaced (same items, same order, full and empty
 * at the same times), hands every item over in order between two threads whatever the timing, and a waiting
 * taker gets an urgent item (the end) or, after its timeout, a lone one.
 */
class BatchQueueTest {
    @Test
    void randomOffersAndPollsAnswerAsAnArrayBlockingQueue() throws Exception {
        Random random = new Random(11);
        for (int capacity = BatchQueue.SLACK; capacity <= 6; capacity++) {
            BatchQueue queue = new BatchQueue(capacity);
            ArrayBlockingQueue<Object> old = new ArrayBlockingQueue<>(capacity);
            for (int step = 0; step < 5_000; step++) {
                int op = random.nextInt(10);
                if (op < 5) {
                    Integer item = step;
                    assertThat(queue.offer(item, random.nextBoolean(), 0, TimeUnit.NANOSECONDS))
                            .isEqualTo(old.offer(item, 0, TimeUnit.NANOSECONDS));
                } else if (op < 9) {
                    assertThat(queue.poll(0, TimeUnit.NANOSECONDS)).isEqualTo(old.poll(0, TimeUnit.NANOSECONDS));
                } else if (random.nextInt(20) == 0) {
                    queue.clear();
                    old.clear();
                }
            }
        }
    }

    @Test
    void everyItemCrossesInOrderBetweenTwoThreads() throws Exception {
        int items = 20_000;
        BatchQueue queue = new BatchQueue(4);
        Random pauses = new Random(3);
        int[] pauseAt = pauses.ints(items, 0, 50).toArray();
        Thread putter = new Thread(() -> {
            try {
                for (int i = 0; i < items; i++) {
                    if (pauseAt[i] == 0) {
                        Thread.sleep(1);
                    }
                    while (!queue.offer(i, i == items - 1, 10, TimeUnit.MILLISECONDS)) {
                        // full: offer again
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        putter.start();
        List<Object> taken = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            if (pauseAt[items - 1 - i] == 1) {
                Thread.sleep(1);
            }
            Object item = i % 2 == 0 ? queue.take() : queue.poll(10, TimeUnit.MILLISECONDS);
            if (item == null) {
                i--; // timed out while empty: poll again
            } else {
                taken.add(item);
            }
        }
        putter.join();
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            expected.add(i);
        }
        assertThat(taken).isEqualTo(expected);
        assertThat(queue.poll(0, TimeUnit.NANOSECONDS)).isNull();
    }

    @Test
    void aWaitingTakerGetsAnUrgentItemAndALoneOneAfterItsTimeout() throws Exception {
        BatchQueue queue = new BatchQueue(4);
        Object[] got = new Object[1];
        Thread taker = new Thread(() -> {
            try {
                got[0] = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        taker.start();
        queue.offer("end", true, 1, TimeUnit.SECONDS);
        taker.join();
        assertThat(got[0]).isEqualTo("end");

        queue.offer("lone", false, 1, TimeUnit.SECONDS);
        assertThat(queue.poll(20, TimeUnit.MILLISECONDS)).isEqualTo("lone");
    }
}
