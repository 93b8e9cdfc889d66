package dev.faultlab.detect.state;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IP prefix such as {@code 10.244.2.0/24}; a bare address is a host prefix, {@code default} is {@code 0/0}.
 *
 * @param network the address as written (bits beyond the prefix are ignored when matching)
 * @param prefix  prefix length in bits
 */
public record Cidr(InetAddress network, int prefix) {
    /** Parses iproute2's notation; throws IllegalArgumentException for anything else. */
    public static Cidr parse(String text) {
        String t = text.trim();
        if (t.equals("default")) {
            return new Cidr(address("0.0.0.0"), 0);
        }
        int slash = t.indexOf('/');
        InetAddress address = address(slash < 0 ? t : t.substring(0, slash));
        int bits = address.getAddress().length * 8;
        int prefix = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("bad prefix length in " + text);
        }
        return new Cidr(address, prefix);
    }

    /** Parses, or returns null for text that is not a prefix (e.g. a multicast route's odd notation). */
    public static Cidr parseOrNull(String text) {
        try {
            return text == null ? null : parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Written out, with the record's own formula (hash-ordered maps iterate as before): a record's generated
     * equals/hashCode are bootstrapped on first use by spinning a dozen method-handle classes that the class-data
     * archive does not hold, and run through method handles that the launcher's C1-only JIT does not inline;
     * route-missing keys its groups of failed connects by CIDR.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Objects.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(network) * 31 + prefix;
    }

    public boolean isDefault() {
        return prefix == 0;
    }

    public boolean contains(InetAddress address) {
        byte[] net = network.getAddress();
        byte[] other = address.getAddress();
        if (net.length != other.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != other[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (net[full] & mask) == (other[full] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefix;
    }

    static InetAddress address(String literal) {
        if (literal.isEmpty() || !(Character.isDigit(literal.charAt(0)) || literal.indexOf(':') >= 0)) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }
}
