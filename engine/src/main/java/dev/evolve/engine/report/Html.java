package dev.evolve.engine.report;

/** HTML escaping: every text a report takes from a run (sources, origins, details, names) goes through it. */
public final class Html {

    private Html() {
    }

    /** {@code text} safe as element content and as a double- or single-quoted attribute value. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        sb.append("&#xFFFD;");           // control characters are not allowed in HTML text
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
