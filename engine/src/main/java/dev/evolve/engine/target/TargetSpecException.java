package dev.evolve.engine.target;

/**
 * A target folder is unusable; the message names the file and, where one is at fault, the field:
 * {@code examples/saxpy/target.yaml: field 'flops': cannot parse 'n*': ...}.
 */
public final class TargetSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public TargetSpecException(String message) {
        super(message);
    }
}
