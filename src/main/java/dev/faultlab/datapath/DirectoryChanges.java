package dev.faultlab.datapath;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Counts changes to one directory (inotify through a WatchService on its own thread) so that many agents of one
 * host can wait for the next change without an inotify instance each: the kernel allows 128 per user by default,
 * and a 100-node lab's flannel agents all watch the same lease directory.
 */
public final class DirectoryChanges {
    private long generation;

    private DirectoryChanges() {
    }

    public static DirectoryChanges watch(Path dir) {
        DirectoryChanges changes = new DirectoryChanges();
        try {
            Files.createDirectories(dir);
            WatchService watch = FileSystems.getDefault().newWatchService();
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            Thread thread = new Thread(() -> changes.follow(watch), "watch-" + dir.getFileName());
            thread.setDaemon(true);
            thread.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + dir + ": " + e.getMessage(), e);
        }
        return changes;
    }

    private void follow(WatchService watch) {
        try {
            while (true) {
                WatchKey key = watch.take();
                key.pollEvents();
                key.reset();
                synchronized (this) {
                    generation++;
                    notifyAll();
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            // the host is exiting
        }
    }

    public synchronized long generation() {
        return generation;
    }

    /** Waits until a change after {@code seen} (returns the new count) or until {@code millis} passed. */
    public synchronized long awaitAfter(long seen, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (generation == seen) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return generation;
    }
}
