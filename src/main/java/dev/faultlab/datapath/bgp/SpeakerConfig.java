package dev.faultlab.datapath.bgp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * One node's speaker configuration, written by the lab as a small text file beside bird's and gobgpd's (so a lab's
 * {@code bgp/} directory shows every node's configuration whatever the speaker) and read by the {@link Speaker}:
 * <pre>
 * router-id 192.168.100.11
 * as 64512
 * hold-time 9
 * keepalive 3
 * graceful-restart 60        (or: graceful-restart off)
 * announce 10.244.1.0/24
 * neighbor 192.168.100.12 active    (this side connects)
 * neighbor 192.168.100.13 passive   (this side waits for the peer to connect)
 * </pre>
 *
 * @param restartTimeSeconds the graceful restart time announced, empty when graceful restart is off
 */
public record SpeakerConfig(String routerId, long as, int holdTimeSeconds, int keepaliveSeconds,
                            OptionalInt restartTimeSeconds, String announce, List<Peer> neighbors) {
    private static final List<String> SETTINGS = List.of("router-id", "as", "hold-time", "keepalive",
            "graceful-restart", "announce");

    /**
     * A configured neighbor. Only one side of each pair connects, as the lab's gobgpd mesh does: both sides
     * dialing at once is a connection collision, which the speaker resolves (RFC 4271 section 6.8) when its peer
     * is a bird that dials anyway, but which costs a mesh of 100 nodes 4,950 extra connections.
     */
    public record Peer(String address, boolean active) {
    }

    public SpeakerConfig {
        neighbors = List.copyOf(neighbors);
        Ipv4.parse(routerId);
        Prefix.parse(announce);
        neighbors.forEach(n -> Ipv4.parse(n.address()));
    }

    public String format() {
        StringBuilder text = new StringBuilder()
                .append("router-id ").append(routerId).append('\n')
                .append("as ").append(as).append('\n')
                .append("hold-time ").append(holdTimeSeconds).append('\n')
                .append("keepalive ").append(keepaliveSeconds).append('\n')
                .append("graceful-restart ").append(restartTimeSeconds.isPresent()
                        ? String.valueOf(restartTimeSeconds.getAsInt()) : "off").append('\n')
                .append("announce ").append(announce).append('\n');
        neighbors.forEach(n -> text.append("neighbor ").append(n.address()).append(n.active() ? " active" : " passive")
                .append('\n'));
        return text.toString();
    }

    /** Reads {@link #format()}'s text; a missing or unknown setting is one line naming it. */
    public static SpeakerConfig parse(String text) {
        Map<String, String> settings = new HashMap<>();
        List<Peer> neighbors = new ArrayList<>();
        for (String line : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String[] words = line.split("\\s+");
            if (words.length == 3 && words[0].equals("neighbor")) {
                neighbors.add(new Peer(words[1], words[2].equals("active")));
            } else if (words.length == 2 && SETTINGS.contains(words[0])) {
                settings.put(words[0], words[1]);
            } else {
                throw new IllegalArgumentException("speaker config line '" + line + "' is not one of "
                        + SETTINGS.stream().map(s -> s + " VALUE").collect(Collectors.joining(", "))
                        + ", neighbor ADDRESS active|passive");
            }
        }
        SETTINGS.stream().filter(s -> !settings.containsKey(s)).findFirst().ifPresent(s -> {
            throw new IllegalArgumentException("speaker config lacks '" + s + "': add a line '" + s + " VALUE'");
        });
        String restart = settings.get("graceful-restart");
        return new SpeakerConfig(settings.get("router-id"), Long.parseLong(settings.get("as")),
                Integer.parseInt(settings.get("hold-time")), Integer.parseInt(settings.get("keepalive")),
                restart.equals("off") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(restart)),
                settings.get("announce"), neighbors);
    }
}
