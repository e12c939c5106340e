package dev.evolve.eval.aparapi;

/**
 * Thrown in a worker when Aparapi ran a kernel somewhere other than an OpenCL device (the Java
 * thread pool, after it could not translate or build the kernel). Its message says where and
 * why; {@link AparapiEvaluator} turns it into a {@code rejected} outcome.
 */
public final class NotOnOpenCLException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotOnOpenCLException(String message) {
        super(message, null, false, false);
    }
}
