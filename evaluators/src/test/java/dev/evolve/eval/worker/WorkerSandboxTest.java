package dev.evolve.eval.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.evolve.eval.sandbox.Bubblewrap;
import dev.evolve.eval.sandbox.ProcessLimits;
import dev.evolve.eval.sandbox.Sandbox;
import dev.evolve.eval.sandbox.SandboxTesting;
import dev.evolve.eval.testing.Candidates;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile candidates sent straight to worker JVMs, past every static check (the worker compiles
 * whatever it is sent): the OS sandbox and the JVM's native-access walls hold alone. Each attack
 * is also run where the wall is off, to show it is real and the test can fail.
 */
class WorkerSandboxTest {

    static final MatmulTarget TARGET = new MatmulTarget(8);

    @TempDir
    Path temp;
    @TempDir
    Path outside;

    /** Compiles {@code body} as multiply's body, runs the check, and returns what the candidate threw. */
    String attack(WorkerLaunch launch, String body) throws Exception {
        try (var pool = LocalWorkerPool.start(launch.withAotCache(false), 1, 10);
             WorkerLease lease = pool.acquire()) {
            var compiled = lease.call(WorkerRequest.compile(TARGET, Candidates.withMultiplyBody(body), false),
                    Duration.ofSeconds(60));
            assertThat(compiled).isInstanceOf(WorkerResponse.Replied.class);
            assertThat(((WorkerResponse.Replied) compiled).reply().kind()).as(compiled.toString())
                    .isEqualTo(WorkerReply.Kind.COMPILED);
            var checked = lease.call(WorkerRequest.check(TARGET.checkSizes(), 1L), Duration.ofSeconds(60));
            assertThat(checked).isInstanceOf(WorkerResponse.Replied.class);
            WorkerReply reply = ((WorkerResponse.Replied) checked).reply();
            return reply.kind() + " " + reply.message();
        }
    }

    WorkerLaunch launch(Sandbox sandbox) {
        var here = WorkerLaunch.fromThisJvm(256, 1);
        return new WorkerLaunch(here.javaExecutable(), here.classPath(), 256, 1, WorkerEnvironment.minimal(), temp,
                List.of(), false, sandbox);
    }

    /** Java text of a string literal. */
    static String lit(Object o) {
        return "\"" + o.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void aFileWrittenOutsideThePrivateFolderDoesNotAppear() throws Exception {
        Bubblewrap bwrap = SandboxTesting.bubblewrap();
        String write = """
                String r;
                try { java.nio.file.Files.writeString(java.nio.file.Path.of(%s), "x"); r = "WROTE"; }
                catch (Throwable t) { r = "FAILED " + t; }
                throw new IllegalStateException(r);
                """;
        Path plain = outside.resolve("plain");
        Path boxed = outside.resolve("boxed");

        String control = attack(launch(Sandbox.none()), write.formatted(lit(plain)));
        String sandboxed = attack(launch(bwrap), write.formatted(lit(boxed)));

        assertThat(control).contains("WROTE");
        assertThat(plain).exists();
        assertThat(sandboxed).contains("FAILED");
        assertThat(boxed).doesNotExist();
    }

    @Test
    void noConnectionReachesAListenerOfTheHost() throws Exception {
        Bubblewrap bwrap = SandboxTesting.bubblewrap();
        try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(2000);
            String connect = """
                    String r;
                    try (var s = new java.net.Socket("127.0.0.1", %d)) { s.getOutputStream().write(1); r = "CONNECTED"; }
                    catch (Throwable t) { r = "FAILED " + t; }
                    throw new IllegalStateException(r);
                    """.formatted(server.getLocalPort());

            String control = attack(launch(Sandbox.none()), connect);
            server.accept().close();
            String sandboxed = attack(launch(bwrap), connect);

            assertThat(control).contains("CONNECTED");
            assertThat(sandboxed).contains("FAILED");
            boolean arrived = SandboxTesting.connectionArrives(server);
            assertThat(arrived).as("a connection from the sandboxed candidate").isFalse();
        }
    }

    @Test
    void unsafeMemoryAndNativeCodeAreDeniedToCandidates() throws Exception {
        String probe = """
                StringBuilder r = new StringBuilder();
                try {
                    java.lang.reflect.Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
                    f.setAccessible(true);
                    Object u = f.get(null);
                    u.getClass().getMethod("allocateMemory", long.class).invoke(u, 1L << 20);
                    r.append("UNSAFE-ALLOCATED ");
                } catch (Throwable t) {
                    r.append("UNSAFE-DENIED ").append(t.getCause() != null ? t.getCause() : t).append(' ');
                }
                try {
                    Class<?> arena = Class.forName("java.lang.foreign.Arena");
                    Object global = arena.getMethod("global").invoke(null);
                    Class.forName("java.lang.foreign.SymbolLookup").getMethod("libraryLookup", String.class, arena)
                            .invoke(null, "libc.so.6", global);
                    r.append("FFM-LOADED ");
                } catch (Throwable t) {
                    r.append("FFM-DENIED ").append(t.getCause() != null ? t.getCause() : t).append(' ');
                }
                try {
                    System.load("/nonexistent/libevolve-probe.so");
                    r.append("JNI-LOADED ");
                } catch (Throwable t) {
                    r.append("JNI ").append(t).append(' ');
                }
                throw new IllegalStateException(r.toString());
                """;
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 24,
                "skipped: --illegal-native-access needs JDK 24+ (this is " + Runtime.version() + ")");

        String walled = attack(launch(Sandbox.none()), probe);
        String open = attack(launch(Sandbox.none()).withJvmOptions(List.of("--illegal-native-access=allow",
                "--sun-misc-unsafe-memory-access=allow")), probe);

        assertThat(open).contains("UNSAFE-ALLOCATED").contains("FFM-LOADED");
        assertThat(walled).contains("UNSAFE-DENIED java.lang.UnsupportedOperationException")
                .contains("FFM-DENIED java.lang.IllegalCallerException")
                .contains("JNI java.lang.IllegalCallerException");
    }

    @Test
    void fileSizeAndOpenFileLimitsHoldAndStartedProcessesDieWithTheWorker() throws Exception {
        Bubblewrap bwrap = SandboxTesting.bubblewrap().withLimits(new ProcessLimits(128, 256, 4L << 20));
        String marker = "7" + (System.nanoTime() % 100000);
        String hog = """
                StringBuilder r = new StringBuilder();
                java.nio.file.Path big = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "big");
                try (var out = java.nio.file.Files.newOutputStream(big)) {
                    byte[] mb = new byte[1 << 20];
                    for (int i = 0; i < 8; i++) { out.write(mb); }
                    r.append("WROTE-8MB ");
                } catch (Throwable t) { r.append("SIZE-LIMITED ").append(t).append(' '); }
                java.util.List<java.io.InputStream> open = new java.util.ArrayList<>();
                try {
                    for (int i = 0; i < 1000; i++) { open.add(new java.io.FileInputStream("/dev/null")); }
                    r.append("OPENED-1000 ");
                } catch (Throwable t) { r.append("FILES-LIMITED ").append(open.size()).append(' '); }
                for (var in : open) { try { in.close(); } catch (Exception e) { } }
                int started = 0;
                try {
                    for (; started < 400; started++) { new ProcessBuilder("sleep", "%s").start(); }
                } catch (Throwable t) { }
                r.append("STARTED ").append(started);
                throw new IllegalStateException(r.toString());
                """.formatted(marker);

        String result = attack(launch(bwrap), hog);
        System.out.println("limits in the sandbox (root: " + SandboxTesting.root() + "): " + result);

        assertThat(result).contains("SIZE-LIMITED").contains("FILES-LIMITED").doesNotContain("WROTE-8MB");
        int started = Integer.parseInt(result.replaceAll("(?s).*STARTED (\\d+).*", "$1"));
        if (!SandboxTesting.root()) {
            assertThat(started).as("processes started under a limit of 128").isLessThan(128);
        }
        assertThat(SandboxTesting.markedProcessOutlives(marker, Duration.ofSeconds(5)))
                .as("a process the candidate started outlived its worker").isFalse();
    }
}
