package dev.evolve.engine.mutate.llm;

import dev.evolve.kernels.EvolveBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a model's reply into a child source. Lenient about noise (prose around the edit, code fences with or without
 * a language tag, CRLF, trailing whitespace, blank lines at the edges), strict about the result: every edit lands
 * inside the base source's evolve block, and anything else is {@link EditResult.Rejected} with a reason written for
 * the model.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>An empty reply, or one over the size limit, is rejected.</li>
 *   <li>If the reply has a {@code <<<<<<< SEARCH} line it is read as SEARCH/REPLACE blocks
 *       ({@code <<<<<<< SEARCH}, {@code =======}, {@code >>>>>>> REPLACE}; five or more marker characters), wherever
 *       they stand, fenced or not. Blocks apply in order to the evolve block's body. Each SEARCH must match exactly
 *       one place: first exactly (line by line, ignoring trailing whitespace), and only when that finds nothing, with
 *       whitespace normalized and blank lines ignored. No match, several matches, a match outside the evolve block,
 *       a REPLACE holding a marker, or a malformed block rejects the whole reply, quoting the SEARCH's first line.</li>
 *   <li>Otherwise the longest fenced code block is taken ({@code ```} with or without a language tag; an unclosed
 *       fence is rejected as cut off). Holding one start and one end marker, it is a whole file: its non-blank
 *       lines outside the markers, whitespace-normalized, must equal the base's, or the reply is rejected naming the
 *       first differing line; the child keeps the base's outside text byte for byte. Holding no marker, it is the new
 *       body, unless it has {@code package}/{@code import} lines or declares the base's class (a whole file without
 *       markers: rejected).</li>
 *   <li>No SEARCH block and no fence: rejected, "no edit found".</li>
 *   <li>An edit that leaves the body unchanged (ignoring whitespace) is rejected.</li>
 * </ol>
 */
public final class EditParser {

    /** Replies longer than this are refused unread; no useful edit of one class is this long. */
    public static final int DEFAULT_MAX_REPLY_CHARS = 1_000_000;

    private static final Pattern SEARCH = Pattern.compile("<{5,}\\s*SEARCH");
    private static final Pattern DIVIDER = Pattern.compile("={5,}");
    private static final Pattern REPLACE = Pattern.compile(">{5,}\\s*REPLACE");
    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(?:class|record|interface|enum)\\s+([A-Za-z_$][\\w$]*)");

    private final int maxReplyChars;

    /** A parser with {@link #DEFAULT_MAX_REPLY_CHARS}. */
    public EditParser() {
        this(DEFAULT_MAX_REPLY_CHARS);
    }

    public EditParser(int maxReplyChars) {
        if (maxReplyChars < 1) {
            throw new IllegalArgumentException("maxReplyChars must be >= 1, was " + maxReplyChars);
        }
        this.maxReplyChars = maxReplyChars;
    }

    /**
     * The child source the reply describes, or why there is none.
     *
     * @param reply      the model's reply, as received
     * @param baseSource the source the edit refers to; must hold one evolve block
     * @throws IllegalArgumentException if {@code baseSource} has no single evolve block (a caller's error, not the model's)
     */
    public EditResult parse(String reply, String baseSource) {
        EvolveBlock base = EvolveBlock.of(ReplyLines.normalizeNewlines(baseSource))
                .orElseThrow(() -> new IllegalArgumentException("base source holds no single evolve block"));
        if (reply == null || reply.isBlank()) {
            return new EditResult.Rejected("no edit found: the reply was empty. Answer with SEARCH/REPLACE blocks or one fenced code block.");
        }
        if (reply.length() > maxReplyChars) {
            return new EditResult.Rejected("the reply was too long (" + reply.length() + " characters, limit " + maxReplyChars
                    + "); answer with a short edit of the evolve block only.");
        }
        List<String> lines = ReplyLines.lines(reply);
        boolean hasSearch = lines.stream().anyMatch(l -> SEARCH.matcher(l.strip()).matches());
        EditResult result;
        if (hasSearch) {
            result = searchReplace(lines, base);
        } else {
            result = codeBlock(lines, base);
        }
        if (result instanceof EditResult.Applied applied) {
            String newBody = EvolveBlock.of(applied.source()).orElseThrow().body();
            if (ReplyLines.normalizedNonBlank(ReplyLines.splitLines(newBody)).equals(ReplyLines.normalizedNonBlank(ReplyLines.splitLines(base.body())))) {
                return new EditResult.Rejected("the edit leaves the evolve block unchanged; change the code to make it faster.");
            }
        }
        return result;
    }

    // ---- SEARCH/REPLACE ------------------------------------------------------------------------------------------

    private enum State { OUTSIDE, IN_SEARCH, IN_REPLACE }

    private EditResult searchReplace(List<String> lines, EvolveBlock base) {
        List<ParsedEdit.Block> blocks = new ArrayList<>();
        State state = State.OUTSIDE;
        List<String> search = new ArrayList<>();
        List<String> replace = new ArrayList<>();
        for (String line : lines) {
            String marker = line.strip();
            int number = blocks.size() + 1;
            switch (state) {
                case OUTSIDE -> {
                    if (SEARCH.matcher(marker).matches()) {
                        state = State.IN_SEARCH;
                        search.clear();
                        replace.clear();
                    } else if (REPLACE.matcher(marker).matches()) {
                        return rejected("malformed SEARCH/REPLACE: a >>>>>>> REPLACE line after block " + (number - 1)
                                + " has no <<<<<<< SEARCH before it.");
                    }
                }
                case IN_SEARCH -> {
                    if (DIVIDER.matcher(marker).matches()) {
                        state = State.IN_REPLACE;
                    } else if (SEARCH.matcher(marker).matches() || REPLACE.matcher(marker).matches()) {
                        return malformed(number, search, "it has no ======= line between SEARCH and REPLACE.");
                    } else {
                        search.add(line);
                    }
                }
                case IN_REPLACE -> {
                    if (REPLACE.matcher(marker).matches()) {
                        blocks.add(new ParsedEdit.Block(ReplyLines.join(ReplyLines.trimBlankEdges(search)), ReplyLines.join(ReplyLines.trimBlankEdges(replace))));
                        state = State.OUTSIDE;
                    } else if (SEARCH.matcher(marker).matches() || DIVIDER.matcher(marker).matches()) {
                        return malformed(number, search, "it is not closed by a >>>>>>> REPLACE line.");
                    } else {
                        replace.add(line);
                    }
                }
            }
        }
        if (state != State.OUTSIDE) {
            return malformed(blocks.size() + 1, search, "the reply ends before its >>>>>>> REPLACE line (cut off?).");
        }
        ParsedEdit.SearchReplace edit = new ParsedEdit.SearchReplace(blocks);
        List<String> body = new ArrayList<>(ReplyLines.splitLines(base.body()));
        for (int b = 0; b < blocks.size(); b++) {
            ParsedEdit.Block block = blocks.get(b);
            String label = "SEARCH block " + (b + 1) + " (first line " + ReplyLines.quote(ReplyLines.splitLines(block.search())) + ")";
            List<String> searchLines = ReplyLines.splitLines(block.search());
            if (searchLines.isEmpty()) {
                return rejected("SEARCH block " + (b + 1) + " is empty; copy the lines to replace from the current program.");
            }
            List<String> replaceLines = ReplyLines.splitLines(block.replace());
            if (replaceLines.stream().anyMatch(EditParser::hasMarker)) {
                return rejected(label + ": its REPLACE contains an EVOLVE-BLOCK marker; the markers must not move or change.");
            }
            if (searchLines.stream().anyMatch(EditParser::hasMarker)) {
                return rejected(label + " includes an EVOLVE-BLOCK marker line; search only for lines between the markers.");
            }
            List<int[]> exact = exactMatches(body, searchLines);
            List<int[]> matches = exact.isEmpty() ? normalizedMatches(body, searchLines) : exact;
            if (matches.size() > 1) {
                return rejected(label + " matches " + matches.size()
                        + " places in the evolve block; include more surrounding lines so that it matches exactly one.");
            }
            if (matches.isEmpty()) {
                List<String> outside = new ArrayList<>(ReplyLines.splitLines(base.before()));
                outside.addAll(ReplyLines.splitLines(base.after()));
                if (!normalizedMatches(outside, searchLines).isEmpty()) {
                    return rejected(label + " matches text outside the evolve block; only the text between "
                            + EvolveBlock.START + " and " + EvolveBlock.END + " may change (imports, the class declaration"
                            + " and everything else outside must stay as they are).");
                }
                return rejected(label + " does not match the evolve block"
                        + (b > 0 ? " (after the earlier blocks were applied)" : "")
                        + "; copy the SEARCH lines exactly from the current program.");
            }
            int[] span = matches.getFirst();
            List<String> next = new ArrayList<>(body.subList(0, span[0]));
            next.addAll(replaceLines);
            next.addAll(body.subList(span[1], body.size()));
            body = next;
        }
        return new EditResult.Applied(base.withBody(ReplyLines.join(body)), edit);
    }

    /** Spans [from, to) of body lines equal to the search lines, trailing whitespace already stripped. */
    private static List<int[]> exactMatches(List<String> body, List<String> search) {
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i + search.size() <= body.size(); i++) {
            if (body.subList(i, i + search.size()).equals(search)) {
                spans.add(new int[] {i, i + search.size()});
            }
        }
        return spans;
    }

    /** Spans of body lines whose non-blank lines, whitespace-normalized, equal the search's non-blank lines. */
    private static List<int[]> normalizedMatches(List<String> body, List<String> search) {
        List<String> wanted = ReplyLines.normalizedNonBlank(search);
        List<Integer> index = new ArrayList<>();
        List<String> normalized = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            String n = ReplyLines.normalize(body.get(i));
            if (!n.isEmpty()) {
                index.add(i);
                normalized.add(n);
            }
        }
        List<int[]> spans = new ArrayList<>();
        if (wanted.isEmpty()) {
            return spans;
        }
        for (int i = 0; i + wanted.size() <= normalized.size(); i++) {
            if (normalized.subList(i, i + wanted.size()).equals(wanted)) {
                spans.add(new int[] {index.get(i), index.get(i + wanted.size() - 1) + 1});
            }
        }
        return spans;
    }

    // ---- fenced code -----------------------------------------------------------------------------------------------

    private EditResult codeBlock(List<String> lines, EvolveBlock base) {
        List<String> best = null;
        List<String> current = null;
        int openedAt = -1;
        for (int i = 0; i < lines.size(); i++) {
            String marker = lines.get(i).strip();
            boolean fence = marker.startsWith("```") || marker.startsWith("~~~");
            if (current == null) {
                if (fence) {
                    current = new ArrayList<>();
                    openedAt = i + 1;
                }
            } else if (fence) {
                if (best == null || ReplyLines.chars(current) > ReplyLines.chars(best)) {
                    best = current;
                }
                current = null;
            } else {
                current.add(lines.get(i));
            }
        }
        if (current != null) {
            return rejected("the code block opened on line " + openedAt + " of the reply is never closed (cut off?); "
                    + "send the complete code block.");
        }
        if (best == null) {
            return rejected("no edit found: the reply holds neither SEARCH/REPLACE blocks nor a fenced code block.");
        }
        List<String> code = ReplyLines.trimBlankEdges(best);
        if (code.isEmpty()) {
            return rejected("no edit found: the code block is empty.");
        }
        long starts = code.stream().filter(l -> l.contains(EvolveBlock.START_WORD)).count();
        long ends = code.stream().filter(l -> l.contains(EvolveBlock.END_WORD)).count();
        if (starts == 1 && ends == 1) {
            return fileRewrite(ReplyLines.join(code), base);
        }
        if (starts + ends > 0) {
            return rejected("the code block holds " + starts + " " + EvolveBlock.START + " and " + ends + " "
                    + EvolveBlock.END + " lines; send either the whole file with exactly one of each, unchanged, "
                    + "or only the text between them.");
        }
        for (String line : code) {
            String s = line.strip();
            if (s.startsWith("package ") || s.startsWith("import ")) {
                return rejected("the code block looks like a whole file (it has the line `" + ReplyLines.clip(s) + "`) but lacks the "
                        + "EVOLVE-BLOCK markers; send only the text between the markers, or the whole file with the "
                        + "markers and everything outside them unchanged.");
            }
        }
        String className = declaredClass(base);
        if (className != null) {
            for (String line : code) {
                Matcher m = TYPE_DECLARATION.matcher(line);
                while (m.find()) {
                    if (m.group(1).equals(className)) {
                        return rejected("the code block declares class " + className + " itself (line `"
                                + ReplyLines.clip(line.strip()) + "`) but lacks the EVOLVE-BLOCK markers; send only the members "
                                + "between the markers, or the whole file with the markers and everything outside "
                                + "them unchanged.");
                    }
                }
            }
        }
        String body = ReplyLines.join(code);
        return new EditResult.Applied(base.withBody(body), new ParsedEdit.BodyRewrite(body));
    }

    private EditResult fileRewrite(String file, EvolveBlock base) {
        EvolveBlock proposed = EvolveBlock.of(file + "\n").orElse(null);
        if (proposed == null) {
            return rejected("the code block's " + EvolveBlock.START + " and " + EvolveBlock.END
                    + " lines are out of order; keep them exactly as in the current program.");
        }
        String before = outsideDifference("before the evolve block", ReplyLines.splitLines(base.before()), ReplyLines.splitLines(proposed.before()));
        if (before != null) {
            return rejected(before);
        }
        String after = outsideDifference("after the evolve block", ReplyLines.splitLines(base.after()), ReplyLines.splitLines(proposed.after()));
        if (after != null) {
            return rejected(after);
        }
        return new EditResult.Applied(base.withBody(proposed.body()), new ParsedEdit.FileRewrite(file));
    }

    /** Null when the two texts agree line by line (non-blank lines, whitespace-normalized); else the reason. */
    private static String outsideDifference(String where, List<String> parent, List<String> proposed) {
        List<String> p = ReplyLines.nonBlankStripped(parent);
        List<String> q = ReplyLines.nonBlankStripped(proposed);
        for (int i = 0; i < Math.max(p.size(), q.size()); i++) {
            String a = i < p.size() ? p.get(i) : null;
            String b = i < q.size() ? q.get(i) : null;
            if (a != null && b != null && ReplyLines.normalize(a).equals(ReplyLines.normalize(b))) {
                continue;
            }
            String what = a == null ? "adds the line `" + ReplyLines.clip(b) + "`"
                    : b == null ? "drops the line `" + ReplyLines.clip(a) + "`"
                    : "changes `" + ReplyLines.clip(a) + "` into `" + ReplyLines.clip(b) + "`";
            return "the code block edits text outside the evolve block, which must stay exactly as in the current "
                    + "program: " + where + " it " + what + ". Only the text between " + EvolveBlock.START + " and "
                    + EvolveBlock.END + " may change.";
        }
        return null;
    }

    private static String declaredClass(EvolveBlock base) {
        Matcher m = TYPE_DECLARATION.matcher(base.before());
        String last = null;
        while (m.find()) {
            last = m.group(1); // the class that encloses the block is the last type opened before it
        }
        return last;
    }

    // ---- text helpers ----------------------------------------------------------------------------------------------

    private static EditResult rejected(String reason) {
        return new EditResult.Rejected(reason);
    }

    /** Block {@code number} breaks the SEARCH/REPLACE form; the reply is rejected quoting its SEARCH's first line. */
    private static EditResult malformed(int number, List<String> search, String why) {
        return rejected("malformed SEARCH/REPLACE block " + number + " (first line " + ReplyLines.quote(search) + "): "
                + why);
    }

    private static boolean hasMarker(String line) {
        return line.contains(EvolveBlock.START_WORD) || line.contains(EvolveBlock.END_WORD);
    }
}
