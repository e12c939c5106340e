package dev.evolve.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamCaptureTest {

    private static ByteArrayInputStream lines(int count) {
        var b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append("line ").append(i).append('\n');
        }
        return new ByteArrayInputStream(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headKeepsTheFirstBytesAndCountsTheRest() throws InterruptedException {
        var c = StreamCapture.head(lines(1000), 20, "test-head");
        c.awaitEnd(5000);
        assertThat(c.text()).startsWith("line 0\nline 1\nline 2").contains("[output truncated: ")
                .doesNotContain("line 999");
    }

    @Test
    void tailKeepsTheLastFullLinesAndSaysHowMuchWentBefore() throws InterruptedException {
        var c = StreamCapture.tail(lines(1000), 30, "test-tail");
        c.awaitEnd(5000);
        String text = c.text();
        assertThat(text).startsWith("[").contains("earlier bytes dropped]\n").endsWith("line 999\n")
                .doesNotContain("line 0\n");
        String kept = text.substring(text.indexOf('\n') + 1);
        assertThat(kept).startsWith("line ");               // starts at a full line
    }

    @Test
    void shortOutputIsKeptWholeAndResetForgetsIt() throws InterruptedException {
        var head = StreamCapture.head(lines(2), 1000, "test-short-head");
        var tail = StreamCapture.tail(lines(2), 1000, "test-short-tail");
        head.awaitEnd(5000);
        tail.awaitEnd(5000);
        assertThat(head.text()).isEqualTo("line 0\nline 1\n");
        assertThat(tail.text()).isEqualTo("line 0\nline 1\n");
        head.reset();
        tail.reset();
        assertThat(head.text()).isEmpty();
        assertThat(tail.text()).isEmpty();
    }
}
