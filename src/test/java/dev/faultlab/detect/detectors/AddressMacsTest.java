package dev.faultlab.detect.detectors;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * bridge-netfilter-off's MACs per address answer membership as the set they replaced did: a set that took a MAC
 * only while it held fewer than four (so the first four distinct ones).
 */
class AddressMacsTest {
    @Test
    void keepsTheFirstFourDistinctMacsAsTheBoundedSetDid() {
        Random random = new Random(5);
        for (int round = 0; round < 2_000; round++) {
            BridgeNetfilterOffDetector.AddressMacs macs = new BridgeNetfilterOffDetector.AddressMacs();
            Set<Long> reference = new HashSet<>();
            int pool = 1 + random.nextInt(8);
            for (int i = 0, n = random.nextInt(12); i < n; i++) {
                long mac = 0x0e5a00000000L + random.nextInt(pool);
                macs.add(mac);
                if (reference.size() < 4) {
                    reference.add(mac);
                }
                for (int m = 0; m < pool; m++) {
                    long asked = 0x0e5a00000000L + m;
                    assertThat(macs.contains(asked)).isEqualTo(reference.contains(asked));
                }
            }
            assertThat(macs.contains(0)).isFalse(); // an empty field is no MAC 00:00:00:00:00:00
        }
    }
}
