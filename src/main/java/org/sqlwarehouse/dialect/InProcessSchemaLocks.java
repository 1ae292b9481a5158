package org.sqlwarehouse.dialect;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Schema locks held within this JVM, for an embedded database. Another process cannot open the
 * database file at all while this one has it open (the database's file lock), but every build in
 * this JVM shares one database instance: two of them (parallel modules, two threads) would drop
 * each other's temporary relations without this.
 */
final class InProcessSchemaLocks {
    /** Who holds a lock, for the message of the build that waits for it. */
    private record Holder(String thread, Instant since) {
    }

    /** One lock: a fair semaphore (waiters get it in order), and its current holder. */
    private static final class Lock {
        final Semaphore permit = new Semaphore(1, true);
        Holder holder;
    }

    private static final ConcurrentHashMap<String, Lock> LOCKS = new ConcurrentHashMap<>();

    private InProcessSchemaLocks() {
    }

    /** @param key the database and schema, e.g. its file's path and the schema name */
    static boolean lock(String key, Duration wait) throws InterruptedException {
        Lock lock = LOCKS.computeIfAbsent(key, k -> new Lock());
        // the timed form even for zero: the untimed tryAcquire would jump the queue of waiters
        if (!lock.permit.tryAcquire(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS)) {
            return false;
        }
        synchronized (lock) {
            lock.holder = new Holder(Thread.currentThread().getName(), Instant.now());
        }
        return true;
    }

    static void unlock(String key) {
        Lock lock = LOCKS.get(key);
        if (lock == null) {
            return;
        }
        synchronized (lock) {
            // released once only: a second release would let two builds in
            if (lock.holder != null) {
                lock.holder = null;
                lock.permit.release();
            }
        }
    }

    static Optional<String> holder(String key) {
        Lock lock = LOCKS.get(key);
        if (lock == null) {
            return Optional.empty();
        }
        synchronized (lock) {
            return lock.holder == null ? Optional.empty() : Optional.of("a build on thread '" + lock.holder.thread()
                    + "' of this JVM (PID " + ProcessHandle.current().pid() + ", "
                    + ManagementFactory.getRuntimeMXBean().getName() + "), since " + lock.holder.since());
        }
    }

    static int waiters(String key) {
        Lock lock = LOCKS.get(key);
        return lock == null ? 0 : lock.permit.getQueueLength();
    }
}
