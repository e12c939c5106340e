package dev.evolve.eval.worker;

/**
 * The worker side of the protocol for one kind of candidate: what a worker process does with
 * each {@link WorkerRequest}. {@link WorkerMain} runs one handler per process, on one thread,
 * one request at a time, and replies with what it returns. The default compiles and runs Java
 * candidates; another handler (OpenCL kernels, for one) is named by
 * {@link WorkerMain#HANDLER_PROPERTY} and must have a public no-arg constructor.
 */
public interface RequestHandler {

    /** Runs while the worker starts, before it reports ready (a warm compiler, an open device). */
    void warmUp();

    /** Handles one request. Never throws for anything a candidate does: that is a reply. */
    WorkerReply handle(WorkerRequest request);
}
