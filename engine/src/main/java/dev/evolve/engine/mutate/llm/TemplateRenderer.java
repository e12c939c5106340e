package dev.evolve.engine.mutate.llm;

import java.util.Map;
import java.util.TreeSet;

/**
 * Fills {@code {{name}}} placeholders (letters, digits, {@code _} and {@code -}) in one pass. Values are inserted
 * verbatim and never scanned again, so a program's source may contain braces of any kind. A placeholder without a
 * value, or a {@code {{} that does not open a well-formed placeholder, is an error naming the template and line:
 * a user's override must not silently send a prompt with a hole in it.
 */
public final class TemplateRenderer {

    private TemplateRenderer() {
    }

    /**
     * The template with every placeholder replaced.
     *
     * @param templateName used in error messages only
     * @throws TemplateException on an unknown or malformed placeholder
     */
    public static String render(String templateName, String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("{{", i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            int close = template.indexOf("}}", open + 2);
            String name = close < 0 ? null : template.substring(open + 2, close).trim();
            if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
                throw new TemplateException("template " + templateName + ", line " + lineOf(template, open)
                        + ": malformed placeholder starting with "
                        + template.substring(open, Math.min(template.length(), open + 24)).replace("\n", "\\n")
                        + " (placeholders look like {{name}})");
            }
            String value = values.get(name);
            if (value == null) {
                throw new TemplateException("template " + templateName + ", line " + lineOf(template, open)
                        + ": unknown placeholder {{" + name + "}}; known placeholders: " + new TreeSet<>(values.keySet()));
            }
            out.append(value);
            i = close + 2;
        }
        return out.toString();
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int k = 0; k < index; k++) {
            if (text.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A template that cannot be rendered; the message names the template, the line and the placeholder. */
    public static final class TemplateException extends IllegalArgumentException {
        public TemplateException(String message) {
            super(message);
        }
    }
}
