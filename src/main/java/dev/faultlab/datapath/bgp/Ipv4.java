package dev.faultlab.datapath.bgp;

/** Dotted-quad IPv4 addresses to and from the 32-bit values BGP puts on the wire (BGP identifiers, next hops). */
final class Ipv4 {
    private Ipv4() {
    }

    static int parse(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + dotted + "' is not an IPv4 address");
        }
        int value = 0;
        for (String part : parts) {
            int octet = Integer.parseInt(part);
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("'" + dotted + "' is not an IPv4 address");
            }
            value = value << 8 | octet;
        }
        return value;
    }

    static String format(int value) {
        return (value >>> 24) + "." + (value >>> 16 & 0xff) + "." + (value >>> 8 & 0xff) + "." + (value & 0xff);
    }
}
