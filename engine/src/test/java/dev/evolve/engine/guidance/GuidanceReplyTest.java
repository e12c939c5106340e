package dev.evolve.engine.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.kernels.EvolveBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuidanceReplyTest {

    private static GuidanceReply parse(String reply) {
        return GuidanceReply.parse(reply, 120, List.of("Focus on memory access."));
    }

    private static String refusal(String reply) {
        return ((GuidanceReply.Refused) parse(reply)).reason();
    }

    @Test
    void theTextBetweenTheTagsIsTakenTidied() {
        assertThat(parse("Here is my idea.\n<guidance>\n  Block for the L1 cache,\t then unroll.  \n\n\n\nKeep it correct.\n"
                + "</guidance>\nGood luck.")).isEqualTo(new GuidanceReply.Accepted(
                        "Block for the L1 cache,  then unroll.\n\nKeep it correct."));
        assertThat(parse("<GUIDANCE>\"Hoist invariant loads.\"")).isEqualTo(
                new GuidanceReply.Accepted("Hoist invariant loads."));          // no closing tag, quotes dropped
    }

    @Test
    void garbageEmptyTooLongCodeAndRepeatsAreKeptOut() {
        assertThat(refusal("")).isEqualTo("empty reply");
        assertThat(refusal("Just use more threads.")).contains("no <guidance>");
        assertThat(refusal("<guidance>   </guidance>")).contains("nothing between");
        assertThat(refusal("<guidance>" + "x".repeat(121) + "</guidance>")).contains("121 characters");
        assertThat(refusal("<guidance>```java\nint x;\n```</guidance>")).contains("code");
        assertThat(refusal("<guidance>" + EvolveBlock.START + "</guidance>")).contains("code");
        assertThat(refusal("<guidance>Go\u0007 faster</guidance>")).contains("control");
        assertThat(refusal("<guidance>focus on   MEMORY access.</guidance>")).contains("already in use");
    }
}
