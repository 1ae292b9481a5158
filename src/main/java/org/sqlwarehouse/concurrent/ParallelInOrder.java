package org.sqlwarehouse.concurrent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Maps a list on threads of its own (never the JVM's common pool, which other plugins of a parallel
 * Maven build share), each with a worker of its own (a renderer is not thread-safe),
 * and returns the results in list order, as one thread would. The calling thread works too, with
 * the worker it brings. The first failure stops every thread from taking more items and is
 * rethrown; the helper threads are gone when it returns.
 */
public final class ParallelInOrder {

    /** What one worker does with one item. */
    @FunctionalInterface
    public interface Task<W, T, R> {
        R apply(W worker, int index, T item);
    }

    private static final ThreadFactory THREADS = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread thread = new Thread(r, "warehouse-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    };

    private ParallelInOrder() {
    }

    /**
     * @param threads       how many threads at most, the calling one included
     * @param callersWorker the calling thread's worker
     * @param helperWorker  makes a worker for each helper thread, on that thread
     */
    public static <W, T, R> List<R> map(List<T> items, int threads, W callersWorker, Supplier<W> helperWorker,
            Task<W, T, R> task) {
        @SuppressWarnings("unchecked")
        R[] out = (R[]) new Object[items.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        java.util.function.Consumer<W> work = worker -> {
            for (int i = next.getAndIncrement(); i < out.length && !failed.get(); i = next.getAndIncrement()) {
                try {
                    out[i] = task.apply(worker, i, items.get(i));
                } catch (RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                }
            }
        };
        int helpers = Math.max(0, Math.min(threads, items.size()) - 1);
        if (helpers == 0) {
            work.accept(callersWorker);
            return Arrays.asList(out);
        }
        ExecutorService pool = Executors.newFixedThreadPool(helpers, THREADS);
        List<Future<?>> running = new ArrayList<>();
        Throwable failure = null;
        try {
            for (int t = 0; t < helpers; t++) {
                running.add(pool.submit(() -> work.accept(helperWorker.get())));
            }
            work.accept(callersWorker);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        // wait for every helper, so that none goes on after this returns or throws
        for (Future<?> helper : running) {
            Throwable thrown = outcome(helper);
            if (thrown != null && failure == null) {
                failure = thrown;
            }
        }
        pool.shutdown();
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return Arrays.asList(out);
    }

    /** Work on one item that needs no worker of its own (reading or writing a file). */
    @FunctionalInterface
    public interface Job<T> {
        void run(T item) throws java.io.IOException;
    }

    /**
     * Runs the job on every item, on at most threads threads; an IOException of any item is
     * rethrown once every thread has stopped.
     */
    public static <T> void forEach(List<T> items, int threads, Job<T> job) throws java.io.IOException {
        try {
            map(items, threads, null, () -> null, (worker, i, item) -> {
                try {
                    job.run(item);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return null;
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Throwable outcome(Future<?> helper) {
        try {
            helper.get();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while waiting for the other threads", e);
        } catch (ExecutionException e) {
            return e.getCause() instanceof RuntimeException || e.getCause() instanceof Error ? e.getCause()
                    : new IllegalStateException(e.getCause());
        }
    }
}
