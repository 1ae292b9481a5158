package org.sqlwarehouse.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Tracks which nodes are ready to run as others finish; not thread-safe (callers synchronise).
 *
 * <p>Each node moves PENDING -> TAKEN -> SUCCEEDED or FAILED, or PENDING -> SKIPPED when an
 * ancestor failed. A node becomes ready once every direct upstream succeeded; since those in turn
 * needed their own upstreams to succeed, a ready node never has a failed ancestor.
 */
public final class ReadyQueue {
    private static final byte PENDING = 0;
    private static final byte TAKEN = 1;
    private static final byte SUCCEEDED = 2;
    private static final byte FAILED = 3;
    private static final byte SKIPPED = 4;

    private final Dag dag;
    private final byte[] state;
    /** Direct upstreams that have not succeeded yet. */
    private final int[] waitingOn;
    /** Ready, not yet taken nodes, keyed by topological position so takeReady() is ordered. */
    private final IntHeap ready;
    private final Set<String> skipped = new LinkedHashSet<>();
    private int finished;
    private int inProgress;

    public ReadyQueue(Dag dag) {
        this.dag = Objects.requireNonNull(dag, "dag");
        int n = dag.size();
        this.state = new byte[n];
        this.waitingOn = new int[n];
        this.ready = new IntHeap(n);
        for (int i = 0; i < n; i++) {
            waitingOn[i] = dag.inEdges(i).length;
            if (waitingOn[i] == 0) {
                ready.add(dag.topoPosition(i));
            }
        }
    }

    /**
     * Nodes whose upstreams all finished successfully and that were not taken yet, in topological
     * order; they count as taken (running) from now on. Empty when nothing is ready right now.
     */
    public List<String> takeReady() {
        if (ready.isEmpty()) {
            return List.of();
        }
        List<String> result = new ArrayList<>(ready.size());
        while (!ready.isEmpty()) {
            int node = dag.nodeAtTopoPosition(ready.poll());
            state[node] = TAKEN;
            inProgress++;
            result.add(dag.idAt(node));
        }
        return result;
    }

    /** Marks a taken node succeeded, which may make its downstream nodes ready. */
    public void succeeded(String id) {
        int node = finish(id, SUCCEEDED);
        for (int child : dag.outEdges(node)) {
            if (--waitingOn[child] == 0 && state[child] == PENDING) {
                ready.add(dag.topoPosition(child));
            }
        }
    }

    /**
     * Marks a taken node failed; every descendant not yet taken becomes skipped. Returns the newly
     * skipped ids in topological order.
     */
    public List<String> failed(String id) {
        int node = finish(id, FAILED);
        // Iterative BFS. An already skipped node's descendants were skipped with it, so stop there.
        int[] stack = new int[dag.size()];
        int top = 0;
        List<Integer> newlySkipped = new ArrayList<>();
        stack[top++] = node;
        while (top > 0) {
            for (int child : dag.outEdges(stack[--top])) {
                if (state[child] == PENDING) {
                    state[child] = SKIPPED;
                    finished++;
                    newlySkipped.add(dag.topoPosition(child));
                    stack[top++] = child;
                }
            }
        }
        int[] positions = newlySkipped.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(positions);
        List<String> result = new ArrayList<>(positions.length);
        for (int p : positions) {
            String skippedId = dag.idAt(dag.nodeAtTopoPosition(p));
            result.add(skippedId);
            skipped.add(skippedId);
        }
        return result;
    }

    private int finish(String id, byte outcome) {
        int node = dag.indexOf(id);
        if (state[node] != TAKEN) {
            throw new IllegalStateException("Node " + id + " is not running (" + describe(state[node]) + ")");
        }
        state[node] = outcome;
        inProgress--;
        finished++;
        return node;
    }

    private static String describe(byte s) {
        switch (s) {
            case PENDING: return "not taken yet";
            case SUCCEEDED: return "already succeeded";
            case FAILED: return "already failed";
            case SKIPPED: return "skipped";
            default: return "taken";
        }
    }

    /** Every node succeeded, failed or skipped. */
    public boolean isDone() {
        return finished == state.length;
    }

    /** Nodes taken but not reported as succeeded or failed yet. */
    public int inProgress() {
        return inProgress;
    }

    /** Every node skipped so far, in the order they were skipped; an unmodifiable snapshot. */
    public Set<String> skipped() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(skipped));
    }
}
