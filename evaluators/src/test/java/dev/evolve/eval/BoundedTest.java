package dev.evolve.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedTest {

    @Test
    void aCyclicCauseChainIsWalkedOncePerCause() {
        var a = new IllegalStateException("a");
        var b = new IllegalArgumentException("b", a);
        a.initCause(b);
        assertThat(Bounded.causes(a)).containsExactly(a, b);
        assertThat(Bounded.stackTrace(a, 10_000)).contains("CIRCULAR REFERENCE");
    }

    @Test
    void longTextIsCutAndSaysSo() {
        String cut = Bounded.text("z".repeat(5_000_000), 100);
        assertThat(cut).hasSize(100).startsWith("zzz").endsWith("more characters cut]");
        assertThat(Bounded.text(null, 10)).isEmpty();
        assertThat(Bounded.text("short", 10)).isEqualTo("short");
        assertThat(Bounded.stackTrace(new RuntimeException("q".repeat(100_000)), 1_000)).hasSizeLessThan(1_100);
    }

    @Test
    void aThrowableWhoseGetMessageThrowsIsStillDescribed() {
        var hostile = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException("no");
            }
        };
        assertThat(Bounded.describe(hostile, 200)).contains("getMessage threw java.lang.UnsupportedOperationException");
    }

    @Test
    void outcomesCapWhatTheyAreGiven() {
        String huge = "m".repeat(1_000_000);
        assertThat(new EvaluationOutcome.Rejected(huge).detail()).hasSizeLessThanOrEqualTo(Bounded.MESSAGE_CHARS);
        var crash = new EvaluationOutcome.Crashed(EvaluationOutcome.Crashed.Kind.EXCEPTION, huge, huge, huge);
        assertThat(crash.message()).hasSizeLessThanOrEqualTo(Bounded.MESSAGE_CHARS);
        assertThat(crash.stackTrace()).hasSizeLessThanOrEqualTo(Bounded.TRACE_CHARS);
        assertThat(crash.output()).hasSizeLessThanOrEqualTo(Bounded.OUTPUT_CHARS);
        assertThat(new CompileDiagnostic(1, 1, huge).message()).hasSizeLessThanOrEqualTo(Bounded.MESSAGE_CHARS);
    }
}
