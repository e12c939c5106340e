package dev.evolve.eval.opencl;

import dev.evolve.eval.CompileDiagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an OpenCL build log into diagnostics with line numbers. Drivers differ in where they put
 * the severity: PoCL writes {@code error: /tmp/x.cl:12:5: message}, clang-based vendor compilers
 * {@code <kernel>:12:5: error: message}. Errors only; a log with none that still failed becomes
 * one diagnostic at line 0 carrying the start of the log.
 */
final class BuildLog {

    /** Diagnostics kept at most, and characters of an unparsed log. */
    static final int MAX_DIAGNOSTICS = 20;
    static final int MAX_RAW_CHARS = 4000;

    private static final Pattern SEVERITY_FIRST =
            Pattern.compile("^\\s*(?:fatal )?error:\\s*\\S*?:(\\d+):(\\d+):\\s*(.*)$");
    private static final Pattern LOCATION_FIRST =
            Pattern.compile("^\\s*\\S*?:(\\d+):(\\d+):\\s*(?:fatal )?error:\\s*(.*)$");

    private BuildLog() {
    }

    /** The errors in {@code log}; never empty (a failed build always says something). */
    static List<CompileDiagnostic> errors(String log) {
        List<CompileDiagnostic> out = new ArrayList<>();
        for (String line : log.split("\n")) {
            Matcher m = SEVERITY_FIRST.matcher(line);
            if (!m.matches()) {
                m = LOCATION_FIRST.matcher(line);
                if (!m.matches()) {
                    continue;
                }
            }
            if (out.size() < MAX_DIAGNOSTICS) {
                out.add(new CompileDiagnostic(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                        m.group(3).strip()));
            }
        }
        if (out.isEmpty()) {
            String raw = log.strip();
            if (raw.isEmpty()) {
                raw = "the build failed and the driver left no log";
            } else if (raw.length() > MAX_RAW_CHARS) {
                raw = raw.substring(0, MAX_RAW_CHARS) + "\n[build log truncated]";
            }
            out.add(new CompileDiagnostic(0, 0, raw));
        }
        return out;
    }
}
