package dev.faultlab.capture.live;

import dev.faultlab.linux.NetworkNamespace;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** Sends UDP datagrams from inside a namespace on a dedicated thread that joins it (the way captures do). */
final class UdpSender {
    private UdpSender() {
    }

    static void send(Path netns, String destination, int port, int count, int payloadBytes) {
        NetworkNamespace.call("test-sender", netns, () -> {
            try (DatagramSocket socket = new DatagramSocket()) {
                byte[] payload = new byte[payloadBytes];
                for (int i = 0; i < count; i++) {
                    socket.send(new DatagramPacket(payload, payload.length, new InetSocketAddress(destination, port)));
                }
            }
            return null;
        });
    }
}
