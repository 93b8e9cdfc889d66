package dev.faultlab.datapath.bgp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpeakerConfigTest {
    private static final SpeakerConfig CONFIG = new SpeakerConfig("192.168.100.12", 64512, 9, 3, OptionalInt.of(60),
            "10.244.2.0/24", List.of(new SpeakerConfig.Peer("192.168.100.11", true),
            new SpeakerConfig.Peer("192.168.100.13", false)));

    @Test
    void readsBackWhatItWrites() {
        assertThat(SpeakerConfig.parse(CONFIG.format())).isEqualTo(CONFIG);
        SpeakerConfig noRestart = new SpeakerConfig("192.168.100.12", 64512, 90, 30, OptionalInt.empty(),
                "10.244.2.0/24", List.of());
        assertThat(noRestart.format()).contains("graceful-restart off\n");
        assertThat(SpeakerConfig.parse(noRestart.format())).isEqualTo(noRestart);
    }

    @Test
    void aBadOrMissingLineIsOneLineNamingTheFix() {
        assertThatThrownBy(() -> SpeakerConfig.parse(CONFIG.format() + "hold 9\n"))
                .hasMessageContaining("'hold 9'").hasMessageContaining("hold-time VALUE").hasNoCause();
        assertThatThrownBy(() -> SpeakerConfig.parse(CONFIG.format().replace("announce 10.244.2.0/24\n", "")))
                .hasMessage("speaker config lacks 'announce': add a line 'announce VALUE'");
        assertThatThrownBy(() -> SpeakerConfig.parse(CONFIG.format().replace("192.168.100.13", "192.168.100")))
                .hasMessageContaining("'192.168.100' is not an IPv4 address");
    }
}
