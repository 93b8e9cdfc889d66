package dev.faultlab.detect.state;

/**
 * A counter read from host state, with what the number means: a kernel counter from a single snapshot counts
 * since boot (or since the pod's namespace was made) and says nothing about the capture's minutes, while the
 * difference between two snapshots does. Detectors put {@link #describe()} in their evidence, so a reader never
 * sees "rose by" for an absolute value.
 *
 * @param host   the host it was read on
 * @param file   the state file it comes from, e.g. {@code nstat.txt}
 * @param name   what is counted, e.g. {@code TcpExtListenOverflows} or {@code flannel.1 rx otherhost drops}
 * @param value  the delta ({@link Span#BETWEEN_SNAPSHOTS}) or the absolute value ({@link Span#SINCE_BOOT})
 * @param span   which of the two
 * @param from   the earlier snapshot's label (null for {@link Span#SINCE_BOOT})
 * @param to     the later (or only) snapshot's label; null when the host is in no snapshot
 */
public record CounterReading(String host, String file, String name, long value, Span span, String from, String to) {
    /** What a value counts. */
    public enum Span {
        /** The rise between two snapshots of the host: happened while the capture ran. */
        BETWEEN_SNAPSHOTS,
        /** One snapshot's absolute value: counted since boot, possibly long before the capture. */
        SINCE_BOOT
    }

    /** True when the counter moved between snapshots, or (one snapshot) has counted anything since boot. */
    public boolean positive() {
        return value > 0;
    }

    /** True when the counter rose between two snapshots: the events happened while the capture ran. */
    public boolean rose() {
        return isDelta() && value > 0;
    }

    /** True when {@link #value()} is a difference between two snapshots. */
    public boolean isDelta() {
        return span == Span.BETWEEN_SNAPSHOTS;
    }

    /**
     * The sum of two readings on the same host, e.g. tx plus rx drops; a delta only when both are, since an
     * absolute part makes the sum absolute.
     */
    public CounterReading plus(CounterReading other) {
        boolean delta = isDelta() && other.isDelta();
        String file = this.file.equals(other.file) ? this.file : this.file + ", " + other.file;
        return new CounterReading(host, file, name + " + " + other.name, value + other.value,
                delta ? Span.BETWEEN_SNAPSHOTS : Span.SINCE_BOOT, delta ? from : null, to);
    }

    /** The evidence line: "X rose by N between snapshots 'before' and 'after'" or "X = N since boot (...)". */
    public String describe() {
        if (isDelta()) {
            return name + " rose by " + value + " between snapshots '" + from + "' and '" + to + "'";
        }
        return name + " = " + value + " since boot (one snapshot" + (to == null ? "" : " '" + to + "'")
                + ": an absolute count since the host or its namespace started, not a rise during the capture;"
                + " take a snapshot before and after to see one)";
    }
}
