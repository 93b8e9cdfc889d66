package dev.faultlab.scenario.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineBuilderTest {
    private final TimelineBuilder builder = new TimelineBuilder(HostMap.of(LabFixtures.layout()));

    @Test
    void followsTheConnectionThroughNatAndMergesSightingsOfOnePacket() {
        Timeline timeline = builder.build(LabFixtures.mtuBlackhole(), "client-eth0.pcapng", 4, "test", List.of())
                .orElseThrow();

        assertThat(timeline.lifelines()).containsExactly("client", "node-1", "pod-2-a");
        assertThat(timeline.events()).extracting(TimelineEvent::label).containsExactly(
                "[SYN] seq=0",
                "[SYN,ACK] seq=0 ack=1",
                "[ACK] seq=1 ack=1",
                "[PSH,ACK] seq=1 ack=1 len=1398 DF",
                "[PSH,ACK] seq=1399 ack=1 len=1307 DF",
                "[ACK] seq=1 ack=1 SACK 1399-2706",
                "[PSH,ACK] seq=1 ack=1 len=1398 DF");
        TimelineEvent syn = timeline.events().get(0);
        assertThat(syn.from()).isEqualTo("client");
        assertThat(syn.to()).isEqualTo("pod-2-a");
        assertThat(syn.lost()).isFalse();
        assertThat(timeline.events().get(1).to()).isEqualTo("client");
    }

    @Test
    void marksTheSegmentThatNeverReachedThePodAsLostAndItsResendAsRetransmission() {
        Timeline timeline = builder.build(LabFixtures.mtuBlackhole(), "node-1-eth0.pcapng", 3, "test", List.of())
                .orElseThrow();

        TimelineEvent big = timeline.events().get(3);
        assertThat(big.lost()).isTrue();
        assertThat(big.lastSeen()).isEqualTo("node-1");
        assertThat(big.retransmission()).isFalse();
        TimelineEvent resend = timeline.events().get(6);
        assertThat(resend.retransmission()).isTrue();
        assertThat(resend.lost()).isTrue();
        assertThat(timeline.events()).filteredOn(TimelineEvent::lost).hasSize(2);
        assertThat(big.captureFile()).isEqualTo("client-eth0.pcapng");
        assertThat(big.frame()).isEqualTo(4);
    }

    @Test
    void aDuplicateAckIsNotARetransmission() {
        List<Observation> withDupAck = new java.util.ArrayList<>(LabFixtures.mtuBlackhole());
        Observation ack = withDupAck.get(5);
        withDupAck.add(new Observation(ack.captureHost(), ack.captureFile(), 99, ack.time().plusMillis(300),
                ack.source(), ack.sourcePort(), ack.destination(), ack.destinationPort(), ack.flags(), ack.seq(),
                ack.ack(), 0, true, List.of()));

        Timeline timeline = builder.build(withDupAck, "client-eth0.pcapng", 4, "test", List.of()).orElseThrow();

        assertThat(timeline.events()).hasSize(8);
        assertThat(timeline.events()).filteredOn(TimelineEvent::retransmission).hasSize(1)
                .allMatch(e -> e.label().contains("len=1398"));
    }

    @Test
    void packetsPastTheLastCapturePointAreUnconfirmedNotLostAndTheSenderComesFirst() {
        List<Observation> synsSeenOnTheNode = java.util.stream.IntStream.rangeClosed(1, 3)
                .mapToObj(i -> new Observation("node-1", "node-1-eth0.pcapng", i,
                        LabFixtures.T0.plusSeconds(i - 1), "10.244.1.2", 51662, LabFixtures.POD, 8080, "SYN", 7000,
                        0, 0, true, List.of()))
                .toList();

        Timeline timeline = builder.build(synsSeenOnTheNode, "node-1-eth0.pcapng", 1, "test", List.of())
                .orElseThrow();

        assertThat(timeline.lifelines()).containsExactly("pod-1-a", "node-1", "pod-2-a");
        assertThat(timeline.events()).hasSize(3).allMatch(TimelineEvent::unconfirmed)
                .noneMatch(TimelineEvent::lost).allMatch(e -> e.lastSeen().equals("node-1"));
        assertThat(timeline.events()).filteredOn(TimelineEvent::retransmission).hasSize(2);
    }

    @Test
    void aNodePortDestinationIsTheServicesPodEvenWithoutACaptureThere() {
        List<Observation> withoutPodCapture = LabFixtures.mtuBlackhole().stream()
                .filter(o -> !o.captureHost().equals("pod-2-a")).toList();

        Timeline timeline = builder.build(withoutPodCapture, "client-eth0.pcapng", 4, "test", List.of())
                .orElseThrow();

        assertThat(timeline.lifelines()).containsExactly("client", "node-1", "pod-2-a");
        TimelineEvent syn = timeline.events().get(0);
        assertThat(syn.to()).isEqualTo("pod-2-a");
        assertThat(syn.unconfirmed()).as("nothing captured at the pod").isTrue();
        assertThat(timeline.events().get(1).from()).as("the reply comes from the service's pod").isEqualTo("pod-2-a");
        assertThat(timeline.events()).noneMatch(TimelineEvent::lost);
    }

    @Test
    void unknownSeedFrameGivesNoTimeline() {
        assertThat(builder.build(LabFixtures.mtuBlackhole(), "client-eth0.pcapng", 99, "test", List.of())).isEmpty();
    }

    @Test
    void captureFilesBelongToTheLongestMatchingHostName() {
        HostMap hosts = HostMap.of(LabFixtures.layout());
        assertThat(hosts.captureHost(Path.of("captures/pod-2-a-eth0.pcapng"))).contains("pod-2-a");
        assertThat(hosts.captureHost(Path.of("node-1-tunl0.pcapng"))).contains("node-1");
        assertThat(hosts.captureHost(Path.of("router.pcapng"))).isEmpty();
        assertThat(hosts.host("10.244.2.1")).contains("node-2");
        assertThat(hosts.host("10.96.0.10")).isEmpty();
    }
}
