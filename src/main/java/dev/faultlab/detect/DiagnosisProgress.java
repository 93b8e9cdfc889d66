package dev.faultlab.detect;

/**
 * How far a diagnosis has read, for a progress line on a long capture: given to the listener of {@link
 * Diagnosis#withProgress} on the diagnosing thread when a capture starts, every {@value Diagnosis#PROGRESS_EVERY}
 * packets, and when it is done.
 *
 * @param capture   the capture's name, as the evidence names it
 * @param index     which capture this is, from 0
 * @param captures  how many captures the diagnosis reads
 * @param bytesRead the bytes of the file read so far (compressed ones for a gzip or zstd file); the reading runs a
 *                  few thousand packets ahead of the analysis
 * @param bytes     the file's size
 * @param packets   the capture's packets analysed so far
 * @param done      whether the capture is finished (its conversations ended too)
 */
public record DiagnosisProgress(String capture, int index, int captures, long bytesRead, long bytes, long packets,
                                boolean done) {
    /** The share of the file read, from 0 to 1. */
    public double fraction() {
        return bytes <= 0 ? 1 : Math.min(1, (double) bytesRead / bytes);
    }
}
