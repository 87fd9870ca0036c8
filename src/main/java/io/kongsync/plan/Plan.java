package io.kongsync.plan;

import java.util.List;

/**
 * What it takes to make Kong match the files: changes in the order they must be applied (deletes first, children
 * before parents; then creates and updates, parents before children), and the conflicts kongsync will not resolve.
 */
public record Plan(List<Change> changes, List<Conflict> conflicts) {

    public Plan {
        changes = List.copyOf(changes);
        conflicts = List.copyOf(conflicts);
    }

    public record Summary(int create, int update, int delete) {
    }

    public Summary summary() {
        int create = 0;
        int update = 0;
        int delete = 0;
        for (Change c : changes) {
            switch (c.action()) {
                case CREATE -> create++;
                case UPDATE -> update++;
                case DELETE -> delete++;
            }
        }
        return new Summary(create, update, delete);
    }

    /** True when there is nothing to apply (there may still be conflicts). */
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
