package dev.faultlab.scenario.report;

/**
 * Builds well-formed HTML/SVG text. Every piece of text and every attribute value goes through
 * {@link #escape(String)}, so names taken from captures or scenario files cannot break the page; the output is
 * also well-formed XML, which lets tests parse reports with the JDK's XML parser.
 */
public final class Markup {
    private final StringBuilder out = new StringBuilder(8192);

    /** Opens {@code tag} with attributes given as name, value pairs; a null value omits the attribute. */
    public Markup open(String tag, String... attributes) {
        out.append('<').append(tag);
        appendAttributes(attributes);
        out.append('>');
        return this;
    }

    public Markup close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** A complete element holding escaped text. */
    public Markup element(String tag, Object text, String... attributes) {
        return open(tag, attributes).text(text).close(tag);
    }

    /** An element without content, written self-closing ({@code <line .../>}). */
    public Markup empty(String tag, String... attributes) {
        out.append('<').append(tag);
        appendAttributes(attributes);
        out.append("/>");
        return this;
    }

    public Markup text(Object text) {
        out.append(escape(text == null ? "" : String.valueOf(text)));
        return this;
    }

    /** Appends markup produced by another {@link Markup} (already escaped). */
    public Markup append(Markup other) {
        out.append(other.out);
        return this;
    }

    /** Appends a fixed, trusted fragment such as the page's style sheet; never use it for data. */
    public Markup trusted(String fragment) {
        out.append(fragment);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('\uFFFD'); // control characters are not allowed in XML 1.0
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private void appendAttributes(String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs, got " + attributes.length);
        }
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
            }
        }
    }
}
