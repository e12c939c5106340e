package dev.evolve.eval.opencl;

import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROFILING_COMMAND_END;
import static org.jocl.CL.CL_PROFILING_COMMAND_START;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clGetEventProfilingInfo;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clSetKernelArg;
import static org.jocl.CL.clWaitForEvents;

import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.opencl.KernelArg;
import dev.evolve.kernels.opencl.NdRange;
import dev.evolve.kernels.opencl.OpenClProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * One problem's device buffers and the launch of the candidate's kernel on them. Inputs are
 * copied once; each run binds the arguments (the kernel object is shared by every problem),
 * fills the outputs with fresh noise followed by a guard zone, launches, waits, takes the
 * kernel's time from its profiling event, and reads the outputs back.
 */
final class KernelLaunch implements AutoCloseable {

    /** Floats after each output buffer that a kernel must leave alone. */
    static final int GUARD_FLOATS = 1024;
    /** A NaN payload no arithmetic produces; compared bit for bit. */
    static final int GUARD_BITS = 0x7FA5A5A5;

    private final cl_command_queue queue;
    private final cl_kernel kernel;
    private final OpenClProblem problem;
    private final NdRange range;
    private final List<cl_mem> buffers = new ArrayList<>();
    private final List<KernelArg> args;
    private long kernelNanos;

    KernelLaunch(cl_context context, cl_command_queue queue, cl_kernel kernel, OpenClProblem problem, NdRange range) {
        this.queue = queue;
        this.kernel = kernel;
        this.problem = problem;
        this.range = range;
        this.args = problem.arguments();
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case KernelArg.FloatInput in -> {
                        cl_mem m = clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR,
                                (long) Float.BYTES * Math.max(1, in.data().length), Pointer.to(in.data()), null);
                        buffers.add(m);
                    }
                    case KernelArg.FloatOutput out -> {
                        cl_mem m = clCreateBuffer(context, CL_MEM_READ_WRITE,
                                (long) Float.BYTES * (out.data().length + GUARD_FLOATS), null, null);
                        buffers.add(m);
                    }
                    case KernelArg.IntValue v -> buffers.add(null);
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Noise and guard in, launch, outputs back: the first wrong element (guard zone included), if any. */
    Optional<Mismatch> run() {
        for (int i = 0; i < args.size(); i++) {   // the kernel object is shared by every problem's launch
            if (args.get(i) instanceof KernelArg.IntValue v) {
                clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {v.value()}));
            } else {
                clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(buffers.get(i)));
            }
        }
        problem.scrambleOutputs();
        List<float[]> staged = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof KernelArg.FloatOutput out) {
                float[] withGuard = new float[out.data().length + GUARD_FLOATS];
                System.arraycopy(out.data(), 0, withGuard, 0, out.data().length);
                Arrays.fill(withGuard, out.data().length, withGuard.length, Float.intBitsToFloat(GUARD_BITS));
                clEnqueueWriteBuffer(queue, buffers.get(i), CL_TRUE, 0, (long) Float.BYTES * withGuard.length,
                        Pointer.to(withGuard), 0, null, null);
                staged.add(withGuard);
            }
        }
        clFinish(queue);
        cl_event event = new cl_event();
        clEnqueueNDRangeKernel(queue, kernel, range.dimensions(), null, range.globalArray(), range.localArray(),
                0, null, event);
        try {
            clWaitForEvents(1, new cl_event[] {event});
            long[] t0 = new long[1];
            long[] t1 = new long[1];
            clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(t0), null);
            clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(t1), null);
            kernelNanos = Math.max(1, t1[0] - t0[0]);
        } finally {
            clReleaseEvent(event);
        }
        int s = 0;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof KernelArg.FloatOutput out) {
                float[] back = staged.get(s++);
                clEnqueueReadBuffer(queue, buffers.get(i), CL_TRUE, 0, (long) Float.BYTES * back.length,
                        Pointer.to(back), 0, null, null);
                System.arraycopy(back, 0, out.data(), 0, out.data().length);
                for (int g = out.data().length; g < back.length; g++) {
                    if (Float.floatToRawIntBits(back[g]) != GUARD_BITS) {
                        return Optional.of(new Mismatch(problem.size(), g, Float.intBitsToFloat(GUARD_BITS), back[g],
                                "written past the end of " + out.name() + ", which holds " + out.data().length
                                        + " elements"));
                    }
                }
            }
        }
        return problem.verify();
    }

    /** The first input element the kernel overwrote, if any. */
    Optional<Mismatch> inputsChanged() {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof KernelArg.FloatInput in && in.data().length > 0) {
                float[] back = new float[in.data().length];
                clEnqueueReadBuffer(queue, buffers.get(i), CL_TRUE, 0, (long) Float.BYTES * back.length,
                        Pointer.to(back), 0, null, null);
                for (int k = 0; k < back.length; k++) {
                    if (Float.floatToRawIntBits(back[k]) != Float.floatToRawIntBits(in.data()[k])) {
                        return Optional.of(new Mismatch(problem.size(), k, in.data()[k], back[k],
                                "input " + in.name() + " was overwritten; inputs are read-only"));
                    }
                }
            }
        }
        return Optional.empty();
    }

    long lastKernelNanos() {
        return kernelNanos;
    }

    @Override
    public void close() {
        for (cl_mem m : buffers) {
            if (m != null) {
                clReleaseMemObject(m);
            }
        }
        buffers.clear();
    }
}
