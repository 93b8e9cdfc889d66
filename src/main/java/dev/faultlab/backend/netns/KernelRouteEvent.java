package dev.faultlab.backend.netns;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One line of {@code ip monitor route} about a gatewayed route that bird wrote into a given table, e.g.
 * {@code Deleted 10.244.1.0/24 via 192.168.100.11 dev eth0 table 201 proto bird metric 32}.
 *
 * @param deleted whether the route went away
 * @param prefix  destination, e.g. {@code 10.244.1.0/24}
 * @param gateway next hop
 */
record KernelRouteEvent(boolean deleted, String prefix, String gateway) {
    /** The event a line describes, or empty when it is about another table, protocol or a route without gateway. */
    static Optional<KernelRouteEvent> parse(String line, String table) {
        List<String> words = Arrays.asList(line.strip().split("\\s+"));
        boolean deleted = !words.isEmpty() && words.get(0).equals("Deleted");
        List<String> route = deleted ? words.subList(1, words.size()) : words;
        if (route.isEmpty() || !route.get(0).contains("/") || !table.equals(after(route, "table"))
                || !"bird".equals(after(route, "proto")) || after(route, "via") == null) {
            return Optional.empty();
        }
        return Optional.of(new KernelRouteEvent(deleted, route.get(0), after(route, "via")));
    }

    private static String after(List<String> words, String key) {
        int i = words.indexOf(key);
        return i >= 0 && i + 1 < words.size() ? words.get(i + 1) : null;
    }
}
