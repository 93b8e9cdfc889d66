package dev.faultlab.workload;

import dev.faultlab.LabException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The static workload binary, compiled on demand from {@code images/workload/faultlab-workload.c} (shipped in the
 * jar as {@code /dev/faultlab/workload/faultlab-workload.c}) with {@code gcc -static -O2} and cached by source hash, so the
 * lab hosts of every backend run the same code and a changed source is rebuilt automatically.
 */
public final class WorkloadBinary {
    static final String SOURCE_RESOURCE = "/dev/faultlab/workload/faultlab-workload.c";
    private final Path cacheDir;

    public WorkloadBinary(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /**
     * Caches under {@code target/faultlab-workload} when the working directory is a built project (it has a
     * {@code target/}), else under the user's cache ({@code $XDG_CACHE_HOME} or {@code ~/.cache}), so the CLI
     * started from any directory leaves nothing there.
     */
    public static WorkloadBinary cached() {
        Path target = Path.of("target").toAbsolutePath();
        if (Files.isDirectory(target)) {
            return new WorkloadBinary(target.resolve("faultlab-workload"));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new WorkloadBinary(cache.resolve("faultlab").resolve("workload"));
    }

    /** The binary for the current source, compiling it first when the cache has none. */
    public Path ensureBuilt() {
        byte[] source = source();
        Path binary = cacheDir.resolve(hash(source)).resolve("faultlab-workload");
        if (Files.isExecutable(binary)) {
            return binary;
        }
        try {
            Files.createDirectories(binary.getParent());
            Path src = Files.write(Files.createTempFile(binary.getParent(), "src", ".c"), source);
            Path out = Files.createTempFile(binary.getParent(), "bin", ".tmp");
            compile(src, out);
            Files.delete(src);
            // concurrent labs may compile at once: the rename makes whichever finishes last win atomically
            Files.move(out, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the workload binary in " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    private static void compile(Path src, Path out) throws IOException {
        List<String> argv = List.of("gcc", "-static", "-O2", "-Wall", "-o", out.toString(), src.toString());
        Process gcc;
        try {
            gcc = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LabException("gcc not found: install it with 'apt-get install gcc libc6-dev' to build the workload");
        }
        try {
            String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!gcc.waitFor(60, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
                throw new LabException("gcc could not build the workload binary (is libc6-dev installed?): "
                        + output.strip().replace('\n', ' '));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gcc.destroyForcibly();
            throw new LabException("interrupted while building the workload binary");
        }
    }

    private static byte[] source() {
        try (InputStream in = WorkloadBinary.class.getResourceAsStream(SOURCE_RESOURCE)) {
            if (in == null) {
                throw new LabException("workload source " + SOURCE_RESOURCE + " missing from the class path: rebuild faultlab");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(byte[] source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
