package org.sqlwarehouse.graph;

import java.util.Arrays;

/** A min-heap of ints; avoids boxing in the hot loops of topological sorting and scheduling. */
final class IntHeap {
    private int[] items;
    private int size;

    IntHeap(int capacity) {
        items = new int[Math.max(capacity, 4)];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(int value) {
        if (size == items.length) {
            items = Arrays.copyOf(items, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (items[parent] <= value) {
                break;
            }
            items[i] = items[parent];
            i = parent;
        }
        items[i] = value;
    }

    int poll() {
        int top = items[0];
        int last = items[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && items[child + 1] < items[child]) {
                child++;
            }
            if (last <= items[child]) {
                break;
            }
            items[i] = items[child];
            i = child;
        }
        if (size > 0) {
            items[i] = last;
        }
        return top;
    }
}
