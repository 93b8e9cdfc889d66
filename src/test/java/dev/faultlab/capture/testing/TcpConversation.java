package dev.faultlab.capture.testing;

/**
 * One TCP connection's packets, with sequence numbers and timestamps kept consistent so tests read like the
 * incident they model: {@code c.syn()}, {@code c.synAck()}, {@code c.handshakeAck()}, {@code c.clientData(100)}...
 * Each method returns the IP packet; wrap it with {@link Frames#ethernet} or a VXLAN frame.
 */
public final class TcpConversation {
    private final String client;
    private final int clientPort;
    private final String server;
    private final int serverPort;
    private final long clientIsn;
    private final long serverIsn;
    private long clientNext;
    private long serverNext;
    private long clientTs = -1;
    private long serverTs = -1;

    public TcpConversation(String client, int clientPort, String server, int serverPort, long clientIsn,
                           long serverIsn) {
        this.client = client;
        this.clientPort = clientPort;
        this.server = server;
        this.serverPort = serverPort;
        this.clientIsn = clientIsn;
        this.serverIsn = serverIsn;
        this.clientNext = clientIsn + 1;
        this.serverNext = serverIsn + 1;
    }

    /** Turns on TCP timestamps with these starting values; each packet advances its sender's clock by 1. */
    public TcpConversation timestamps(long clientStart, long serverStart) {
        clientTs = clientStart;
        serverTs = serverStart;
        return this;
    }

    public long clientNext() {
        return clientNext;
    }

    public long serverNext() {
        return serverNext;
    }

    public long clientTs() {
        return clientTs;
    }

    public TcpSegment fromClient() {
        TcpSegment s = Frames.tcp(client, clientPort, server, serverPort);
        if (clientTs >= 0) {
            s.timestamps(clientTs++, serverTs);
        }
        return s;
    }

    public TcpSegment fromServer() {
        TcpSegment s = Frames.tcp(server, serverPort, client, clientPort);
        if (serverTs >= 0) {
            s.timestamps(serverTs++, clientTs);
        }
        return s;
    }

    public byte[] syn() {
        return fromClient().flags(TcpSegment.SYN).seq(clientIsn).mss(1460).sackPermitted().windowScale(7).ip();
    }

    public byte[] synAck() {
        return fromServer().flags(TcpSegment.SYN | TcpSegment.ACK).seq(serverIsn).ack(clientIsn + 1).mss(1460)
                .sackPermitted().windowScale(7).ip();
    }

    public byte[] handshakeAck() {
        return fromClient().seq(clientNext).ack(serverNext).ip();
    }

    /** New client data of {@code length} bytes (advances the client's sequence). */
    public byte[] clientData(int length) {
        byte[] p = fromClient().flags(TcpSegment.ACK | TcpSegment.PSH).seq(clientNext).ack(serverNext).payload(length)
                .ip();
        clientNext += length;
        return p;
    }

    /** Client data at an explicit sequence number (a retransmission or re-segmentation). */
    public byte[] clientDataAt(long seq, int length) {
        return fromClient().flags(TcpSegment.ACK | TcpSegment.PSH).seq(seq).ack(serverNext).payload(length).ip();
    }

    public byte[] serverData(int length) {
        byte[] p = fromServer().flags(TcpSegment.ACK | TcpSegment.PSH).seq(serverNext).ack(clientNext).payload(length)
                .ip();
        serverNext += length;
        return p;
    }

    /** Server ACK of everything the client sent so far. */
    public byte[] serverAck() {
        return fromServer().seq(serverNext).ack(clientNext).ip();
    }

    /** Server ACK of {@code ack} with one SACK block. */
    public byte[] serverAckWithSack(long ack, long sackLeft, long sackRight) {
        return fromServer().seq(serverNext).ack(ack).sack(sackLeft, sackRight).ip();
    }

    public byte[] clientAck() {
        return fromClient().seq(clientNext).ack(serverNext).ip();
    }

    public byte[] clientFin() {
        byte[] p = fromClient().flags(TcpSegment.FIN | TcpSegment.ACK).seq(clientNext).ack(serverNext).ip();
        clientNext++;
        return p;
    }

    public byte[] serverFin() {
        byte[] p = fromServer().flags(TcpSegment.FIN | TcpSegment.ACK).seq(serverNext).ack(clientNext).ip();
        serverNext++;
        return p;
    }

    public byte[] clientRst(long seq) {
        return Frames.tcp(client, clientPort, server, serverPort).flags(TcpSegment.RST).seq(seq).ip();
    }

    /**
     * A whole healthy exchange from {@code startMillis}: handshake, a request, a response, server closes
     * first (so TIME_WAIT is on the server), then the client; 1 ms between packets.
     */
    public TestCapture healthy(TestCapture capture, double startMillis, java.util.function.UnaryOperator<byte[]> frame) {
        byte[][] packets = {syn(), synAck(), handshakeAck(), clientData(100), serverAck(), serverData(200),
                clientAck(), serverFin(), clientFin(), serverAck()};
        for (int i = 0; i < packets.length; i++) {
            capture.at(startMillis + i, frame.apply(packets[i]));
        }
        return capture;
    }
}
