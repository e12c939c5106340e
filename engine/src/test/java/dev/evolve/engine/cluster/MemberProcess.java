package dev.evolve.engine.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A {@link HashWorkerMain} member in a JVM of its own, and the lines it prints. */
final class MemberProcess implements AutoCloseable {

    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    private MemberProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
        });
    }

    /** Starts a member; {@code jvmOptions} go before the class name (a version override, say). */
    static MemberProcess start(String join, int port, String cluster, int slots, long sleepMs, String... jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx160m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of(HashWorkerMain.class.getName(), join, String.valueOf(port), cluster,
                String.valueOf(slots), String.valueOf(sleepMs)));
        // the member's own log (Hazelcast's too) goes to target/cluster-members/, for a failure's post-mortem
        Path logs = java.nio.file.Files.createDirectories(Path.of("target", "cluster-members"));
        command.add(command.size() - 6, "-Dhazelcast.logging.type=jdk");
        return new MemberProcess(new ProcessBuilder(command).redirectError(
                logs.resolve(cluster + "-" + port + ".log").toFile()).start());
    }

    /** Waits for a line starting with {@code prefix}; returns it, or null after {@code seconds}. */
    String await(String prefix, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** Waits until the member has joined; returns its address. */
    String ready() throws InterruptedException {
        String line = await("ready ", 60);
        if (line == null) {
            throw new IllegalStateException("the member did not start: " + lines);
        }
        return line.substring("ready ".length());
    }

    long pid() {
        return process.pid();
    }

    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, String.valueOf(pid())).start().waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
