package dev.faultlab.detect.state;

/**
 * One route from {@code ip -j route show table all}.
 *
 * @param destination {@code default}, a prefix or an address
 * @param gateway     next hop, or null for directly connected routes
 * @param device      output device, or null (blackhole/unreachable)
 * @param protocol    proto as printed: a name ({@code kernel}, {@code bird}) or a number ({@code 17} for
 *                    kube-router)
 * @param type        route type: {@code unicast} (absent in the JSON), {@code local}, {@code blackhole}...
 * @param table       routing table, {@code main} when absent
 */
public record Route(String destination, String gateway, String device, String protocol, String type, String table) {
    /** The destination as a prefix, or null when it is not one. */
    public Cidr prefix() {
        return Cidr.parseOrNull(destination);
    }

    /** {@code 10.244.2.0/24 via 192.168.100.12 dev eth0 proto 17}, as {@code ip route} prints it. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        if (!"unicast".equals(type)) {
            s.append(type).append(' ');
        }
        s.append(destination);
        if (gateway != null) {
            s.append(" via ").append(gateway);
        }
        if (device != null) {
            s.append(" dev ").append(device);
        }
        if (protocol != null) {
            s.append(" proto ").append(protocol);
        }
        if (!"main".equals(table)) {
            s.append(" table ").append(table);
        }
        return s.toString();
    }
}
