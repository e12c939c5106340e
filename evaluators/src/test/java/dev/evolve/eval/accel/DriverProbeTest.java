package dev.evolve.eval.accel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real child JVMs that answer, crash, fail or hang the way a driver can. */
class DriverProbeTest {

    /** A stand-in for a driver's discovery code: what it does is its first argument. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            switch (args[0]) {
                case "answer" -> DriverProbe.print(List.of("first", "HOME=" + System.getenv("HOME")));
                case "segfault" -> Runtime.getRuntime().halt(139);
                case "fail" -> {
                    System.err.println("clGetPlatformIDs: the ICD loader could not open libOpenCL");
                    System.exit(3);
                }
                case "hang" -> Thread.sleep(60_000);
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private static DriverProbe.Outcome probe(String what, Duration timeout) {
        return DriverProbe.run(Child.class, List.of(what), List.of(), Map.of("LANG", "C.UTF-8"), timeout);
    }

    @Test
    void anAnswerComesBackLineByLineAndTheChildSeesOnlyTheEnvironmentItIsGiven() {
        assertThat(probe("answer", Duration.ofSeconds(30)))
                .isEqualTo(new DriverProbe.Outcome.Printed(List.of("first", "HOME=null")));
    }

    @Test
    void aDriverThatCrashesCostsTheProbeNotTheCaller() {
        var outcome = probe("segfault", Duration.ofSeconds(30));
        assertThat(outcome).isInstanceOfSatisfying(DriverProbe.Outcome.Failed.class,
                f -> assertThat(f.reason()).contains("SIGSEGV").contains("listing devices"));
    }

    @Test
    void aFailureSaysTheLastThingTheChildReported() {
        var outcome = probe("fail", Duration.ofSeconds(30));
        assertThat(outcome).isInstanceOfSatisfying(DriverProbe.Outcome.Failed.class,
                f -> assertThat(f.reason()).contains("exited 3").contains("could not open libOpenCL"));
    }

    @Test
    void aDriverThatHangsIsStoppedAtTheTimeout() {
        long start = System.nanoTime();
        var outcome = probe("hang", Duration.ofSeconds(3));
        assertThat(outcome).isInstanceOfSatisfying(DriverProbe.Outcome.Failed.class,
                f -> assertThat(f.reason()).contains("did not answer within 3 s"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
}
