package dev.evolve.cli;

import dev.evolve.eval.accel.AcceleratorBackend;
import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.accel.Discovery;
import dev.evolve.eval.opencl.OpenClBackend;
import dev.evolve.eval.sandbox.SandboxPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/**
 * {@code evolve doctor}: what this machine offers the engine, one line per item, each marked
 * {@code OK}, {@code WARN} or {@code MISSING}: the JDK, Maven, bubblewrap and whether a sandbox
 * actually starts, user/PID/network namespaces, OpenCL devices, free disk. Exit code 0: the
 * report itself is the result.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = {
        "Say what this machine offers: JDK, Maven, bubblewrap (and whether a sandbox starts), user/PID/network "
                + "namespaces, OpenCL devices, free disk; one line each, marked OK, WARN or MISSING.",
        "Exit code 0 whatever is found."})
final class DoctorCommand implements Callable<Integer> {

    private static final long LOW_DISK_BYTES = 2L << 30;
    private static final long COMMAND_TIMEOUT_MS = 20_000;

    private final AcceleratorBackend backend;

    DoctorCommand() {
        this(new OpenClBackend());
    }

    DoctorCommand(AcceleratorBackend backend) {
        this.backend = backend;
    }

    /** One line of the report. */
    record Finding(String status, String item, String detail) {
        String line() {
            return String.format("%-7s %-12s %s", status, item, detail);
        }
    }

    @Override
    public Integer call() {
        findings().forEach(f -> System.out.println(f.line()));
        System.out.flush();
        return ExitCode.OK.code;
    }

    List<Finding> findings() {
        List<Finding> all = new ArrayList<>();
        all.add(jdk());
        all.add(maven());
        all.addAll(sandbox());
        all.addAll(openCl());
        all.add(disk("results", Path.of("results")));
        all.add(disk("temp", Path.of(System.getProperty("java.io.tmpdir"))));
        return all;
    }

    static Finding jdk() {
        int feature = Runtime.version().feature();
        String what = System.getProperty("java.vm.vendor", "") + " " + Runtime.version() + " at "
                + System.getProperty("java.home");
        if (feature < 21) {
            return new Finding("MISSING", "jdk", what + " (the engine and its workers need JDK 21+)");
        }
        if (feature < 24) {
            return new Finding("WARN", "jdk", what + " (JDK " + feature + " cannot deny JNI/FFM to candidates: "
                    + "--illegal-native-access needs JDK 24+" + (feature < 23 ? ", --sun-misc-unsafe-memory-access 23+" : "")
                    + "; without JDK 25 no ahead-of-time cache for worker starts)");
        }
        return new Finding("OK", "jdk", what + (feature < 25 ? " (no ahead-of-time cache for worker starts before JDK 25)" : ""));
    }

    static Finding maven() {
        Optional<String> version = firstLine(List.of("mvn", "-v"));
        return version.map(v -> new Finding("OK", "maven", v))
                .orElse(new Finding("MISSING", "maven", "no mvn on PATH (needed to build evolve, not to run it)"));
    }

    static List<Finding> sandbox() {
        List<Finding> out = new ArrayList<>();
        Optional<Path> bwrap = SandboxPolicy.bwrapExecutable();
        if (bwrap.isEmpty()) {
            out.add(new Finding("MISSING", "bubblewrap", "no bwrap (apt-get install bubblewrap); "
                    + "sandbox: auto runs candidates as plain processes"));
        } else {
            String version = firstLine(List.of(bwrap.get().toString(), "--version")).orElse("version unknown");
            var probe = SandboxPolicy.probe();
            out.add(probe.bubblewrap().isPresent()
                    ? new Finding("OK", "bubblewrap", version + " at " + bwrap.get() + ": a sandbox starts")
                    : new Finding("WARN", "bubblewrap", version + " at " + bwrap.get() + " but " + probe.message()));
        }
        for (String ns : List.of("user", "pid", "net")) {
            out.add(namespace(ns, bwrap));
        }
        return out;
    }

    /** Whether a namespace of this kind can be made: with bubblewrap when present, else with util-linux's unshare. */
    static Finding namespace(String kind, Optional<Path> bwrap) {
        List<String> cmd = bwrap.isPresent()
                ? List.of(bwrap.get().toString(), "--ro-bind", "/", "/", "--unshare-" + kind, "/bin/true")
                : List.of("unshare", switch (kind) {
                    case "user" -> "--user";
                    case "pid" -> "--pid";
                    default -> "--net";
                }, "--map-root-user", "--fork", "/bin/true");
        boolean works = exitCode(cmd) == 0;
        String item = kind + " ns";
        if (works) {
            return new Finding("OK", item, "a " + kind + " namespace can be created");
        }
        if (!Files.exists(Path.of("/proc/self/ns", kind))) {
            return new Finding("MISSING", item, "the kernel has no " + kind + " namespaces");
        }
        return new Finding("WARN", item, "cannot create a " + kind + " namespace" + userNamespaceHint());
    }

    private static String userNamespaceHint() {
        for (String knob : List.of("/proc/sys/kernel/unprivileged_userns_clone",
                "/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "/proc/sys/user/max_user_namespaces")) {
            try {
                String v = Files.readString(Path.of(knob)).strip();
                if (knob.endsWith("max_user_namespaces") ? v.equals("0") : knob.contains("apparmor") ? v.equals("1") : v.equals("0")) {
                    return " (" + knob + " is " + v + ")";
                }
            } catch (IOException | RuntimeException e) {
                // knob absent on this kernel
            }
        }
        return "";
    }

    List<Finding> openCl() {
        List<Finding> out = new ArrayList<>();
        switch (backend.discover()) {
            case Discovery.Devices found -> {
                for (AcceleratorDevice d : found.devices()) {
                    out.add(new Finding("OK", "opencl", d.describe()));
                }
            }
            case Discovery.Unavailable none -> out.add(new Finding("MISSING", "opencl", none.message()));
        }
        return out;
    }

    static Finding disk(String name, Path dir) {
        Path at = dir.toAbsolutePath().normalize();
        while (at != null && !Files.exists(at)) {
            at = at.getParent();
        }
        if (at == null) {
            return new Finding("WARN", name + " disk", "cannot find " + dir);
        }
        try {
            long free = Files.getFileStore(at).getUsableSpace();
            String detail = String.format("%.1f GiB free at %s", free / (double) (1L << 30), dir.toAbsolutePath().normalize());
            return new Finding(free < LOW_DISK_BYTES ? "WARN" : "OK", name + " disk", detail);
        } catch (IOException e) {
            return new Finding("WARN", name + " disk", "cannot read the free space at " + at + ": " + e.getMessage());
        }
    }

    private static Optional<String> firstLine(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(8192);
            if (!p.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8).replaceAll("\u001B\\[[;\\d]*m", "")
                    .lines().findFirst().map(String::strip)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static int exitCode(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            if (!p.waitFor(COMMAND_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
