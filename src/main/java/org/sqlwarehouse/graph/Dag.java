package org.sqlwarehouse.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A directed acyclic graph of node ids (e.g. {@code model.shop.stg_orders}); edges go from an
 * upstream node to the nodes that depend on it. Insertion order of nodes is kept so that every
 * ordering is deterministic. Immutable once built.
 *
 * <p>Nodes are stored by their insertion index with adjacency arrays sorted by that index, so every
 * query is linear in the part of the graph it touches. Sets returned by queries are unmodifiable;
 * {@link #upstream}/{@link #downstream} iterate in insertion order, {@link #ancestors}/{@link
 * #descendants} in topological order.
 */
public final class Dag {
    private static final int[] NO_EDGES = new int[0];

    private final String[] ids;
    private final Map<String, Integer> index;
    private final int[][] out;
    private final int[][] in;
    private final int edgeCount;
    /** Node indices in topological order. */
    private final int[] topo;
    /** topoPos[node] = position of node in {@link #topo}. */
    private final int[] topoPos;
    private final Set<String> nodeSet;
    private final List<String> topoList;

    private Dag(String[] ids, Map<String, Integer> index, int[][] out, int[][] in, int edgeCount, int[] topo) {
        this.ids = ids;
        this.index = index;
        this.out = out;
        this.in = in;
        this.edgeCount = edgeCount;
        this.topo = topo;
        this.topoPos = new int[ids.length];
        for (int i = 0; i < topo.length; i++) {
            topoPos[topo[i]] = i;
        }
        this.nodeSet = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(ids)));
        List<String> order = new ArrayList<>(topo.length);
        for (int n : topo) {
            order.add(ids[n]);
        }
        this.topoList = Collections.unmodifiableList(order);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All nodes in insertion order. */
    public Set<String> nodes() {
        return nodeSet;
    }

    public int size() {
        return ids.length;
    }

    /** Number of distinct edges. */
    public int edgeCount() {
        return edgeCount;
    }

    public boolean contains(String id) {
        return index.containsKey(id);
    }

    /** Direct parents of id, in insertion order. */
    public Set<String> upstream(String id) {
        return toSet(in[indexOf(id)]);
    }

    /** Direct children of id, in insertion order. */
    public Set<String> downstream(String id) {
        return toSet(out[indexOf(id)]);
    }

    /** Every node id transitively depends on, excluding id, in topological order. */
    public Set<String> ancestors(String id) {
        return reachable(indexOf(id), in);
    }

    /** Every node that transitively depends on id, excluding id, in topological order. */
    public Set<String> descendants(String id) {
        return reachable(indexOf(id), out);
    }

    /** A topological order; among ready nodes, the one inserted first comes first. Unmodifiable. */
    public List<String> topologicalOrder() {
        return topoList;
    }

    /**
     * The subgraph induced by the given ids (edges among them only), keeping this graph's insertion
     * order. Throws IllegalArgumentException if an id is not a node.
     */
    public Dag subgraph(Set<String> ids) {
        boolean[] keep = new boolean[this.ids.length];
        for (String id : ids) {
            keep[indexOf(id)] = true;
        }
        int[] newIndex = new int[this.ids.length];
        List<String> kept = new ArrayList<>(ids.size());
        for (int i = 0; i < this.ids.length; i++) {
            newIndex[i] = keep[i] ? kept.size() : -1;
            if (keep[i]) {
                kept.add(this.ids[i]);
            }
        }
        int n = kept.size();
        String[] subIds = kept.toArray(new String[0]);
        Map<String, Integer> subIndex = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            subIndex.put(subIds[i], i);
        }
        int[][] subOut = new int[n][];
        int[][] subIn = new int[n][];
        int edges = 0;
        for (int i = 0; i < this.ids.length; i++) {
            if (keep[i]) {
                subOut[newIndex[i]] = filter(out[i], keep, newIndex);
                subIn[newIndex[i]] = filter(in[i], keep, newIndex);
                edges += subOut[newIndex[i]].length;
            }
        }
        // Restricting this graph's topological order to the kept nodes is a valid order, but not
        // necessarily the "earliest inserted ready node first" order, so sort again.
        int[] subTopo = kahn(subOut, subIn);
        return new Dag(subIds, subIndex, subOut, subIn, edges, subTopo);
    }

    @Override
    public String toString() {
        return "Dag[" + ids.length + " nodes, " + edgeCount + " edges]";
    }

    // ---- package-private accessors for ReadyQueue ----

    int indexOf(String id) {
        Integer i = index.get(Objects.requireNonNull(id, "id"));
        if (i == null) {
            throw new IllegalArgumentException("Unknown node: " + id);
        }
        return i;
    }

    String idAt(int i) {
        return ids[i];
    }

    int[] outEdges(int i) {
        return out[i];
    }

    int[] inEdges(int i) {
        return in[i];
    }

    int topoPosition(int i) {
        return topoPos[i];
    }

    int nodeAtTopoPosition(int pos) {
        return topo[pos];
    }

    // ---- internals ----

    private Set<String> toSet(int[] nodes) {
        Set<String> result = new LinkedHashSet<>(nodes.length * 2);
        for (int n : nodes) {
            result.add(ids[n]);
        }
        return Collections.unmodifiableSet(result);
    }

    /** Iterative BFS over adj from start (excluded), results sorted by topological position. */
    private Set<String> reachable(int start, int[][] adj) {
        boolean[] seen = new boolean[ids.length];
        seen[start] = true;
        int[] queue = new int[ids.length];
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        while (head < tail) {
            for (int next : adj[queue[head++]]) {
                if (!seen[next]) {
                    seen[next] = true;
                    queue[tail++] = next;
                }
            }
        }
        // Sort the found nodes (all but start) by topological position, O(k log k).
        int[] positions = new int[tail - 1];
        for (int i = 1; i < tail; i++) {
            positions[i - 1] = topoPos[queue[i]];
        }
        Arrays.sort(positions);
        Set<String> result = new LinkedHashSet<>(positions.length * 2);
        for (int p : positions) {
            result.add(ids[topo[p]]);
        }
        return Collections.unmodifiableSet(result);
    }

    private static int[] filter(int[] nodes, boolean[] keep, int[] newIndex) {
        int count = 0;
        for (int n : nodes) {
            if (keep[n]) {
                count++;
            }
        }
        if (count == 0) {
            return NO_EDGES;
        }
        int[] result = new int[count];
        int j = 0;
        for (int n : nodes) {
            if (keep[n]) {
                result[j++] = newIndex[n];
            }
        }
        return result; // stays sorted: newIndex is monotonic
    }

    /**
     * Kahn's algorithm with a min-heap on insertion index. Returns the full order, or a shorter
     * array when there is a cycle (the missing nodes are those on or downstream of a cycle).
     */
    private static int[] kahn(int[][] out, int[][] in) {
        int n = out.length;
        int[] indegree = new int[n];
        IntHeap ready = new IntHeap(n);
        for (int i = 0; i < n; i++) {
            indegree[i] = in[i].length;
            if (indegree[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int count = 0;
        while (!ready.isEmpty()) {
            int node = ready.poll();
            order[count++] = node;
            for (int child : out[node]) {
                if (--indegree[child] == 0) {
                    ready.add(child);
                }
            }
        }
        return count == n ? order : Arrays.copyOf(order, count);
    }

    /**
     * Finds one cycle among the nodes Kahn's algorithm could not place. Each of those has a parent
     * that is also unplaced, so walking to the first unplaced parent must eventually revisit a node;
     * no recursion, so long chains cannot overflow the stack. The cycle is rotated to start at its
     * earliest-inserted node so the report does not depend on where the walk began.
     */
    private static List<String> findCycle(String[] ids, int[][] in, int[] partialOrder) {
        int n = ids.length;
        boolean[] placed = new boolean[n];
        for (int node : partialOrder) {
            placed[node] = true;
        }
        int start = 0;
        while (placed[start]) {
            start++;
        }
        int[] pathPos = new int[n];
        Arrays.fill(pathPos, -1);
        List<Integer> path = new ArrayList<>();
        int current = start;
        while (pathPos[current] < 0) {
            pathPos[current] = path.size();
            path.add(current);
            int parent = -1;
            for (int p : in[current]) {
                if (!placed[p]) {
                    parent = p;
                    break;
                }
            }
            if (parent < 0) {
                throw new IllegalStateException("no unplaced parent for " + ids[current]); // cannot happen
            }
            current = parent;
        }
        // path[from..] was walked against the edges; reverse it to get dependency direction.
        int from = pathPos[current];
        List<Integer> ring = new ArrayList<>(path.size() - from);
        ring.add(path.get(from));
        for (int i = path.size() - 1; i > from; i--) {
            ring.add(path.get(i));
        }
        int rotate = 0;
        for (int i = 1; i < ring.size(); i++) {
            if (ring.get(i) < ring.get(rotate)) {
                rotate = i;
            }
        }
        List<String> cycle = new ArrayList<>(ring.size() + 1);
        for (int i = 0; i < ring.size(); i++) {
            cycle.add(ids[ring.get((rotate + i) % ring.size())]);
        }
        cycle.add(cycle.get(0));
        return cycle;
    }

    /** Collects nodes and edges; reusable, each build() takes a snapshot. */
    public static final class Builder {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> ids = new ArrayList<>();
        private final Set<Long> edgeKeys = new HashSet<>();
        private int[] edgeFrom = new int[16];
        private int[] edgeTo = new int[16];
        private int edgeCount;

        private Builder() {
        }

        /** Adds a node; adding an existing node again does nothing (its position is kept). */
        public Builder node(String id) {
            Objects.requireNonNull(id, "id");
            if (!index.containsKey(id)) {
                index.put(id, ids.size());
                ids.add(id);
            }
            return this;
        }

        /**
         * Adds an edge: downstream depends on upstream. Both must be nodes already, else
         * IllegalArgumentException. Duplicate edges are ignored; a self edge is a cycle that
         * build() reports.
         */
        public Builder edge(String upstream, String downstream) {
            int from = require(upstream, "upstream");
            int to = require(downstream, "downstream");
            if (edgeKeys.add(((long) from << 32) | to)) {
                if (edgeCount == edgeFrom.length) {
                    edgeFrom = Arrays.copyOf(edgeFrom, edgeCount * 2);
                    edgeTo = Arrays.copyOf(edgeTo, edgeCount * 2);
                }
                edgeFrom[edgeCount] = from;
                edgeTo[edgeCount] = to;
                edgeCount++;
            }
            return this;
        }

        private int require(String id, String role) {
            Integer i = index.get(Objects.requireNonNull(id, role));
            if (i == null) {
                throw new IllegalArgumentException("Unknown " + role + " node: " + id);
            }
            return i;
        }

        /** Throws CycleException if there is a cycle. */
        public Dag build() throws CycleException {
            int n = ids.size();
            int[] outDegree = new int[n];
            int[] inDegree = new int[n];
            for (int e = 0; e < edgeCount; e++) {
                outDegree[edgeFrom[e]]++;
                inDegree[edgeTo[e]]++;
            }
            int[][] out = new int[n][];
            int[][] in = new int[n][];
            for (int i = 0; i < n; i++) {
                out[i] = outDegree[i] == 0 ? NO_EDGES : new int[outDegree[i]];
                in[i] = inDegree[i] == 0 ? NO_EDGES : new int[inDegree[i]];
            }
            // Reuse the degree arrays as fill cursors.
            Arrays.fill(outDegree, 0);
            Arrays.fill(inDegree, 0);
            for (int e = 0; e < edgeCount; e++) {
                int from = edgeFrom[e];
                int to = edgeTo[e];
                out[from][outDegree[from]++] = to;
                in[to][inDegree[to]++] = from;
            }
            // Sorted adjacency makes neighbour order (and so cycle reports) independent of edge order.
            for (int i = 0; i < n; i++) {
                Arrays.sort(out[i]);
                Arrays.sort(in[i]);
            }
            String[] idArray = ids.toArray(new String[0]);
            int[] topo = kahn(out, in);
            if (topo.length < n) {
                throw new CycleException(findCycle(idArray, in, topo));
            }
            return new Dag(idArray, new HashMap<>(index), out, in, edgeCount, topo);
        }
    }
}
