package dev.faultlab.scenario.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} CI jobs sharing a fault matrix. The cases, in catalog order (sorted by scenario name), are
 * dealt to the shards like cards, back and forth ({@code 1..N, N..1, 1..N, ...}) so that fault runs (the slow
 * ones) and baselines, which alternate, spread evenly. The shards are disjoint, together cover every case exactly
 * once, and the split depends only on the catalog, never on the machine or on timing.
 *
 * @param index 1-based shard number
 * @param count number of shards
 */
public record MatrixShard(int index, int count) {
    /** Every case in one shard. */
    public static final MatrixShard ALL = new MatrixShard(1, 1);
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

    public MatrixShard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + " does not exist: use I/N with "
                    + "1 <= I <= N, e.g. --shard 1/3, --shard 2/3 and --shard 3/3 for three jobs");
        }
    }

    /** Parses {@code I/N}, e.g. {@code 2/3}; anything else is one line naming the form. */
    public static MatrixShard parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("--shard '" + text + "' is not I/N: write e.g. --shard 2/3 for the"
                    + " second of three jobs");
        }
        return new MatrixShard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** This shard's cases, in their order. */
    public List<MatrixCase> select(List<MatrixCase> cases) {
        List<MatrixCase> mine = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            if (shardOf(i) == index) {
                mine.add(cases.get(i));
            }
        }
        return mine;
    }

    /** The 1-based shard of the case at {@code position}. */
    int shardOf(int position) {
        int round = position / count;
        int offset = position % count;
        return 1 + (round % 2 == 0 ? offset : count - 1 - offset);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
