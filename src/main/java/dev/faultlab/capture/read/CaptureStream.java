package dev.faultlab.capture.read;

import io.airlift.compress.zstd.ZstdInputStream;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of a capture file, decompressed when the file is gzip or zstd - told by its magic bytes, not its
 * name, since customers' files are renamed on the way. Knows how far into the compressed file it has read, so a
 * damaged stream can be reported with its position.
 */
final class CaptureStream implements AutoCloseable {
    /** A compression recognized by its leading bytes. */
    private record Compression(String name, byte[] magic, Decompressor decompressor) {
        boolean recognizes(byte[] head, int got) {
            return got >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
        }
    }

    private interface Decompressor {
        InputStream open(CountingInput compressed) throws IOException;
    }

    private static final List<Compression> COMPRESSIONS = List.of(
            new Compression("gzip", new byte[]{0x1f, (byte) 0x8b}, TrackedGzip::new),
            new Compression("zstd", new byte[]{0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, ZstdInputStream::new));

    private final CountingInput file;
    private final InputStream input;
    private final Compression compression;

    private CaptureStream(CountingInput file, InputStream input, Compression compression) {
        this.file = file;
        this.input = input;
        this.compression = compression;
    }

    static CaptureStream open(Path path) throws IOException {
        byte[] head = new byte[4];
        int got;
        try (InputStream probe = Files.newInputStream(path)) {
            got = probe.readNBytes(head, 0, head.length);
        }
        CountingInput file = new CountingInput(Files.newInputStream(path));
        try {
            for (Compression c : COMPRESSIONS) {
                if (c.recognizes(head, got)) {
                    return new CaptureStream(file, c.decompressor().open(file), c);
                }
            }
            return new CaptureStream(file, file, null);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** The (decompressed) capture bytes. */
    InputStream input() {
        return input;
    }

    boolean compressed() {
        return compression != null;
    }

    /** "gzip" or "zstd"; null for a plain file. */
    String compression() {
        return compression == null ? null : compression.name();
    }

    /** How far the decompressor got into the file: where a damaged stream broke, give or take a block. */
    long compressedOffset() {
        long unused = input instanceof TrackedGzip gzip ? gzip.unconsumed() : 0;
        return Math.max(0, file.count - unused);
    }

    /** The bytes read from the file so far (compressed ones for a compressed file); any thread may ask. */
    long fileBytesRead() {
        return file.count;
    }

    @Override
    public void close() throws IOException {
        input.close();
    }

    /**
     * Counts the bytes read from the file. Volatile: a diagnosis's progress reads it on another thread than the one
     * reading; it is written once per buffer (a megabyte, or gzip's 64 KB), not per packet.
     */
    private static final class CountingInput extends FilterInputStream {
        private volatile long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** gzip that tells how much of the bytes it has read it has not inflated yet (for an exact error offset). */
    private static final class TrackedGzip extends GZIPInputStream {
        TrackedGzip(InputStream in) throws IOException {
            super(in, 1 << 16);
        }

        long unconsumed() {
            try {
                return inf.getRemaining();
            } catch (NullPointerException ended) {
                return 0;
            }
        }
    }
}
