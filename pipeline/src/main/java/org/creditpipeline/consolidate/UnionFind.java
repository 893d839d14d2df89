package org.creditpipeline.consolidate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Union-find (path halving, union by size) over the nodes the fuzzy and origin stages touch, with the cannot-link
 * rule at component level: a component remembers the valid identifier of its members, and an optional union of two
 * components whose identifiers disagree is refused. Only nodes that appear in an edge are held, so memory follows the
 * residual, not the run. Components are capped in size against chaining.
 */
public final class UnionFind {

    private final Map<Long, Integer> index = new HashMap<>();
    private final int maxComponentSize;
    private long[] node = new long[1024];
    private int[] parent = new int[1024];
    private int[] size = new int[1024];
    private String[] identity = new String[1024];
    /** Per component root, the existing records (negative nodes) in it; only roots of such components have an entry. */
    private final Map<Integer, List<Long>> records = new HashMap<>();
    private int count;

    public UnionFind(int maxComponentSize) {
        this.maxComponentSize = maxComponentSize;
    }

    /** Adds a node (idempotent) with its valid identifier key, or null. */
    public int add(long id, String identifier) {
        Integer i = index.get(id);
        if (i != null) {
            if (identity[find(i)] == null && identifier != null) {
                identity[find(i)] = identifier;
            }
            return i;
        }
        if (count == node.length) {
            int n = count * 2;
            node = Arrays.copyOf(node, n);
            parent = Arrays.copyOf(parent, n);
            size = Arrays.copyOf(size, n);
            identity = Arrays.copyOf(identity, n);
        }
        node[count] = id;
        parent[count] = count;
        size[count] = 1;
        identity[count] = identifier;
        index.put(id, count);
        if (id < 0) {
            records.put(count, new ArrayList<>(List.of(-id)));
        }
        return count++;
    }

    /**
     * Joins the components of a and b. A forced union (rows of one origin record) always happens; another is refused
     * when the identifiers disagree or the joined component would exceed the cap. Returns whether they are joined.
     */
    public boolean union(long a, long b, boolean forced) {
        int ra = find(index.get(a));
        int rb = find(index.get(b));
        if (ra == rb) {
            return true;
        }
        if (!forced && (Boolean.FALSE.equals(MatchProfile.sameIdentifier(identity[ra], identity[rb]))
                || size[ra] + size[rb] > maxComponentSize)) {
            return false;
        }
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
        List<Long> moved = records.remove(rb);
        if (moved != null) {
            records.computeIfAbsent(ra, r -> new ArrayList<>()).addAll(moved);
        }
        if (identity[ra] == null || (identity[rb] != null && identity[rb].startsWith("U:"))) {
            identity[ra] = identity[rb] != null ? identity[rb] : identity[ra];
        }
        return true;
    }

    /**
     * Whether joining a's and b's components would put two existing records of a pair kept apart (a rejected review
     * pair, an undone merge) into one; records are the negative nodes, pairs keyed by {@link MatchStep#pairKey}.
     */
    public boolean holdsApart(long a, long b, Set<Long> apart) {
        if (apart.isEmpty()) {
            return false;
        }
        int ra = find(index.get(a));
        int rb = find(index.get(b));
        List<Long> left = records.get(ra);
        List<Long> right = records.get(rb);
        if (ra == rb || left == null || right == null) {
            return false;
        }
        for (long x : left) {
            for (long y : right) {
                if (apart.contains(MatchStep.pairKey(x, y))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a and b are in components that may still be joined (same component, or compatible identifiers). */
    public boolean compatible(long a, long b) {
        int ra = find(index.get(a));
        int rb = find(index.get(b));
        return ra == rb || !Boolean.FALSE.equals(MatchProfile.sameIdentifier(identity[ra], identity[rb]));
    }

    /** The node id of a's component root. */
    public long root(long a) {
        return node[find(index.get(a))];
    }

    public int size() {
        return count;
    }

    /** The node id at position i (insertion order). */
    public long nodeAt(int i) {
        return node[i];
    }

    private int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
