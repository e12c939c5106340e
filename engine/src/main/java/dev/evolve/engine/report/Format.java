package dev.evolve.engine.report;

import java.util.Locale;

/** Numbers as reports print them: fixed decimals, no locale surprises, a dash for what is not known. */
final class Format {

    static final String NONE = "–";

    private Format() {
    }

    static String number(Double v, int decimals) {
        if (v == null || !Double.isFinite(v)) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    /** Two decimals below 10, one below 100, none above: {@code 3.57}, {@code 75.1}, {@code 112}. */
    static String figure(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return NONE;
        }
        double a = Math.abs(v);
        return number(v, a < 10 ? 2 : a < 100 ? 1 : 0);
    }

    static String speedup(Double v) {
        return v == null || !Double.isFinite(v) ? NONE : figure(v) + "×";
    }

    /** A share of a limit as a percentage ({@code 85 %}, {@code 4.2 %}), or the dash. */
    static String share(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return NONE;
        }
        double pct = 100 * v;
        return (pct >= 10 ? String.format(java.util.Locale.ROOT, "%.0f", pct)
                : String.format(java.util.Locale.ROOT, "%.2g", pct)) + " %";
    }

    /** A metric as a custom evaluator gave it: up to 6 significant digits ({@code 2.08396}, {@code 1522.4}). */
    static String metric(Double v) {
        return v == null || !Double.isFinite(v) ? NONE : dev.evolve.eval.EvaluationOutcome.Scored.format(v);
    }

    /** A metric in a small space: up to 3 significant digits ({@code 2.08}, {@code 1.52e+03}). */
    static String metricShort(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%.3g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                .replaceFirst("\\.(e|$)", "$1");
    }

    /** A difference with its sign: {@code +0.153771}, {@code −1449.2}. */
    static String signedMetric(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return NONE;
        }
        return v > 0 ? "+" + metric(v) : v < 0 ? "−" + metric(-v) : "0";
    }

    static String integer(Long v) {
        return v == null ? NONE : String.format(Locale.ROOT, "%,d", v);
    }

    /** {@code 609.8} seconds as {@code 10 min 10 s}; under a minute as {@code 42.0 s}. */
    static String duration(Double seconds) {
        if (seconds == null || !Double.isFinite(seconds)) {
            return NONE;
        }
        if (seconds < 60) {
            return number(seconds, 1) + " s";
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    /** A value with its error: {@code 3.573 ± 0.275}; just the value when the error is unknown. */
    static String withError(Double v, Double error, int decimals) {
        if (v == null) {
            return NONE;
        }
        return error == null ? number(v, decimals) : number(v, decimals) + " ± " + number(error, decimals);
    }

    /** An ISO-8601 instant as {@code 2026-11-29 05:27 UTC}; other text as it is. */
    static String timestamp(String iso) {
        if (iso == null) {
            return NONE;
        }
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                    .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    /** The first ten hex digits of a program id. */
    static String shortId(String id) {
        return id == null ? NONE : id.length() > 10 ? id.substring(0, 10) : id;
    }
}
