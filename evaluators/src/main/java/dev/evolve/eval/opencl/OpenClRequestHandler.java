package dev.evolve.eval.opencl;

import static org.jocl.CL.CL_BUILD_PROGRAM_FAILURE;
import static org.jocl.CL.CL_DEVICE_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_ITEM_SIZES;
import static org.jocl.CL.CL_INVALID_KERNEL_NAME;
import static org.jocl.CL.CL_KERNEL_ARG_ADDRESS_GLOBAL;
import static org.jocl.CL.CL_KERNEL_ARG_ADDRESS_PRIVATE;
import static org.jocl.CL.CL_KERNEL_ARG_ADDRESS_QUALIFIER;
import static org.jocl.CL.CL_KERNEL_ARG_TYPE_NAME;
import static org.jocl.CL.CL_KERNEL_COMPILE_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_KERNEL_LOCAL_MEM_SIZE;
import static org.jocl.CL.CL_KERNEL_NUM_ARGS;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clGetKernelArgInfo;
import static org.jocl.CL.clGetKernelInfo;
import static org.jocl.CL.clGetKernelWorkGroupInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseProgram;

import dev.evolve.eval.Bounded;
import dev.evolve.eval.CompileDiagnostic;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.eval.worker.RequestHandler;
import dev.evolve.eval.worker.TimingLoop;
import dev.evolve.eval.worker.TimingPlan;
import dev.evolve.eval.worker.WorkerReply;
import dev.evolve.eval.worker.WorkerRequest;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.opencl.KernelArg;
import dev.evolve.kernels.opencl.Knobs;
import dev.evolve.kernels.opencl.NdRange;
import dev.evolve.kernels.opencl.OpenClProblem;
import dev.evolve.kernels.opencl.OpenClTarget;
import dev.evolve.kernels.opencl.OpenClTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * The worker side for OpenCL C variants: builds, checks and times one candidate at a time on the
 * device named by {@value #DEVICE_PROPERTY} ({@code P:D}). Runs in a worker process started with
 * {@code -Devolve.worker.handler=} this class; a hung kernel is the engine's to kill.
 *
 * <ul>
 *   <li>COMPILE: builds the program (the build log becomes diagnostics with lines), finds the
 *       kernel, checks its parameters against the host's arguments and the launch against the
 *       device's and the kernel's limits (a launch the device cannot run is a compile error at
 *       the knob's line).</li>
 *   <li>CHECK: one launch per check size on fresh inputs, the output pre-filled with noise and
 *       followed by a guard zone; output, guard zone and inputs are all verified.</li>
 *   <li>TIME: launches rotating over fresh problems per {@link TimingPlan}; each sample is the
 *       kernel's own duration from OpenCL profiling events ({@code COMMAND_END - COMMAND_START}),
 *       transfers excluded; every timed launch's output is read back and verified.</li>
 * </ul>
 */
public final class OpenClRequestHandler implements RequestHandler {

    /** System property with the device id ({@code P:D}) a worker opens. */
    public static final String DEVICE_PROPERTY = "evolve.opencl.device";

    private static final String BUILD_OPTIONS = "-cl-kernel-arg-info";
    private static final int MAX_TRACE_CHARS = 8 * 1024;

    private OpenClDevices.Opened device;
    private cl_context context;
    private cl_command_queue queue;
    private String initFailure = "not started";

    private OpenClTarget target;
    private Knobs knobs;
    private cl_program program;
    private cl_kernel kernel;
    private boolean checked;

    public OpenClRequestHandler() {
    }

    /** Opens the device and builds a trivial program, so the first candidate's build is warm. */
    @Override
    public void warmUp() {
        try {
            String id = System.getProperty(DEVICE_PROPERTY, "0:0");
            device = OpenClDevices.open(id);
            var properties = new org.jocl.cl_context_properties();
            properties.addProperty(org.jocl.CL.CL_CONTEXT_PLATFORM, device.platform());
            context = clCreateContext(properties, 1, new org.jocl.cl_device_id[] {device.device()}, null, null, null);
            queue = openQueue();
            cl_program warm = clCreateProgramWithSource(context, 1,
                    new String[] {"__kernel void warm(__global float* x) { x[get_global_id(0)] *= 2.0f; }"}, null, null);
            clBuildProgram(warm, 0, null, BUILD_OPTIONS, null, null);
            clReleaseProgram(warm);
            initFailure = null;
        } catch (RuntimeException | LinkageError e) {
            initFailure = e.toString();
        }
    }

    @SuppressWarnings("deprecation") // clCreateCommandQueue: OpenCL 1.2 drivers have no ...WithProperties
    private cl_command_queue openQueue() {
        return clCreateCommandQueue(context, device.device(), CL_QUEUE_PROFILING_ENABLE, null);
    }

    @Override
    public WorkerReply handle(WorkerRequest request) {
        if (initFailure != null) {
            return WorkerReply.error("the OpenCL device could not be opened in the worker: " + initFailure);
        }
        long start = System.nanoTime();
        try {
            return switch (request.stage()) {
                case COMPILE -> compile(request, start);
                case CHECK -> check(request, start);
                case TIME -> time(request, start);
                case SCORE -> WorkerReply.error("an OpenCL worker builds, checks and times kernels; it scores no programs");
                case OUTPUTS, REFERENCE -> WorkerReply.error("an OpenCL worker verifies its timed outputs itself: "
                        + "no copies to send");
            };
        } catch (Throwable t) {
            return crash(t, start);
        }
    }

    // ---------------------------------------------------------------- build

    private WorkerReply compile(WorkerRequest request, long start) {
        release();
        Optional<OpenClTarget> known = OpenClTargets.find(request.targetName());
        if (known.isEmpty()) {
            return WorkerReply.error("unknown OpenCL target " + request.targetName());
        }
        target = known.get();
        String source = request.source();
        knobs = Knobs.parse(source);
        List<String> knobProblems = target.knobProblems(knobs);
        if (!knobProblems.isEmpty()) {
            return WorkerReply.compileFailed(knobProblems.stream().map(m -> new CompileDiagnostic(0, 0, m)).toList(),
                    System.nanoTime() - start);
        }
        KnobGuard guarded = KnobGuard.append(source, target.knobs(), knobs);
        program = clCreateProgramWithSource(context, 1, new String[] {guarded.source()}, null, null);
        try {
            clBuildProgram(program, 1, new org.jocl.cl_device_id[] {device.device()}, BUILD_OPTIONS, null, null);
        } catch (CLException e) {
            if (e.getStatus() != CL_BUILD_PROGRAM_FAILURE) {
                throw e;
            }
            List<CompileDiagnostic> errors = new ArrayList<>();
            for (CompileDiagnostic d : BuildLog.errors(buildLog())) {
                Long knobLine = guarded.guardLines().get(d.line());
                errors.add(knobLine == null ? d : new CompileDiagnostic(knobLine, 0, d.message()));
            }
            return WorkerReply.compileFailed(errors, System.nanoTime() - start);
        }
        try {
            kernel = clCreateKernel(program, target.kernelName(), null);
        } catch (CLException e) {
            if (e.getStatus() != CL_INVALID_KERNEL_NAME) {
                throw e;
            }
            return WorkerReply.compileFailed(List.of(new CompileDiagnostic(0, 0, "no __kernel function named '"
                    + target.kernelName() + "': the host launches that one")), System.nanoTime() - start);
        }
        List<CompileDiagnostic> wrong = new ArrayList<>(signatureProblems());
        if (wrong.isEmpty()) {
            wrong.addAll(launchProblems());
        }
        if (!wrong.isEmpty()) {
            return WorkerReply.compileFailed(wrong, System.nanoTime() - start);
        }
        return WorkerReply.compiled(Map.of(), System.nanoTime() - start);
    }

    private String buildLog() {
        long[] size = new long[1];
        clGetProgramBuildInfo(program, device.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] log = new byte[(int) size[0]];
        clGetProgramBuildInfo(program, device.device(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        return ClInfo.cString(log);
    }

    /** The kernel's parameters against the host's arguments: count, then kinds where the driver reports them. */
    private List<CompileDiagnostic> signatureProblems() {
        List<KernelArg> args = target.newProblem(1, 0L).arguments();
        int[] count = new int[1];
        clGetKernelInfo(kernel, CL_KERNEL_NUM_ARGS, Sizeof.cl_uint, Pointer.to(count), null);
        String expected = describe(args);
        if (count[0] != args.size()) {
            return List.of(new CompileDiagnostic(0, 0, "kernel " + target.kernelName() + " takes " + count[0]
                    + " parameters; the host passes " + args.size() + ": " + expected));
        }
        List<CompileDiagnostic> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String type;
            int[] address = new int[1];
            try {
                clGetKernelArgInfo(kernel, i, CL_KERNEL_ARG_ADDRESS_QUALIFIER, Sizeof.cl_uint, Pointer.to(address), null);
                long[] size = new long[1];
                clGetKernelArgInfo(kernel, i, CL_KERNEL_ARG_TYPE_NAME, 0, null, size);
                byte[] name = new byte[(int) size[0]];
                clGetKernelArgInfo(kernel, i, CL_KERNEL_ARG_TYPE_NAME, name.length, Pointer.to(name), null);
                type = ClInfo.cString(name).replace(" ", "");
            } catch (CLException e) {
                return out; // the driver keeps no argument information: the count is all we can check
            }
            KernelArg arg = args.get(i);
            boolean ok = switch (arg) {
                case KernelArg.FloatInput in -> address[0] == CL_KERNEL_ARG_ADDRESS_GLOBAL && isFloatPointer(type);
                case KernelArg.FloatOutput o -> address[0] == CL_KERNEL_ARG_ADDRESS_GLOBAL && isFloatPointer(type);
                case KernelArg.IntValue v -> address[0] == CL_KERNEL_ARG_ADDRESS_PRIVATE
                        && (type.equals("int") || type.equals("uint"));
            };
            if (!ok) {
                out.add(new CompileDiagnostic(0, 0, "parameter " + i + " of kernel " + target.kernelName() + " is '"
                        + type + "'; the host passes " + describe(arg) + " (all parameters: " + expected + ")"));
            }
        }
        return out;
    }

    private static boolean isFloatPointer(String type) {
        return type.matches("float(2|3|4|8|16)?\\*");
    }

    private static String describe(List<KernelArg> args) {
        return String.join(", ", args.stream().map(OpenClRequestHandler::describe).toList());
    }

    private static String describe(KernelArg arg) {
        return switch (arg) {
            case KernelArg.FloatInput in -> "__global const float* " + in.name();
            case KernelArg.FloatOutput o -> "__global float* " + o.name();
            case KernelArg.IntValue v -> "const int " + v.name();
        };
    }

    /** The work-group against the device's and the compiled kernel's limits, at the first knob's line. */
    private List<CompileDiagnostic> launchProblems() {
        NdRange range = target.range(knobs, 1);
        long line = knobs.line(target.knobs().getFirst().name());
        long[] local = range.localArray();
        String shape = String.join(" x ", range.local().stream().map(String::valueOf).toList());
        List<CompileDiagnostic> out = new ArrayList<>();
        long[] maxItems = ClInfo.deviceSizes(device.device(), CL_DEVICE_MAX_WORK_ITEM_SIZES, 3);
        for (int d = 0; d < local.length; d++) {
            if (local[d] > maxItems[d]) {
                out.add(new CompileDiagnostic(line, 0, "a work-group of " + shape + " has " + local[d]
                        + " work-items in dimension " + d + "; the device allows " + maxItems[d]));
            }
        }
        long deviceMax = ClInfo.deviceSize(device.device(), CL_DEVICE_MAX_WORK_GROUP_SIZE);
        long kernelMax = kernelSize(CL_KERNEL_WORK_GROUP_SIZE);
        long items = range.workGroupSize();
        if (items > Math.min(deviceMax, kernelMax)) {
            out.add(new CompileDiagnostic(line, 0, "a work-group of " + shape + " = " + items
                    + " work-items exceeds the limit of " + Math.min(deviceMax, kernelMax) + " (device " + deviceMax
                    + ", this kernel " + kernelMax + ")"));
        }
        long[] required = new long[3];
        clGetKernelWorkGroupInfo(kernel, device.device(), CL_KERNEL_COMPILE_WORK_GROUP_SIZE,
                (long) Sizeof.size_t * 3, Pointer.to(required), null);
        if (required[0] != 0) {
            for (int d = 0; d < 3; d++) {
                long actual = d < local.length ? local[d] : 1;
                if (required[d] != actual) {
                    out.add(new CompileDiagnostic(line, 0, "reqd_work_group_size(" + required[0] + ", " + required[1]
                            + ", " + required[2] + ") differs from the launch's work-group " + shape));
                    break;
                }
            }
        }
        long[] localMem = new long[1];
        clGetKernelWorkGroupInfo(kernel, device.device(), CL_KERNEL_LOCAL_MEM_SIZE, Sizeof.cl_ulong,
                Pointer.to(localMem), null);
        long deviceLocal = ClInfo.deviceLong(device.device(), CL_DEVICE_LOCAL_MEM_SIZE);
        if (localMem[0] > deviceLocal) {
            out.add(new CompileDiagnostic(line, 0, "the kernel uses " + localMem[0] + " bytes of local memory; the device has "
                    + deviceLocal));
        }
        return out;
    }

    private long kernelSize(int param) {
        long[] v = new long[1];
        clGetKernelWorkGroupInfo(kernel, device.device(), param, Sizeof.size_t, Pointer.to(v), null);
        return v[0];
    }

    // ---------------------------------------------------------------- check and time

    private WorkerReply check(WorkerRequest request, long start) {
        if (kernel == null) {
            return WorkerReply.error("check without a built candidate");
        }
        for (int i = 0; i < request.sizes().size(); i++) {
            int n = request.sizes().get(i);
            OpenClProblem problem = target.newProblem(n, request.seed() + 0x9E3779B97F4A7C15L * (i + 1));
            try (KernelLaunch launch = new KernelLaunch(context, queue, kernel, problem, target.range(knobs, n))) {
                Optional<Mismatch> wrong = launch.run().or(launch::inputsChanged);
                if (wrong.isPresent()) {
                    return WorkerReply.incorrect(wrong.get(), System.nanoTime() - start);
                }
            }
        }
        checked = true;
        return WorkerReply.passed(System.nanoTime() - start);
    }

    private WorkerReply time(WorkerRequest request, long start) throws Exception {
        if (!checked) {
            return WorkerReply.error("timing without a checked candidate");
        }
        TimingPlan plan = request.plan();
        int n = request.sizes().getFirst();
        NdRange range = target.range(knobs, n);
        // the references dominate at large sizes: build the problems on every core
        List<OpenClProblem> problems = IntStream.range(0, plan.problems()).parallel()
                .mapToObj(i -> target.newProblem(n, request.seed() + 0x632BE59BD9B4E019L * (i + 1)))
                .toList();
        List<KernelLaunch> launches = new ArrayList<>();
        try {
            for (OpenClProblem p : problems) {
                launches.add(new KernelLaunch(context, queue, kernel, p, range));
            }
            Mismatch[] wrong = new Mismatch[1];
            TimingLoop.Result result = TimingLoop.run(plan, request.cutoffNs(), launches.size(), i -> {
                KernelLaunch l = launches.get(i);
                // read back outside the kernel's event time: a kernel may keep nothing in its inputs
                Optional<Mismatch> m = l.run().or(l::inputsChanged);
                if (m.isPresent()) {
                    wrong[0] = m.get();
                    return -1;
                }
                return l.lastKernelNanos();
            });
            return switch (result) {
                case TimingLoop.Result.Wrong w -> WorkerReply.incorrect(wrong[0], System.nanoTime() - start);
                case TimingLoop.Result.Samples s -> WorkerReply.timed(n, s.samplesNs(), System.nanoTime() - start);
            };
        } finally {
            launches.forEach(KernelLaunch::close);
        }
    }

    // ---------------------------------------------------------------- housekeeping

    private void release() {
        checked = false;
        if (kernel != null) {
            clReleaseKernel(kernel);
            kernel = null;
        }
        if (program != null) {
            clReleaseProgram(program);
            program = null;
        }
    }

    /** An OpenCL error or a Java failure while running the candidate: the worker is retired after it. */
    private static WorkerReply crash(Throwable t, long start) {
        Crashed.Kind kind = Crashed.Kind.EXCEPTION;
        for (Throwable c : Bounded.causes(t)) {     // once per cause: a chain can be cyclic
            if (c instanceof OutOfMemoryError) {
                kind = Crashed.Kind.OUT_OF_MEMORY;
                break;
            }
        }
        String message = t instanceof CLException cl
                ? "OpenCL error " + CL.stringFor_errorCode(cl.getStatus()) + ": " + firstLine(cl.getMessage())
                : Bounded.describe(t, Bounded.MESSAGE_CHARS);
        String trace = Bounded.stackTrace(t, MAX_TRACE_CHARS);
        return WorkerReply.crashed(kind, message, trace, System.nanoTime() - start);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
