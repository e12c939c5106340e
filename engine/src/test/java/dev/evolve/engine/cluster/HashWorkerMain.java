package dev.evolve.engine.cluster;

import java.io.IOException;

/**
 * A worker member for tests, in a JVM of its own: {@link ClusterWorker} with the {@link HashEvaluator}
 * at the worker seam. Arguments: join address, port, cluster name, slots, sleep per candidate in ms.
 * Prints {@code ready <address>} once joined (or the error and exits 3), every membership line
 * after it, and leaves when its standard input closes (the test that started it has ended).
 */
public final class HashWorkerMain {

    private HashWorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        var options = new ClusterWorker.Options(ClusterAddress.parse(args[0]), "127.0.0.1", Integer.parseInt(args[1]),
                args[2], Integer.parseInt(args[3]));
        long sleepMs = Long.parseLong(args[4]);
        ClusterWorker worker;
        try {
            worker = ClusterWorker.start(options, (target, evaluation) -> new HashEvaluator(target, sleepMs),
                    line -> System.out.println("log " + line));
        } catch (ClusterException e) {
            System.out.println("error " + e.getMessage());
            System.out.flush();
            System.exit(3);
            return;
        }
        System.out.println("ready " + worker.address());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to go away
        }
        worker.close();
        System.exit(0);
    }
}
