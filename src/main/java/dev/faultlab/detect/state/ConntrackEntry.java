package dev.faultlab.detect.state;

/**
 * One {@code conntrack -L -o extended} line: the original direction's tuple and, for TCP, its state.
 *
 * @param protocol   {@code tcp}, {@code udp}...
 * @param state      TCP state ({@code TIME_WAIT}, {@code ESTABLISHED}...) or null
 * @param timeout    seconds left
 * @param source     original source address
 * @param destination original destination address
 * @param sourcePort original source port (-1 when none)
 * @param destinationPort original destination port (-1 when none)
 * @param line       the line as printed
 */
public record ConntrackEntry(String protocol, String state, long timeout, String source, String destination,
                             int sourcePort, int destinationPort, String line) {
}
