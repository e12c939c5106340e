package dev.evolve.engine.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording keeps every exchange; a replay serves each purpose in its own recorded order. */
class RecordReplayTest {

    @TempDir
    Path run;

    private static final ModelRequest EDIT = new ModelRequest("", "improve this", 0.6, 100);
    private static final ModelRequest GUIDE = new ModelRequest("", "rewrite the guidance", 0.8, 100, "guidance");

    @Test
    void aPromptAskedTwiceKeepsBothRepliesAndPurposesReplayApart() throws Exception {
        var n = new AtomicInteger();
        ModelClient numbered = prompt -> new Completion(prompt.purpose() + " reply " + n.incrementAndGet(), "m", 1, 1,
                Duration.ZERO, 1);
        var recording = new RecordingModelClient(numbered, run);
        recording.complete(EDIT);
        recording.complete(GUIDE);
        recording.complete(EDIT);
        try (var files = Files.list(run.resolve("llm"))) {
            assertThat(files.count()).isEqualTo(3);
        }
        assertThat(GUIDE.sha256()).isNotEqualTo(new ModelRequest("", "rewrite the guidance", 0.8, 100).sha256());
        assertThat(EDIT.sha256()).isEqualTo(new ModelRequest("", "improve this", 0.6, 100, null).sha256());

        var exact = new ReplayModelClient(run);
        assertThat(exact.complete(EDIT).text()).isEqualTo("edit reply 1");
        assertThat(exact.complete(EDIT).text()).isEqualTo("edit reply 3");
        assertThat(exact.complete(EDIT).text()).isEqualTo("edit reply 3");   // asked more often: the last
        assertThat(exact.complete(GUIDE).text()).isEqualTo("guidance reply 2");

        // in order: prompts that were never recorded get the next reply of their own purpose
        var inOrder = new ReplayModelClient(run, true);
        assertThat(inOrder.complete(new ModelRequest("", "another guidance request", 0.8, 100, "guidance")).text())
                .isEqualTo("guidance reply 2");
        assertThat(inOrder.complete(new ModelRequest("", "another edit", 0.6, 100)).text()).isEqualTo("edit reply 1");
        assertThat(inOrder.complete(EDIT).text()).isEqualTo("edit reply 3");
    }
}
