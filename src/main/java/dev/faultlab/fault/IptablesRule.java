package dev.faultlab.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code -A CHAIN ...} line of {@code iptables-save}, split into arguments the way iptables quoted them
 * (comments with spaces are double-quoted), so a fault can delete or replace the very rule a backend installed.
 *
 * @param chain the chain
 * @param spec  the rule's arguments after the chain name
 */
record IptablesRule(String chain, List<String> spec) {
    public IptablesRule {
        spec = List.copyOf(spec);
    }

    /** Parses an {@code iptables-save} rule line ({@code -A CHAIN args...}). */
    public static IptablesRule parse(String line) {
        List<String> tokens = tokens(line.strip());
        if (tokens.size() < 2 || !tokens.get(0).equals("-A")) {
            throw new IllegalArgumentException("not an iptables-save rule line: " + line);
        }
        return new IptablesRule(tokens.get(1), tokens.subList(2, tokens.size()));
    }

    /** All rules of one {@code iptables-save} table dump, in order. */
    public static List<IptablesRule> parseAll(String iptablesSave) {
        return iptablesSave.lines().filter(l -> l.startsWith("-A ")).map(IptablesRule::parse).toList();
    }

    public boolean jumpsTo(String target) {
        int j = spec.indexOf("-j");
        return j >= 0 && j + 1 < spec.size() && spec.get(j + 1).equals(target);
    }

    public boolean has(String argument) {
        return spec.contains(argument);
    }

    /** The argument after {@code option}, or an empty string when the rule lacks it. */
    public String valueOf(String option) {
        int at = spec.indexOf(option);
        return at >= 0 && at + 1 < spec.size() ? spec.get(at + 1) : "";
    }

    /** This rule without {@code option} and its value. */
    public IptablesRule without(String option) {
        List<String> fewer = new ArrayList<>(spec);
        int at = fewer.indexOf(option);
        if (at >= 0) {
            fewer.subList(at, Math.min(at + 2, fewer.size())).clear();
        }
        return new IptablesRule(chain, fewer);
    }

    /** This rule with more arguments appended (target options go after {@code -j}). */
    public IptablesRule plus(String... arguments) {
        List<String> more = new ArrayList<>(spec);
        more.addAll(List.of(arguments));
        return new IptablesRule(chain, more);
    }

    /** This rule with a match inserted before everything else (e.g. {@code -p tcp}). */
    public IptablesRule withLeading(String... arguments) {
        List<String> more = new ArrayList<>(List.of(arguments));
        more.addAll(spec);
        return new IptablesRule(chain, more);
    }

    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean inToken = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quoted && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                inToken = true;
            } else if (c == ' ' && !quoted) {
                if (inToken) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}
