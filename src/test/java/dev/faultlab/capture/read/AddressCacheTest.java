package dev.faultlab.capture.read;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class AddressCacheTest {
    /**
     * A conversation's two addresses alternate packet by packet: whichever places they hash to, each keeps its
     * object (a direct-mapped cache lost both, on every packet, for the pairs that shared a place - about one pair
     * in two thousand, so thousands of random pairs meet several).
     */
    @Test
    void twoAlternatingAddressesKeepTheirObjectsWhateverTheirPlaces() {
        Random random = new Random(7);
        for (int pair = 0; pair < 20_000; pair++) {
            AddressCache cache = new AddressCache();
            byte[] frame = new byte[16 + 12];
            random.nextBytes(frame);
            InetAddress a = cache.ipv4(frame, 0);
            InetAddress b = cache.ipv4(frame, 4);
            MacAddress macA = cache.mac(frame, 8);
            MacAddress macB = cache.mac(frame, 14);
            for (int packet = 0; packet < 3; packet++) {
                assertSame(a, cache.ipv4(frame, 0));
                assertSame(b, cache.ipv4(frame, 4));
                assertSame(macA, cache.mac(frame, 8));
                assertSame(macB, cache.mac(frame, 14));
            }
            assertArrayEquals(java.util.Arrays.copyOfRange(frame, 0, 4), a.getAddress());
            assertArrayEquals(java.util.Arrays.copyOfRange(frame, 4, 8), b.getAddress());
        }
    }

    @Test
    void ipv6AddressesOfOneConversationKeepTheirObjects() {
        Random random = new Random(11);
        for (int pair = 0; pair < 20_000; pair++) {
            AddressCache cache = new AddressCache();
            byte[] frame = new byte[32];
            random.nextBytes(frame);
            InetAddress a = cache.ipv6(frame, 0);
            InetAddress b = cache.ipv6(frame, 16);
            assertSame(a, cache.ipv6(frame, 0));
            assertSame(b, cache.ipv6(frame, 16));
            assertArrayEquals(java.util.Arrays.copyOfRange(frame, 16, 32), b.getAddress());
        }
    }

    /** Whatever is dropped, every answer is the address of the bytes asked about. */
    @Test
    void manyAddressesAreAlwaysAnsweredWithTheirOwnValue() {
        Random random = new Random(3);
        AddressCache cache = new AddressCache();
        byte[] frame = new byte[4];
        for (int i = 0; i < 200_000; i++) {
            int value = random.nextInt(20_000);
            frame[0] = 10;
            frame[1] = (byte) (value >> 16);
            frame[2] = (byte) (value >> 8);
            frame[3] = (byte) value;
            assertArrayEquals(frame, cache.ipv4(frame, 0).getAddress());
        }
    }
}
