package dev.evolve.eval.worker;

import dev.evolve.eval.worker.WorkerReply.Kind;
import dev.evolve.eval.worker.WorkerRequest.Stage;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which replies answer which requests. A worker runs candidate code, so its replies are claims:
 * one of a kind its request cannot produce (a {@code TIMED} reply to a check, a timing of another
 * size) retires the worker, whoever wrote it.
 */
final class WorkerProtocol {

    private WorkerProtocol() {
    }

    /** The kinds of reply a worker may give to a request of {@code stage}. */
    static Set<Kind> answersTo(Stage stage) {
        return switch (stage) {
            case COMPILE -> EnumSet.of(Kind.COMPILED, Kind.COMPILE_FAILED, Kind.ERROR);
            case CHECK -> EnumSet.of(Kind.PASSED, Kind.INCORRECT, Kind.CRASHED, Kind.ERROR);
            case TIME -> EnumSet.of(Kind.TIMED, Kind.INCORRECT, Kind.CRASHED, Kind.ERROR);
            case OUTPUTS, REFERENCE -> EnumSet.of(Kind.OUTPUTS, Kind.ERROR);
            case SCORE -> EnumSet.of(Kind.SCORED, Kind.INVALID, Kind.CRASHED, Kind.ERROR);
        };
    }

    /** Whether {@code reply} can be the answer to {@code request}. */
    static boolean answers(WorkerRequest request, WorkerReply reply) {
        if (!answersTo(request.stage()).contains(reply.kind())) {
            return false;
        }
        return switch (reply.kind()) {
            case TIMED -> reply.size() == request.sizes().getFirst()
                    && reply.samplesNs().size() <= request.plan().maxSamples();
            case OUTPUTS -> request.stage() == Stage.REFERENCE ? reply.outputs().size() == 1
                    : reply.outputs().size() == request.samples().size();
            default -> true;
        };
    }
}
