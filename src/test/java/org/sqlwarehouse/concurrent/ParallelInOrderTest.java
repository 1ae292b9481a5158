package org.sqlwarehouse.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Results in list order whatever the threads; a failure stops every thread; one thread is the caller. */
class ParallelInOrderTest {
    private static final List<Integer> ITEMS = IntStream.range(0, 500).boxed().toList();

    @Test
    void resultsComeInListOrderFromSeveralThreads() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<String> out = ParallelInOrder.map(ITEMS, 3, "main", () -> "helper", (worker, i, item) -> {
            threads.add(Thread.currentThread().getName());
            pause(1);
            return worker.charAt(0) + ":" + item;
        });

        assertThat(out).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(out.get(i)).endsWith(":" + i);
        }
        assertThat(threads).hasSizeGreaterThan(1);
    }

    @Test
    void atOneThreadTheCallerDoesEverything() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ParallelInOrder.map(ITEMS, 1, "main", () -> "helper", (worker, i, item) -> {
            threads.add(Thread.currentThread().getName());
            return worker;
        });

        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void theFirstFailureStopsEveryThreadAndNoneGoesOnAfterwards() throws Exception {
        AtomicInteger started = new AtomicInteger();
        assertThatThrownBy(() -> ParallelInOrder.map(ITEMS, 3, "main", () -> "helper", (worker, i, item) -> {
            started.incrementAndGet();
            if (i == 0) {
                throw new IllegalStateException("model 0 does not render");
            }
            pause(5);
            return item;
        })).isInstanceOf(IllegalStateException.class).hasMessage("model 0 does not render");

        int atReturn = started.get();
        // each other thread finishes at most the item it holds
        assertThat(atReturn).isLessThanOrEqualTo(4);
        pause(50);
        assertThat(started.get()).isEqualTo(atReturn);
    }

    @Test
    void forEachRunsOnItsOwnThreadsNeverTheCommonPoolAndRethrowsAnIoFailure() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        assertThatThrownBy(() -> ParallelInOrder.forEach(ITEMS, 3, item -> {
            threads.add(Thread.currentThread().getName());
            pause(1);
            if (item == 250) {
                throw new java.io.IOException("disk full at 250");
            }
        })).isInstanceOf(java.io.IOException.class).hasMessage("disk full at 250");

        assertThat(threads).isNotEmpty().allSatisfy(name -> assertThat(name)
                .matches(n -> n.equals(Thread.currentThread().getName()) || n.startsWith("warehouse-worker-"),
                        "the caller or one of its own workers"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
