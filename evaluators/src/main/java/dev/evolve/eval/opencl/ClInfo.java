package dev.evolve.eval.opencl;

import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** Typed reads of OpenCL platform and device information (JOCL passes untyped pointers). */
final class ClInfo {

    private ClInfo() {
    }

    static String platformString(cl_platform_id platform, int param) {
        return string((size, value, sizeOut) -> clGetPlatformInfo(platform, param, size, value, sizeOut));
    }

    static String deviceString(cl_device_id device, int param) {
        return string((size, value, sizeOut) -> clGetDeviceInfo(device, param, size, value, sizeOut));
    }

    /** One {@code clGet...Info} call: {@code size} bytes into {@code value}, the size it has into {@code sizeOut}. */
    private interface InfoQuery {
        void get(long size, Pointer value, long[] sizeOut);
    }

    /** A text parameter: asks its size first, then reads it. */
    private static String string(InfoQuery query) {
        long[] size = new long[1];
        query.get(0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        query.get(bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    static int deviceInt(cl_device_id device, int param) {
        int[] v = new int[1];
        clGetDeviceInfo(device, param, Sizeof.cl_uint, Pointer.to(v), null);
        return v[0];
    }

    static long deviceLong(cl_device_id device, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(v), null);
        return v[0];
    }

    static long deviceSize(cl_device_id device, int param) {
        long[] v = new long[1];
        clGetDeviceInfo(device, param, Sizeof.size_t, Pointer.to(v), null);
        return v[0];
    }

    static long[] deviceSizes(cl_device_id device, int param, int count) {
        long[] v = new long[count];
        clGetDeviceInfo(device, param, (long) Sizeof.size_t * count, Pointer.to(v), null);
        return v;
    }

    static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8).strip();
    }
}
