package io.kongsync.file;

import io.kongsync.model.Origin;

import java.util.HashMap;
import java.util.Map;

/**
 * Positions of every node of one parsed document, keyed by path in the form {@code services[0].routes[1].paths[0]}
 * (the empty path is the document root). A map entry's position is that of its key, a list item's that of the item.
 */
public final class SourceMap {

    private final String file;
    private final Map<String, long[]> positions = new HashMap<>();

    public SourceMap(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** Records a 1-based line and column for a path. */
    public void put(String path, int line, int column) {
        positions.put(path, new long[] {line, column});
    }

    /**
     * The origin of a path; when the path itself was not written (a missing field), the nearest written ancestor's
     * position is used, and the path is kept as asked.
     */
    public Origin at(String path) {
        String p = path;
        while (true) {
            long[] pos = positions.get(p);
            if (pos != null) {
                return new Origin(file, (int) pos[0], (int) pos[1], path);
            }
            if (p.isEmpty()) {
                return new Origin(file, 1, 1, path);
            }
            p = parentPath(p);
        }
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
