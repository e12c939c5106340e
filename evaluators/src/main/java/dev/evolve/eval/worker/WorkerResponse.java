package dev.evolve.eval.worker;

import java.time.Duration;
import java.util.Objects;

/** What became of one request sent to a worker. */
public sealed interface WorkerResponse {

    /**
     * The worker answered. {@code output} holds the candidate's captured output when the worker
     * was retired after the reply (a crash); otherwise it is empty.
     */
    record Replied(WorkerReply reply, String output) implements WorkerResponse {
        public Replied {
            Objects.requireNonNull(reply, "reply");
            output = output == null ? "" : output;
        }
    }

    /** The worker process ended (or broke the protocol) before answering; it has been retired. */
    record Died(int exitCode, String reason, String output) implements WorkerResponse {
        public Died {
            reason = reason == null ? "" : reason;
            output = output == null ? "" : output;
        }
    }

    /** No answer within {@code limit}: the worker was killed with SIGKILL and retired. */
    record Overran(Duration limit) implements WorkerResponse {
        public Overran {
            Objects.requireNonNull(limit, "limit");
        }
    }
}
