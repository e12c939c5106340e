package dev.evolve.engine.guidance;

import dev.evolve.kernels.EvolveBlock;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a model's reply to a guidance rewrite request gives: the text between {@code <guidance>} and
 * {@code </guidance>} (the closing tag may be missing), with its whitespace tidied, or why it is kept out. A reply is
 * untrusted: no tags, nothing between them, text longer than the bound, code, edit markers, control characters, or a
 * piece already in use are all refused, never an error.
 */
public sealed interface GuidanceReply {

    /** New guidance, ready to be given. */
    record Accepted(String text) implements GuidanceReply {
    }

    /** Nothing usable; {@code reason} says why, for the event log. */
    record Refused(String reason) implements GuidanceReply {
    }

    Pattern OPEN = Pattern.compile("<guidance>", Pattern.CASE_INSENSITIVE);
    Pattern CLOSE = Pattern.compile("</guidance>", Pattern.CASE_INSENSITIVE);

    /**
     * @param maxChars the longest guidance accepted
     * @param inUse    the pieces in use: a reply repeating one (ignoring case and spacing) is refused
     */
    static GuidanceReply parse(String reply, int maxChars, Collection<String> inUse) {
        if (reply == null || reply.isBlank()) {
            return new Refused("empty reply");
        }
        Matcher open = OPEN.matcher(reply);
        if (!open.find()) {
            return new Refused("no <guidance> ... </guidance> in the reply");
        }
        Matcher close = CLOSE.matcher(reply);
        int end = close.find(open.end()) ? close.start() : reply.length();
        String text = tidy(reply.substring(open.end(), end));
        if (text.isEmpty()) {
            return new Refused("nothing between <guidance> and </guidance>");
        }
        if (text.length() > maxChars) {
            return new Refused("guidance of " + text.length() + " characters, more than " + maxChars);
        }
        if (text.contains("```") || text.contains("<<<<<<<") || text.contains(">>>>>>>")
                || text.contains(EvolveBlock.START) || text.contains(EvolveBlock.END)) {
            return new Refused("guidance holds code or edit markers");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            return new Refused("guidance holds control characters");
        }
        String key = key(text);
        if (inUse.stream().anyMatch(t -> key(t).equals(key))) {
            return new Refused("guidance already in use");
        }
        return new Accepted(text);
    }

    /** Lines stripped, tabs as spaces, runs of blank lines as one, surrounding quotes dropped. */
    private static String tidy(String raw) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ').strip();
        text = text.lines().map(String::strip).collect(java.util.stream.Collectors.joining("\n"))
                .replaceAll("\n{3,}", "\n\n");
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private static String key(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }
}
