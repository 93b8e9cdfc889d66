package dev.faultlab.detect.state;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CidrTest {
    /** What Cidr was before its equals/hashCode were written out: a record of the same components. */
    private record GeneratedCidr(InetAddress network, int prefix) {
    }

    @Test
    void equalsAndHashCodeAreTheRecordOnes() throws Exception {
        Random random = new Random(7);
        List<Cidr> cidrs = new ArrayList<>();
        List<GeneratedCidr> generated = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            // few distinct values, so equal pairs are frequent; IPv4 and IPv6; and a null network
            byte[] bytes = new byte[random.nextBoolean() ? 4 : 16];
            bytes[bytes.length - 1] = (byte) random.nextInt(4);
            bytes[0] = (byte) random.nextInt(3);
            InetAddress network = random.nextInt(50) == 0 ? null : InetAddress.getByAddress(bytes);
            int prefix = random.nextInt(3) * 8;
            cidrs.add(new Cidr(network, prefix));
            generated.add(new GeneratedCidr(network, prefix));
        }
        for (int i = 0; i < cidrs.size(); i++) {
            assertThat(cidrs.get(i).hashCode()).isEqualTo(generated.get(i).hashCode());
            for (int j = i; j < Math.min(cidrs.size(), i + 50); j++) {
                assertThat(cidrs.get(i).equals(cidrs.get(j))).isEqualTo(generated.get(i).equals(generated.get(j)));
                assertThat(cidrs.get(j).equals(cidrs.get(i))).isEqualTo(generated.get(j).equals(generated.get(i)));
            }
        }
        assertThat(cidrs.get(0).equals(null)).isFalse();
        assertThat(cidrs.get(0).equals(generated.get(0))).isFalse();
        // hash-ordered sets of both iterate in the same order
        Set<Cidr> hashed = new HashSet<>(cidrs);
        Set<GeneratedCidr> hashedGenerated = new HashSet<>(generated);
        List<String> order = hashed.stream().map(c -> c.network() + "/" + c.prefix()).toList();
        List<String> generatedOrder = new ArrayList<>();
        hashedGenerated.forEach(g -> generatedOrder.add(g.network() + "/" + g.prefix()));
        assertThat(order).isEqualTo(generatedOrder);
        assertThat(new LinkedHashSet<>(cidrs)).hasSameSizeAs(hashedGenerated);
    }
}
