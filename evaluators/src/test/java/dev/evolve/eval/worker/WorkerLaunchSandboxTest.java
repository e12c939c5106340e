package dev.evolve.eval.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.sandbox.Bubblewrap;
import dev.evolve.eval.sandbox.ProcessLimits;
import dev.evolve.eval.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker's command line: the sandbox around it and the native-access walls in it (no process started). */
class WorkerLaunchSandboxTest {

    static final Bubblewrap BWRAP = new Bubblewrap(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/prlimit"),
            Path.of("/usr/bin/env"), ProcessLimits.defaults());

    @TempDir
    Path temp;

    WorkerLaunch thisJvm(List<String> options, Sandbox sandbox) {
        var here = WorkerLaunch.fromThisJvm(256, 1);
        return new WorkerLaunch(here.javaExecutable(), here.classPath(), 256, 1, WorkerEnvironment.minimal(), temp,
                options, false, sandbox);
    }

    @Test
    void theWorkerJvmRunsInsideBubblewrapWithItsPrivateDirectoryAsTheOneWritableFolder() throws Exception {
        Path dir = Files.createDirectory(temp.resolve("evolve-worker-1"));
        Path jar = Files.writeString(temp.resolve("user.jar"), "x");
        var launch = thisJvm(List.of(), BWRAP).withClassPathEntry(jar);

        List<String> cmd = launch.command(dir, List.of("-XX:AOTCache=" + temp.resolve("cache.aot")));
        String line = String.join(" ", cmd);

        assertThat(cmd.getFirst()).isEqualTo("/usr/bin/bwrap");
        assertThat(line).contains("--unshare-user --unshare-pid --unshare-net --unshare-ipc --unshare-uts",
                "--die-with-parent", "--new-session", "--ro-bind / /", "--dev /dev", "--proc /proc", "--tmpfs /tmp",
                "--bind " + dir + " " + dir, "--chdir " + dir,
                "-- /usr/bin/prlimit --nproc=1024 --nofile=4096 --fsize=268435456 --core=0 -- /usr/bin/env -u PWD "
                        + launch.javaExecutable());
        // the jar under /tmp stays readable (read-only); an AOT cache that is not there is not bound
        assertThat(line).contains("--ro-bind " + jar + " " + jar).doesNotContain("--ro-bind " + temp.resolve("cache.aot"));
        assertThat(line.indexOf("--tmpfs /tmp")).isLessThan(line.indexOf("--bind " + dir));
        assertThat(cmd.getLast()).isEqualTo(WorkerMain.class.getName());
        assertThat(line).doesNotContain("/dev/dri").doesNotContain("--dev-bind");
    }

    @Test
    void candidatesGetNoNativeAccessWhereTheJdkCanDenyIt() {
        List<String> cmd = thisJvm(List.of(), Sandbox.none()).command(temp);
        int feature = Runtime.version().feature();

        assertThat(cmd.contains("--illegal-native-access=deny")).isEqualTo(feature >= 24);
        assertThat(cmd.contains("--sun-misc-unsafe-memory-access=deny")).isEqualTo(feature >= 23);
        assertThat(cmd).noneMatch(o -> o.startsWith("--enable-native-access"));
    }

    @Test
    void aLaunchThatSetsTheOptionsItselfKeepsThem() {
        List<String> cmd = thisJvm(List.of("--sun-misc-unsafe-memory-access=warn", "--enable-native-access=ALL-UNNAMED"),
                Sandbox.none()).command(temp);

        assertThat(cmd).contains("--sun-misc-unsafe-memory-access=warn").doesNotContain("--sun-misc-unsafe-memory-access=deny")
                .contains("--enable-native-access=ALL-UNNAMED");
        assertThat(cmd.contains("--illegal-native-access=deny")).isEqualTo(Runtime.version().feature() >= 24);
    }

    @Test
    void theVersionOfAnotherJdkComesFromItsReleaseFile() throws Exception {
        Path jdk21 = Files.createDirectories(temp.resolve("jdk21/bin"));
        Files.writeString(temp.resolve("jdk21/release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"21.0.5\"\n");
        var launch = new WorkerLaunch(jdk21.resolve("java"), "a.jar", 256, 1, WorkerEnvironment.minimal(), temp,
                List.of(), false, Sandbox.none());

        assertThat(launch.javaFeature()).isEqualTo(21);
        assertThat(launch.command(temp)).doesNotContain("--illegal-native-access=deny",
                "--sun-misc-unsafe-memory-access=deny");
        assertThat(new WorkerLaunch(Path.of("/nowhere/bin/java"), "a.jar", 256, 1, WorkerEnvironment.minimal(), temp,
                List.of(), false, Sandbox.none()).javaFeature()).isZero();
    }

    @Test
    void driverWorkersSeeTheGpuNodesAndTheirKernelCache() throws Exception {
        Path cache = Files.createDirectory(temp.resolve("pocl"));
        var launch = new WorkerLaunch(WorkerLaunch.fromThisJvm(256, 1).javaExecutable(), "a.jar", 256, 1,
                WorkerEnvironment.fixed(java.util.Map.of("POCL_CACHE_DIR", cache.toString())), temp,
                List.of("--enable-native-access=ALL-UNNAMED"), false, BWRAP);

        var confinement = launch.confinement(temp, List.of());

        assertThat(confinement.gpus()).isTrue();
        assertThat(confinement.writable()).containsExactly(cache);
        assertThat(String.join(" ", launch.command(temp))).contains("--bind " + cache + " " + cache);
    }
}
