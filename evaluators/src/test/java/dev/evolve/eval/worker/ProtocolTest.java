package dev.evolve.eval.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.evolve.eval.CompileDiagnostic;
import dev.evolve.eval.EvaluationOutcome.Crashed;
import dev.evolve.kernels.Mismatch;
import dev.evolve.kernels.matmul.MatmulTarget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    static <T> T roundTrip(Object message, Class<T> type) throws Exception {
        var bytes = new ByteArrayOutputStream();
        new FrameChannel(null, bytes, 42L).write(message);
        return new FrameChannel(new ByteArrayInputStream(bytes.toByteArray()), null, 42L).read(type);
    }

    @Test
    void requestsSurviveTheWire() throws Exception {
        var target = new MatmulTarget(64);
        var compile = WorkerRequest.compile(target, target.seedSource(), true);
        var check = WorkerRequest.check(List.of(1, 17), -5L);
        var time = WorkerRequest.time(64, 9L, TimingPlan.defaults(), 1234L);

        assertThat(roundTrip(compile, WorkerRequest.class)).isEqualTo(compile);
        assertThat(roundTrip(check, WorkerRequest.class)).isEqualTo(check);
        assertThat(roundTrip(time, WorkerRequest.class)).isEqualTo(time);
    }

    @Test
    void repliesSurviveTheWire() throws Exception {
        var failed = WorkerReply.compileFailed(List.of(new CompileDiagnostic(12, 3, "';' expected")), 5);
        var wrong = WorkerReply.incorrect(new Mismatch(17, 4, 1.5, -2.0, "row 0, column 4"), 7);
        var timed = WorkerReply.timed(64, List.of(100L, 90L, 110L), 9);
        var crashed = WorkerReply.crashed(Crashed.Kind.OUT_OF_MEMORY, "Java heap space", "trace", 11);

        assertThat(roundTrip(failed, WorkerReply.class)).isEqualTo(failed);
        assertThat(roundTrip(wrong, WorkerReply.class)).isEqualTo(wrong);
        assertThat(roundTrip(timed, WorkerReply.class)).isEqualTo(timed);
        assertThat(roundTrip(crashed, WorkerReply.class)).isEqualTo(crashed);
    }

    @Test
    void classBytesSurviveTheWire() throws Exception {
        byte[] bytes = {(byte) 0xCA, (byte) 0xFE, 0, 1, -1};
        var back = roundTrip(WorkerReply.compiled(Map.of("Matmul", bytes), 3), WorkerReply.class);

        assertThat(back.classes().get("Matmul")).containsExactly(bytes);
    }

    @Test
    void framesWithoutMagicOrTokenAreCorrupt() throws Exception {
        var bytes = new ByteArrayOutputStream();
        new FrameChannel(null, bytes, 1L).write(WorkerReply.passed(1));

        assertThatThrownBy(() -> new FrameChannel(new ByteArrayInputStream(bytes.toByteArray()), null, 2L)
                .read(WorkerReply.class)).isInstanceOf(FrameChannel.CorruptFrameException.class);
        assertThatThrownBy(() -> new FrameChannel(new ByteArrayInputStream("hello world, no frame".getBytes()), null, 1L)
                .read(WorkerReply.class)).isInstanceOf(FrameChannel.CorruptFrameException.class);

        var huge = new ByteArrayOutputStream();
        var data = new DataOutputStream(huge);
        data.writeInt(FrameChannel.MAGIC);
        data.writeLong(1L);
        data.writeLong(0L);
        data.writeLong(0L);
        data.writeInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> new FrameChannel(new ByteArrayInputStream(huge.toByteArray()), null, 1L)
                .read(WorkerReply.class)).isInstanceOf(FrameChannel.CorruptFrameException.class);
        assertThatThrownBy(() -> new FrameChannel(new ByteArrayInputStream(new byte[0]), null, 1L)
                .read(WorkerReply.class)).isInstanceOf(EOFException.class);
    }

    @Test
    void framesCarryTheSequenceNumberAndNonceOfTheirRequest() throws Exception {
        var bytes = new ByteArrayOutputStream();
        new FrameChannel(null, bytes, 7L).write(WorkerReply.passed(1), 12L, -99L);
        var frame = new FrameChannel(new ByteArrayInputStream(bytes.toByteArray()), null, 7L)
                .readFrame(WorkerReply.class);

        assertThat(frame.sequence()).isEqualTo(12L);
        assertThat(frame.nonce()).isEqualTo(-99L);
        assertThat(frame.message()).isEqualTo(WorkerReply.passed(1));
    }

    @Test
    void outputCopiesAndTheirRequestsSurviveTheWire() throws Exception {
        double[] out = {1.5, -0.0, Double.NaN, Double.MIN_VALUE, 1e300};
        byte[] copy = ArrayBytes.encode(out);
        var timed = WorkerReply.timed(5, List.of(10L, 20L), List.of(ArrayBytes.digest(copy), ""), 3);
        var outputs = WorkerReply.outputs(List.of(copy), 4);
        var ask = WorkerRequest.outputs(List.of(0));

        assertThat(roundTrip(timed, WorkerReply.class).digests()).isEqualTo(timed.digests());
        assertThat(roundTrip(ask, WorkerRequest.class)).isEqualTo(ask);
        byte[] back = roundTrip(outputs, WorkerReply.class).outputs().getFirst();
        assertThat(ArrayBytes.digest(back)).isEqualTo(ArrayBytes.digest(copy));
        assertThat((double[]) ArrayBytes.decode(back)).usingElementComparator(Double::compare).containsExactly(out);
        assertThat((float[]) ArrayBytes.decode(ArrayBytes.encode(new float[] {2f, -3f}))).containsExactly(2f, -3f);
        assertThat((int[]) ArrayBytes.decode(ArrayBytes.encode(new int[] {7, -1}))).containsExactly(7, -1);
        assertThatThrownBy(() -> ArrayBytes.decode(new byte[] {'D', 1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArrayBytes.decode(new byte[] {'Q'})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReplyMustBeOneItsRequestCanProduce() {
        var time = WorkerRequest.time(64, 9L, TimingPlan.defaults(), 0);
        var check = WorkerRequest.check(List.of(1, 17), 1L);

        assertThat(WorkerProtocol.answers(time, WorkerReply.timed(64, List.of(5L), 1))).isTrue();
        assertThat(WorkerProtocol.answers(time, WorkerReply.timed(32, List.of(5L), 1))).isFalse();
        assertThat(WorkerProtocol.answers(check, WorkerReply.timed(64, List.of(5L), 1))).isFalse();
        assertThat(WorkerProtocol.answers(check, WorkerReply.passed(1))).isTrue();
        assertThat(WorkerProtocol.answers(WorkerRequest.outputs(List.of(0, 3)),
                WorkerReply.outputs(List.of(new byte[] {'D'}), 1))).isFalse();
    }

    @Test
    void invalidMessagesAreRefusedAtConstruction() {
        assertThatThrownBy(() -> WorkerRequest.check(List.of(), 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkerRequest.check(List.of(0), 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WorkerRequest.time(8, 1L, TimingPlan.defaults(), -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkerRequest(WorkerRequest.Stage.COMPILE, "matmul", null, "", "x", false,
                null, 0, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkerReply(WorkerReply.Kind.TIMED, null, null, null, 8, List.of(), null,
                null, null, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimingPlan(1, 0, 100, 3, 5, 200, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimingPlan(0, 0, 100, 3, 5, 200, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TimingPlan(1, 0, 100, 6, 5, 200, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
