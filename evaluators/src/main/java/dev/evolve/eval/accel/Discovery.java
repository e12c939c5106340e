package dev.evolve.eval.accel;

import java.util.List;
import java.util.Objects;

/** What a backend found on this machine. */
public sealed interface Discovery {

    /** At least one device. */
    record Devices(List<AcceleratorDevice> devices) implements Discovery {
        public Devices {
            devices = List.copyOf(devices);
            if (devices.isEmpty()) {
                throw new IllegalArgumentException("a discovery that found nothing is Unavailable");
            }
        }
    }

    /**
     * No device: the runtime is missing or reports no platform.
     *
     * @param reason what went wrong, e.g. the error the runtime returned
     * @param remedy what a user would install or set
     */
    record Unavailable(String reason, String remedy) implements Discovery {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
            remedy = remedy == null ? "" : remedy;
        }

        /** Reason and remedy in one message. */
        public String message() {
            return remedy.isEmpty() ? reason : reason + ". " + remedy;
        }
    }
}
