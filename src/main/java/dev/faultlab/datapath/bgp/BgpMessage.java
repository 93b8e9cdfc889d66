package dev.faultlab.datapath.bgp;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The four BGP-4 messages (RFC 4271 section 4) and their wire format: a 16-octet all-ones marker, a 2-octet length
 * (19-4096), a type octet, then the body. Each message encodes itself; {@link #next} decodes the first complete
 * message of a buffer, by type, through {@link #DECODERS}.
 */
sealed interface BgpMessage {
    int HEADER_LENGTH = 19;
    int MAX_LENGTH = 4096;
    /** AS_TRANS (RFC 6793): what a 4-octet AS speaker puts in OPEN's 2-octet field when its AS does not fit. */
    int AS_TRANS = 23456;

    /** The message as it goes on the wire, header included. */
    byte[] encode();

    /**
     * Decodes the first message in {@code in} (between position and limit), advancing past it; empty, position
     * unchanged, while the message is still incomplete (TCP delivers a stream, not messages).
     *
     * @throws BgpFormatException when the bytes are not a BGP message
     */
    static Optional<BgpMessage> next(ByteBuffer in) {
        if (in.remaining() < HEADER_LENGTH) {
            return Optional.empty();
        }
        int start = in.position();
        for (int i = 0; i < 16; i++) {
            if (in.get(start + i) != (byte) 0xff) {
                throw new BgpFormatException(BgpFormatException.HEADER, 1, "connection not synchronized: no marker");
            }
        }
        int length = Short.toUnsignedInt(in.getShort(start + 16));
        int type = Byte.toUnsignedInt(in.get(start + 18));
        if (length < HEADER_LENGTH || length > MAX_LENGTH) {
            throw new BgpFormatException(BgpFormatException.HEADER, 2, "bad message length " + length);
        }
        if (in.remaining() < length) {
            return Optional.empty();
        }
        Function<ByteBuffer, BgpMessage> decoder = DECODERS.get(type);
        if (decoder == null) {
            throw new BgpFormatException(BgpFormatException.HEADER, 3, "bad message type " + type);
        }
        ByteBuffer body = in.slice(start + HEADER_LENGTH, length - HEADER_LENGTH);
        in.position(start + length);
        try {
            return Optional.of(decoder.apply(body));
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new BgpFormatException(BgpFormatException.HEADER, 2,
                    "type " + type + " message shorter than its fields");
        }
    }

    Map<Integer, Function<ByteBuffer, BgpMessage>> DECODERS = Map.of(
            Open.TYPE, Open::decode,
            Update.TYPE, Update::decode,
            Notification.TYPE, Notification::decode,
            Keepalive.TYPE, body -> new Keepalive());

    private static ByteBuffer message(int type, int bodyLength) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + bodyLength);
        for (int i = 0; i < 16; i++) {
            out.put((byte) 0xff);
        }
        return out.putShort((short) (HEADER_LENGTH + bodyLength)).put((byte) type);
    }

    /**
     * OPEN with the capabilities this speaker uses (RFC 5492): multiprotocol IPv4 unicast (RFC 4760), 4-octet AS
     * (RFC 6793) and, when present, graceful restart (RFC 4724).
     *
     * @param asn         the sender's AS (from the 4-octet AS capability when present)
     * @param holdTime    seconds; 0 or at least 3
     * @param bgpId       BGP identifier (the router id), an IPv4 address as an int
     * @param ipv4Unicast whether the sender announced multiprotocol IPv4 unicast
     * @param fourOctetAs whether the sender announced the 4-octet AS capability
     */
    record Open(long asn, int holdTime, int bgpId, boolean ipv4Unicast, boolean fourOctetAs,
                Optional<GracefulRestart> gracefulRestart) implements BgpMessage {
        static final int TYPE = 1;
        private static final int CAPABILITIES = 2;
        private static final int MULTIPROTOCOL = 1;
        private static final int GRACEFUL_RESTART = 64;
        private static final int FOUR_OCTET_AS = 65;

        @Override
        public byte[] encode() {
            ByteBuffer caps = ByteBuffer.allocate(32);
            if (ipv4Unicast) {
                caps.put((byte) MULTIPROTOCOL).put((byte) 4).putShort((short) 1).put((byte) 0).put((byte) 1);
            }
            if (fourOctetAs) {
                caps.put((byte) FOUR_OCTET_AS).put((byte) 4).putInt((int) asn);
            }
            gracefulRestart.ifPresent(gr -> gr.write(caps.put((byte) GRACEFUL_RESTART)));
            int capsLength = caps.position();
            ByteBuffer out = message(TYPE, 10 + 2 + capsLength).put((byte) 4)
                    .putShort((short) (asn > 0xffff ? AS_TRANS : asn)).putShort((short) holdTime).putInt(bgpId)
                    .put((byte) (2 + capsLength)).put((byte) CAPABILITIES).put((byte) capsLength)
                    .put(caps.array(), 0, capsLength);
            return out.array();
        }

        static Open decode(ByteBuffer body) {
            int version = Byte.toUnsignedInt(body.get());
            if (version != 4) {
                throw new BgpFormatException(BgpFormatException.OPEN, 1, "unsupported BGP version " + version);
            }
            long asn = Short.toUnsignedInt(body.getShort());
            int holdTime = Short.toUnsignedInt(body.getShort());
            if (holdTime == 1 || holdTime == 2) {
                throw new BgpFormatException(BgpFormatException.OPEN, 6, "hold time " + holdTime + " s");
            }
            int bgpId = body.getInt();
            Map<Integer, List<ByteBuffer>> capabilities = capabilities(take(body, Byte.toUnsignedInt(body.get())));
            boolean ipv4Unicast = capabilities.getOrDefault(MULTIPROTOCOL, List.of()).stream()
                    .anyMatch(value -> value.remaining() == 4 && value.getShort(0) == 1 && value.get(3) == 1);
            Optional<ByteBuffer> fourOctetAs = capabilities.getOrDefault(FOUR_OCTET_AS, List.of()).stream()
                    .filter(value -> value.remaining() == 4).findFirst();
            if (fourOctetAs.isPresent()) {
                asn = Integer.toUnsignedLong(fourOctetAs.get().getInt(0));
            }
            Optional<GracefulRestart> gracefulRestart = capabilities.getOrDefault(GRACEFUL_RESTART, List.of())
                    .stream().filter(value -> value.remaining() >= 2).findFirst().map(GracefulRestart::read);
            return new Open(asn, holdTime, bgpId, ipv4Unicast, fourOctetAs.isPresent(), gracefulRestart);
        }

        /**
         * The capabilities of OPEN's optional parameters by code (RFC 5492): a speaker may send them in one
         * parameter or one parameter each, and a code more than once (multiprotocol, once per family).
         */
        private static Map<Integer, List<ByteBuffer>> capabilities(ByteBuffer params) {
            Map<Integer, List<ByteBuffer>> capabilities = new HashMap<>();
            while (params.hasRemaining()) {
                int paramType = Byte.toUnsignedInt(params.get());
                ByteBuffer param = take(params, Byte.toUnsignedInt(params.get()));
                while (paramType == CAPABILITIES && param.hasRemaining()) {
                    int code = Byte.toUnsignedInt(param.get());
                    capabilities.computeIfAbsent(code, c -> new ArrayList<>())
                            .add(take(param, Byte.toUnsignedInt(param.get())));
                }
            }
            return capabilities;
        }
    }

    /**
     * The graceful restart capability (RFC 4724 section 3) for IPv4 unicast.
     *
     * @param restarting          the Restart State bit: the sender has just restarted
     * @param restartTimeSeconds  how long peers should keep its routes (12 bits)
     * @param ipv4Unicast         whether IPv4 unicast is listed: only listed families are kept stale
     * @param forwardingPreserved the family's Forwarding State bit: the sender kept its routes in the kernel
     */
    record GracefulRestart(boolean restarting, int restartTimeSeconds, boolean ipv4Unicast,
                           boolean forwardingPreserved) {
        public GracefulRestart {
            if (restartTimeSeconds < 0 || restartTimeSeconds > 4095) {
                throw new IllegalArgumentException("restart time " + restartTimeSeconds + " s is not 0-4095");
            }
        }

        private void write(ByteBuffer caps) {
            caps.put((byte) (ipv4Unicast ? 6 : 2))
                    .putShort((short) ((restarting ? 0x8000 : 0) | restartTimeSeconds));
            if (ipv4Unicast) {
                caps.putShort((short) 1).put((byte) 1).put((byte) (forwardingPreserved ? 0x80 : 0));
            }
        }

        private static GracefulRestart read(ByteBuffer value) {
            int flagsAndTime = Short.toUnsignedInt(value.getShort());
            boolean ipv4 = false;
            boolean preserved = false;
            while (value.remaining() >= 4) {
                int afi = Short.toUnsignedInt(value.getShort());
                int safi = Byte.toUnsignedInt(value.get());
                int flags = Byte.toUnsignedInt(value.get());
                if (afi == 1 && safi == 1) {
                    ipv4 = true;
                    preserved = (flags & 0x80) != 0;
                }
            }
            return new GracefulRestart((flagsAndTime & 0x8000) != 0, flagsAndTime & 0x0fff, ipv4, preserved);
        }
    }

    /**
     * UPDATE: withdrawn prefixes, path attributes and the prefixes announced with them. One with nothing at all is
     * the IPv4 unicast End-of-RIB marker (RFC 4724 section 2).
     */
    record Update(List<Prefix> withdrawn, Optional<PathAttributes> attributes, List<Prefix> announced)
            implements BgpMessage {
        static final int TYPE = 2;

        public Update {
            withdrawn = List.copyOf(withdrawn);
            announced = List.copyOf(announced);
            if (!announced.isEmpty() && attributes.isEmpty()) {
                throw new IllegalArgumentException("announced prefixes need path attributes");
            }
        }

        static Update endOfRib() {
            return new Update(List.of(), Optional.empty(), List.of());
        }

        static Update withdraw(List<Prefix> prefixes) {
            return new Update(prefixes, Optional.empty(), List.of());
        }

        boolean isEndOfRib() {
            return withdrawn.isEmpty() && attributes.isEmpty() && announced.isEmpty();
        }

        @Override
        public byte[] encode() {
            int withdrawnLength = withdrawn.stream().mapToInt(Prefix::encodedLength).sum();
            byte[] attrs = attributes.map(PathAttributes::encode).orElse(new byte[0]);
            int nlriLength = announced.stream().mapToInt(Prefix::encodedLength).sum();
            ByteBuffer out = message(TYPE, 2 + withdrawnLength + 2 + attrs.length + nlriLength)
                    .putShort((short) withdrawnLength);
            withdrawn.forEach(p -> p.write(out));
            out.putShort((short) attrs.length).put(attrs);
            announced.forEach(p -> p.write(out));
            return out.array();
        }

        static Update decode(ByteBuffer body) {
            List<Prefix> withdrawn = prefixes(take(body, Short.toUnsignedInt(body.getShort())));
            ByteBuffer attrs = take(body, Short.toUnsignedInt(body.getShort()));
            List<Prefix> announced = prefixes(body);
            Optional<PathAttributes> attributes = attrs.hasRemaining() ? Optional.of(PathAttributes.decode(attrs))
                    : Optional.empty();
            if (!announced.isEmpty() && attributes.map(a -> !a.complete()).orElse(true)) {
                throw new BgpFormatException(BgpFormatException.UPDATE, 3,
                        "prefixes announced without ORIGIN, AS_PATH and NEXT_HOP");
            }
            return new Update(withdrawn, attributes, announced);
        }

        private static List<Prefix> prefixes(ByteBuffer in) {
            List<Prefix> prefixes = new ArrayList<>();
            while (in.hasRemaining()) {
                prefixes.add(Prefix.read(in));
            }
            return prefixes;
        }
    }

    /**
     * The path attributes this speaker sends and reads (RFC 4271 section 5); others are skipped on reading, which
     * an iBGP speaker that never re-advertises a learned route may do.
     *
     * @param origin    0 IGP, 1 EGP, 2 INCOMPLETE; -1 when absent
     * @param asPath    AS_SEQUENCE of 4-octet ASes (empty inside an AS); null when the attribute is absent
     * @param nextHop   NEXT_HOP as an int; 0 when absent
     * @param localPref LOCAL_PREF, sent on iBGP sessions
     */
    record PathAttributes(int origin, List<Long> asPath, int nextHop, OptionalLong localPref) {
        private static final int WELL_KNOWN = 0x40;
        private static final int EXTENDED_LENGTH = 0x10;
        private static final int ORIGIN = 1;
        private static final int AS_PATH = 2;
        private static final int NEXT_HOP = 3;
        private static final int LOCAL_PREF = 5;
        private static final int AS_SEQUENCE = 2;

        public PathAttributes {
            asPath = asPath == null ? null : List.copyOf(asPath);
        }

        /** What an iBGP speaker announces for a prefix it originates: IGP, empty AS path, itself as next hop. */
        static PathAttributes originated(int nextHop, long localPref) {
            return new PathAttributes(0, List.of(), nextHop, OptionalLong.of(localPref));
        }

        boolean complete() {
            return origin >= 0 && asPath != null && nextHop != 0;
        }

        String nextHopAddress() {
            return Ipv4.format(nextHop);
        }

        byte[] encode() {
            ByteBuffer out = ByteBuffer.allocate(4 + 1 + 4 + 2 + 4 * asPath.size() + 4 + 4 + 4 + 4);
            out.put((byte) WELL_KNOWN).put((byte) ORIGIN).put((byte) 1).put((byte) origin);
            out.put((byte) WELL_KNOWN).put((byte) AS_PATH).put((byte) (asPath.isEmpty() ? 0 : 2 + 4 * asPath.size()));
            if (!asPath.isEmpty()) {
                out.put((byte) AS_SEQUENCE).put((byte) asPath.size());
                asPath.forEach(as -> out.putInt(as.intValue()));
            }
            out.put((byte) WELL_KNOWN).put((byte) NEXT_HOP).put((byte) 4).putInt(nextHop);
            localPref.ifPresent(pref -> out.put((byte) WELL_KNOWN).put((byte) LOCAL_PREF).put((byte) 4)
                    .putInt((int) pref));
            return Arrays.copyOf(out.array(), out.position());
        }

        static PathAttributes decode(ByteBuffer in) {
            Map<Integer, ByteBuffer> attributes = new HashMap<>();
            while (in.hasRemaining()) {
                int flags = Byte.toUnsignedInt(in.get());
                int type = Byte.toUnsignedInt(in.get());
                int length = (flags & EXTENDED_LENGTH) != 0 ? Short.toUnsignedInt(in.getShort())
                        : Byte.toUnsignedInt(in.get());
                attributes.put(type, take(in, length));
            }
            Optional<ByteBuffer> origin = attribute(attributes, ORIGIN, 1);
            Optional<ByteBuffer> nextHop = attribute(attributes, NEXT_HOP, 4);
            Optional<ByteBuffer> localPref = attribute(attributes, LOCAL_PREF, 4);
            return new PathAttributes(origin.map(v -> Byte.toUnsignedInt(v.get(0))).orElse(-1),
                    Optional.ofNullable(attributes.get(AS_PATH)).map(PathAttributes::asPath).orElse(null),
                    nextHop.map(v -> v.getInt(0)).orElse(0),
                    localPref.map(v -> OptionalLong.of(Integer.toUnsignedLong(v.getInt(0))))
                            .orElse(OptionalLong.empty()));
        }

        /** An attribute of the expected length; one of another length is ignored as if absent. */
        private static Optional<ByteBuffer> attribute(Map<Integer, ByteBuffer> attributes, int type, int length) {
            return Optional.ofNullable(attributes.get(type)).filter(value -> value.remaining() == length);
        }

        /** AS_PATH's segments in order; a set or a sequence is the same to an iBGP route's user. */
        private static List<Long> asPath(ByteBuffer value) {
            List<Long> asPath = new ArrayList<>();
            while (value.hasRemaining()) {
                value.get(); // segment type
                int count = Byte.toUnsignedInt(value.get());
                for (int i = 0; i < count; i++) {
                    asPath.add(Integer.toUnsignedLong(value.getInt()));
                }
            }
            return asPath;
        }
    }

    /** NOTIFICATION: the error (or Cease) that ends a session (RFC 4271 section 4.5). */
    record Notification(int code, int subcode, byte[] data) implements BgpMessage {
        static final int TYPE = 3;
        static final int HOLD_TIMER_EXPIRED = 4;
        static final int FSM_ERROR = 5;
        static final int CEASE = 6;
        /** Cease subcodes (RFC 4486). */
        static final int ADMINISTRATIVE_SHUTDOWN = 2;
        static final int CONNECTION_REJECTED = 5;
        static final int COLLISION_RESOLUTION = 7;

        public Notification {
            data = data.clone();
        }

        static Notification cease(int subcode) {
            return new Notification(CEASE, subcode, new byte[0]);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public byte[] encode() {
            return message(TYPE, 2 + data.length).put((byte) code).put((byte) subcode).put(data).array();
        }

        static Notification decode(ByteBuffer body) {
            byte[] data = new byte[Math.max(0, body.remaining() - 2)];
            int code = Byte.toUnsignedInt(body.get());
            int subcode = Byte.toUnsignedInt(body.get());
            body.get(data);
            return new Notification(code, subcode, data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Notification n && n.code == code && n.subcode == subcode
                    && Arrays.equals(n.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * code + subcode) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "NOTIFICATION " + code + "/" + subcode;
        }
    }

    /** KEEPALIVE: a header alone, restarting the peer's hold timer. */
    record Keepalive() implements BgpMessage {
        static final int TYPE = 4;

        @Override
        public byte[] encode() {
            return message(TYPE, 0).array();
        }
    }

    /** The next {@code length} bytes of {@code in} as their own buffer, advancing {@code in} past them. */
    private static ByteBuffer take(ByteBuffer in, int length) {
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        ByteBuffer part = in.slice(in.position(), length);
        in.position(in.position() + length);
        return part;
    }
}
