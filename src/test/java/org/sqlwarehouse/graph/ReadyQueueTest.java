package org.sqlwarehouse.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadyQueueTest {

    /** Diamond a -> {b, c} -> d, plus c -> e, plus an independent chain x -> y. */
    private static Dag diamondAndChain() throws CycleException {
        return Dag.builder()
                .node("a").node("b").node("c").node("d").node("e").node("x").node("y")
                .edge("a", "b").edge("a", "c").edge("b", "d").edge("c", "d").edge("c", "e")
                .edge("x", "y")
                .build();
    }

    @Test
    void failureSkipsExactlyTheDependentsAndIndependentNodesStillRun() throws Exception {
        ReadyQueue queue = new ReadyQueue(diamondAndChain());

        assertThat(queue.takeReady()).containsExactly("a", "x");
        assertThat(queue.takeReady()).isEmpty(); // nothing new until something finishes
        queue.succeeded("a");
        assertThat(queue.takeReady()).containsExactly("b", "c");

        // d depends on b; e and the x -> y chain do not.
        assertThat(queue.failed("b")).containsExactly("d");
        assertThat(queue.skipped()).containsExactly("d");

        queue.succeeded("x");
        assertThat(queue.takeReady()).containsExactly("y");
        queue.succeeded("c");
        // d would now have all-but-one upstream done, but it is skipped and must not come back.
        assertThat(queue.takeReady()).containsExactly("e");
        assertThat(queue.isDone()).isFalse();
        assertThat(queue.inProgress()).isEqualTo(2);

        queue.succeeded("y");
        queue.succeeded("e");
        assertThat(queue.isDone()).isTrue();
        assertThat(queue.takeReady()).isEmpty();
        assertThat(queue.skipped()).containsExactly("d");
    }

    @Test
    void rootFailureSkipsAllDescendantsInTopologicalOrder() throws Exception {
        ReadyQueue queue = new ReadyQueue(diamondAndChain());
        assertThat(queue.takeReady()).containsExactly("a", "x");

        assertThat(queue.failed("a")).containsExactly("b", "c", "d", "e");

        queue.succeeded("x");
        assertThat(queue.takeReady()).containsExactly("y");
        queue.succeeded("y");
        assertThat(queue.isDone()).isTrue();
        assertThat(queue.skipped()).containsExactly("b", "c", "d", "e");
    }

    @Test
    void alreadySkippedNodesAreNotReportedAgain() throws Exception {
        Dag dag = Dag.builder().node("a").node("b").node("c").node("d")
                .edge("a", "c").edge("b", "c").edge("c", "d").build();
        ReadyQueue queue = new ReadyQueue(dag);
        assertThat(queue.takeReady()).containsExactly("a", "b");

        assertThat(queue.failed("a")).containsExactly("c", "d");
        assertThat(queue.failed("b")).isEmpty();

        assertThat(queue.isDone()).isTrue();
        assertThat(queue.skipped()).containsExactly("c", "d");
    }

    @Test
    void reportingANodeThatIsNotRunningIsAnError() throws Exception {
        ReadyQueue queue = new ReadyQueue(diamondAndChain());

        assertThatThrownBy(() -> queue.succeeded("a"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not taken");
        queue.takeReady();
        queue.succeeded("a");
        assertThatThrownBy(() -> queue.failed("a"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already succeeded");
        assertThatThrownBy(() -> queue.succeeded("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fullRunOnRandomDagTakesEachNodeOnceAfterItsUpstreams() throws Exception {
        Random random = new Random(7);
        int n = 2000;
        Dag.Builder builder = Dag.builder();
        for (int i = 0; i < n; i++) {
            builder.node("n" + i);
        }
        for (int k = 0; k < 6000; k++) {
            int i = random.nextInt(n - 1);
            builder.edge("n" + i, "n" + (i + 1 + random.nextInt(n - 1 - i)));
        }
        Dag dag = builder.build();
        ReadyQueue queue = new ReadyQueue(dag);

        Set<String> done = new HashSet<>();
        List<String> taken = new ArrayList<>();
        int rounds = 0;
        while (!queue.isDone()) {
            List<String> batch = queue.takeReady();
            assertThat(batch).as("progress in round %d", rounds).isNotEmpty();
            for (String id : batch) {
                assertThat(done).containsAll(dag.upstream(id));
            }
            taken.addAll(batch);
            for (String id : batch) {
                queue.succeeded(id);
                done.add(id);
            }
            rounds++;
        }

        assertThat(taken).hasSize(n).doesNotHaveDuplicates();
        assertThat(queue.skipped()).isEmpty();
    }
}
