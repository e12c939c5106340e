package dev.evolve.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The lane's asks come back in fixed batches, in ask order, whatever order model threads settle them in. */
class LaneQueueTest {

    private static LaneQueue<String, String> queue(int batch, int lookahead, int asks) {
        var q = new LaneQueue<String, String>(batch, lookahead);
        for (int i = 0; i < asks; i++) {
            q.make("ask " + i);
        }
        return q;
    }

    @Test
    void aBatchComesBackInAskOrderOnlyOnceEveryAskOfItIsSettled() throws Exception {
        var q = queue(3, 5, 5);
        assertThat(q.room()).isZero();
        q.settle(2, "child 2");
        q.settle(0, "child 0");
        assertThat(q.complete(true)).isFalse();
        assertThat(q.take(Duration.ofMillis(20), true)).isNull();
        q.settle(4, "child 4");                            // the next batch's: waits its turn
        q.settle(1, null);                                 // settled with nothing: no child, but the batch is done
        assertThat(q.complete(true)).isTrue();
        assertThat(q.take(Duration.ZERO, true)).containsExactly("child 0", "child 2");
        assertThat(q.room()).isEqualTo(3);                 // three more asks may be made past the last taken
        assertThat(q.holdsChildren()).isTrue();
    }

    @Test
    void theAsksComeOutInTheOrderTheyWereMadeAndSettleOnlyOnce() throws Exception {
        var q = queue(2, 2, 2);
        var first = q.next(Duration.ZERO);
        var second = q.next(Duration.ZERO);
        assertThat(List.of(first.number(), second.number())).containsExactly(0L, 1L);
        assertThat(first.ask()).isEqualTo("ask 0");
        assertThat(q.next(Duration.ZERO)).isNull();
        q.settle(0, "a");
        q.settle(0, "again");                              // a second settlement of an ask is ignored
        q.settle(1, "b");
        assertThat(q.take(Duration.ZERO, true)).containsExactly("a", "b");
        q.settle(1, "late");                               // an ask already taken back stays taken
        assertThat(q.holdsChildren()).isFalse();
    }

    @Test
    void aBatchEndsAtTheLastAskMadeOnlyWhenNoMoreMayBeMade() throws Exception {
        var q = queue(4, 4, 2);
        q.settle(0, "a");
        q.settle(1, "b");
        assertThat(q.complete(true)).isFalse();            // two asks of the batch are still to be made
        assertThat(q.complete(false)).isTrue();            // the lane may make no more: the batch is what was made
        assertThat(q.take(Duration.ZERO, false)).containsExactly("a", "b");
        assertThat(q.complete(false)).isFalse();           // nothing made, nothing to take
    }

    @Test
    void takeWaitsForTheLastSettlementOfItsBatch() throws Exception {
        var q = queue(2, 2, 2);
        q.settle(1, "b");
        var taken = new ArrayList<String>();
        var done = new CountDownLatch(1);
        Thread loop = Thread.ofVirtual().start(() -> {
            try {
                taken.addAll(q.take(Duration.ofSeconds(30), true));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        });
        Thread.sleep(50);
        assertThat(done.getCount()).isEqualTo(1);
        q.settle(0, "a");
        done.await();
        loop.join();
        assertThat(taken).containsExactly("a", "b");
    }

    @Test
    void theLookaheadCoversAtLeastABatch() {
        assertThatThrownBy(() -> new LaneQueue<String, String>(4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LaneQueue<String, String>(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
