package dev.evolve.engine.cluster;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * The one factory of the engine's wire types: a type id it does not know is refused, so a member
 * builds nothing but an {@link EvaluateTask} from what arrives.
 */
final class WireFactory implements DataSerializableFactory {

    /** The factory id of the engine's types (any number that no other factory on the cluster uses). */
    static final int ID = 0x65766f;

    /** The type id of {@link EvaluateTask}. */
    static final int EVALUATE_TASK = 1;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        if (typeId == EVALUATE_TASK) {
            return new EvaluateTask();
        }
        throw new IllegalArgumentException("unknown evolve wire type " + typeId);
    }
}
