package io.kongsync.file;

import io.kongsync.model.Origin;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Positions of the nodes of one parsed document, asked for by path in the form {@code services[0].routes[1].paths[0]}
 * (the empty path is the document root). A map entry's position is that of its key, a list item's that of the item.
 * <p>
 * Positions are kept per container (one small array per map or list, in entry order) and a path is resolved by
 * walking the document only when a message needs it: a large configuration has hundreds of thousands of nodes and
 * usually no problem at all.
 */
public final class SourceMap {

    private final String file;
    private final Map<String, int[]> explicit = new HashMap<>();
    private final Map<Object, int[]> containers = new IdentityHashMap<>();
    private Object root;
    private int rootLine = 1;
    private int rootColumn = 1;

    public SourceMap(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** Records a 1-based line and column for a path. */
    public void put(String path, int line, int column) {
        explicit.put(path, new int[] {line, column});
    }

    /** The document and where it starts. */
    void root(Object content, int line, int column) {
        this.root = content;
        this.rootLine = line;
        this.rootColumn = column;
    }

    /**
     * The positions of a map's keys or a list's items, in their order: {@code [line0, column0, line1, column1 ...]}.
     */
    void container(Object mapOrList, int[] positions) {
        containers.put(mapOrList, positions);
    }

    /** Removes a key from a map of the document, keeping the positions of the keys after it. */
    void remove(Map<String, Object> map, String key) {
        if (!map.containsKey(key)) {
            return;
        }
        int index = 0;
        for (String k : map.keySet()) {
            if (k.equals(key)) {
                break;
            }
            index++;
        }
        map.remove(key);
        int[] positions = containers.get(map);
        if (positions != null && 2 * index + 1 < positions.length) {
            int[] kept = new int[positions.length - 2];
            System.arraycopy(positions, 0, kept, 0, 2 * index);
            System.arraycopy(positions, 2 * index + 2, kept, 2 * index, positions.length - 2 * index - 2);
            containers.put(map, kept);
        }
    }

    /**
     * The origin of a path; when the path itself was not written (a missing field), the nearest written ancestor's
     * position is used, and the path is kept as asked.
     */
    public Origin at(String path) {
        int[] pos = explicit.isEmpty() ? null : nearestExplicit(path);
        if (pos == null) {
            pos = walk(path);
        }
        return new Origin(file, pos[0], pos[1], path);
    }

    private int[] nearestExplicit(String path) {
        String p = path;
        while (true) {
            int[] pos = explicit.get(p);
            if (pos != null || p.isEmpty()) {
                return pos;
            }
            p = parentPath(p);
        }
    }

    private int[] walk(String path) {
        int[] best = {rootLine, rootColumn};
        Object current = root;
        int i = 0;
        while (i < path.length() && current != null) {
            int[] positions = containers.get(current);
            if (path.charAt(i) == '[') {
                int close = path.indexOf(']', i);
                if (close < 0 || !(current instanceof List<?> list)) {
                    break;
                }
                int index = Integer.parseInt(path, i + 1, close, 10);
                if (index >= list.size()) {
                    break;
                }
                best = positionAt(positions, index, best);
                current = list.get(index);
                i = close + 1;
            } else {
                if (path.charAt(i) == '.') {
                    i++;
                }
                if (!(current instanceof Map<?, ?> map)) {
                    break;
                }
                int matched = -1;
                String key = null;
                int index = 0;
                for (Iterator<?> it = map.keySet().iterator(); it.hasNext(); index++) {
                    String k = String.valueOf(it.next());
                    if (keyMatches(path, i, k) && (key == null || k.length() > key.length())) {
                        key = k;
                        matched = index;
                    }
                }
                if (key == null) {
                    break;
                }
                best = positionAt(positions, matched, best);
                current = map.get(key);
                i += key.length();
            }
        }
        return best;
    }

    /** A key matches when the path continues with it and then ends, or goes on with {@code .} or {@code [}. */
    private static boolean keyMatches(String path, int from, String key) {
        if (!path.startsWith(key, from)) {
            return false;
        }
        int end = from + key.length();
        return end == path.length() || path.charAt(end) == '.' || path.charAt(end) == '[';
    }

    private static int[] positionAt(int[] positions, int index, int[] fallback) {
        if (positions == null || 2 * index + 1 >= positions.length || positions[2 * index] == 0) {
            return fallback;
        }
        return new int[] {positions[2 * index], positions[2 * index + 1]};
    }

    static String parentPath(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 0 ? "" : path.substring(0, cut);
    }

    /** Joins a parent path and a map key. */
    public static String child(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** Joins a parent path and a list index. */
    public static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
