package dev.evolve.eval.opencl;

import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetPlatformIDs;

import dev.evolve.eval.accel.AcceleratorDevice;
import dev.evolve.eval.accel.Discovery;
import dev.evolve.eval.accel.DriverProbe;
import dev.evolve.eval.accel.ProbeLines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * The OpenCL platforms and devices of this machine, through JOCL. Device ids are
 * {@code platform:device} indices in the order the ICD loader reports them, the same in every
 * process on the machine (the engine lists and selects, the workers open by id).
 *
 * <pre>{@code
 * switch (OpenClDevices.discover()) {
 *     case Discovery.Devices d -> d.devices().forEach(x -> System.out.println(x.describe()));
 *     case Discovery.Unavailable u -> System.out.println(u.message());
 * }
 * }</pre>
 */
public final class OpenClDevices {

    /** What a user installs when there is no OpenCL platform. */
    public static final String REMEDY = "Install an OpenCL driver: for the CPU, PoCL (Debian/Ubuntu: "
            + "apt-get install pocl-opencl-icd ocl-icd-libopencl1), or your GPU vendor's OpenCL driver";

    /** The CL_PLATFORM_NOT_FOUND_KHR status: an ICD loader with no platform registered. */
    private static final int PLATFORM_NOT_FOUND_KHR = -1001;

    /** The argument that makes {@link #main} print {@link ProbeLines}. */
    static final String PROBE = "--probe";
    /** How long listing devices may take: a first PoCL start on a busy machine takes seconds. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    private static volatile Discovery.Devices cached;

    private OpenClDevices() {
    }

    /** A platform and device handle, opened by id. */
    record Opened(cl_platform_id platform, cl_device_id device, AcceleratorDevice info) {
    }

    /**
     * Prints one line per device, or why there is none (the same as {@code evolve devices}); with
     * {@code --probe}, the machine-readable lines {@link #discover()} reads.
     */
    public static void main(String[] args) {
        Discovery found = discoverHere();
        if (args.length > 0 && args[0].equals(PROBE)) {
            DriverProbe.print(ProbeLines.write(found));
            return;
        }
        switch (found) {
            case Discovery.Devices d -> d.devices().forEach(x -> System.out.println(x.describe()));
            case Discovery.Unavailable u -> System.out.println(u.message());
        }
    }

    /**
     * Every device of every platform, or why there is none. Never throws. The OpenCL library and
     * drivers are loaded in a child JVM ({@link DriverProbe}), never in this one: a driver that
     * crashes or hangs while listing devices makes this {@link Discovery.Unavailable} with the
     * reason. A list of devices is kept for the life of this JVM.
     */
    public static Discovery discover() {
        Discovery.Devices known = cached;
        if (known != null) {
            return known;
        }
        Discovery found = discover(System.getenv());
        if (found instanceof Discovery.Devices d) {
            cached = d;
        }
        return found;
    }

    /** What a probe sees given the engine's {@code environment} (the driver variables of it pass). */
    static Discovery discover(Map<String, String> environment) {
        Map<String, String> env = OpenClWorkers.environment(OpenClWorkers.defaultCacheDir()).variables(environment);
        return switch (DriverProbe.run(OpenClDevices.class, List.of(PROBE),
                List.of("--enable-native-access=ALL-UNNAMED"), env, PROBE_TIMEOUT)) {
            case DriverProbe.Outcome.Printed p -> ProbeLines.read(p.lines(), REMEDY);
            case DriverProbe.Outcome.Failed f -> new Discovery.Unavailable("OpenCL: " + f.reason(), REMEDY);
        };
    }

    /** What {@link #discover()} finds, listed in this JVM: loads the OpenCL library here (the probe itself). */
    static Discovery discoverHere() {
        try {
            List<AcceleratorDevice> devices = new ArrayList<>();
            for (Opened o : openAll()) {
                devices.add(o.info());
            }
            if (devices.isEmpty()) {
                return new Discovery.Unavailable("OpenCL platforms were found, but no device", REMEDY);
            }
            return new Discovery.Devices(devices);
        } catch (CLException e) {
            if (e.getStatus() == PLATFORM_NOT_FOUND_KHR) {
                return new Discovery.Unavailable("no OpenCL platform (the ICD loader reports CL_PLATFORM_NOT_FOUND_KHR)",
                        REMEDY);
            }
            return new Discovery.Unavailable("OpenCL failed while listing devices: " + e.getMessage(), REMEDY);
        } catch (LinkageError e) {
            return new Discovery.Unavailable("the OpenCL library could not be loaded: " + e.getMessage(), REMEDY);
        } catch (RuntimeException e) {
            return new Discovery.Unavailable("OpenCL failed while listing devices: " + e, REMEDY);
        }
    }

    /** The device with this id ({@code P:D}). */
    static Opened open(String id) {
        for (Opened o : openAll()) {
            if (o.info().id().equals(id)) {
                return o;
            }
        }
        throw new IllegalArgumentException("no OpenCL device " + id);
    }

    private static List<Opened> openAll() {
        CL.setExceptionsEnabled(true);
        int[] count = new int[1];
        clGetPlatformIDs(0, null, count);
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        clGetPlatformIDs(platforms.length, platforms, null);
        List<Opened> all = new ArrayList<>();
        for (int p = 0; p < platforms.length; p++) {
            String platformName = ClInfo.platformString(platforms[p], CL_PLATFORM_NAME);
            int[] n = new int[1];
            try {
                clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, 0, null, n);
            } catch (CLException e) {
                if (e.getStatus() == CL_DEVICE_NOT_FOUND) {
                    continue;
                }
                throw e;
            }
            cl_device_id[] devices = new cl_device_id[n[0]];
            clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, devices.length, devices, null);
            for (int d = 0; d < devices.length; d++) {
                all.add(new Opened(platforms[p], devices[d], describe(p + ":" + d, platformName, devices[d])));
            }
        }
        return all;
    }

    private static AcceleratorDevice describe(String id, String platform, cl_device_id device) {
        long type = ClInfo.deviceLong(device, CL_DEVICE_TYPE);
        String kind = (type & CL_DEVICE_TYPE_GPU) != 0 ? "GPU"
                : (type & CL_DEVICE_TYPE_CPU) != 0 ? "CPU"
                : (type & CL_DEVICE_TYPE_ACCELERATOR) != 0 ? "ACCELERATOR" : "OTHER";
        return new AcceleratorDevice("opencl", id, platform, ClInfo.deviceString(device, CL_DEVICE_NAME), kind,
                ClInfo.deviceInt(device, CL_DEVICE_MAX_COMPUTE_UNITS),
                ClInfo.deviceLong(device, CL_DEVICE_GLOBAL_MEM_SIZE),
                ClInfo.deviceLong(device, CL_DEVICE_LOCAL_MEM_SIZE),
                ClInfo.deviceSize(device, CL_DEVICE_MAX_WORK_GROUP_SIZE),
                ClInfo.deviceString(device, CL_DEVICE_VERSION));
    }
}
