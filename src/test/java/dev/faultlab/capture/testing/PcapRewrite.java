package dev.faultlab.capture.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Rewrites a real classic-pcap Ethernet capture frame by frame, for the shapes this build machine's kernel cannot
 * capture (VLAN tags, Geneve, ERSPAN): each record keeps its time, its lengths follow the rewritten frame (a frame
 * the capture cut short stays short by as much), and the snapshot length grows by the most any frame grew.
 */
public final class PcapRewrite {
    private static final int PCAP_HEADER = 24;
    private static final int RECORD_HEADER = 16;

    private PcapRewrite() {
    }

    /**
     * Writes {@code source} to {@code target} with every frame replaced by {@code rewrite}'s result (the frame's
     * own array when it leaves it alone); returns how many frames it changed.
     */
    public static int rewrite(Path source, Path target, UnaryOperator<byte[]> rewrite) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(source));
        int magic = in.getInt(0);
        ByteOrder order = magic == 0xa1b2c3d4 || magic == 0xa1b23c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        in.order(order);
        if (in.getInt(20) != 1) {
            throw new IllegalArgumentException(source + ": not an Ethernet pcap; rewrite only Ethernet pcap files");
        }
        ByteArrayOutputStream frames = new ByteArrayOutputStream(in.limit() * 2);
        int changed = 0;
        int grownMost = 0;
        for (int at = PCAP_HEADER; at + RECORD_HEADER <= in.limit(); ) {
            int captured = in.getInt(at + 8);
            byte[] frame = new byte[captured];
            System.arraycopy(in.array(), at + RECORD_HEADER, frame, 0, captured);
            byte[] result = rewrite.apply(frame);
            changed += result != frame ? 1 : 0;
            int grown = result.length - captured;
            grownMost = Math.max(grownMost, grown);
            ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER).order(order);
            record.putInt(in.getInt(at)).putInt(in.getInt(at + 4)).putInt(result.length)
                    .putInt(in.getInt(at + 12) + grown);
            frames.write(record.array());
            frames.write(result);
            at += RECORD_HEADER + captured;
        }
        ByteBuffer header = ByteBuffer.allocate(PCAP_HEADER).order(order).put(in.array(), 0, PCAP_HEADER);
        header.putInt(16, in.getInt(16) + grownMost);
        ByteArrayOutputStream out = new ByteArrayOutputStream(PCAP_HEADER + frames.size());
        out.write(header.array());
        frames.writeTo(out);
        Files.write(target, out.toByteArray());
        return changed;
    }
}
