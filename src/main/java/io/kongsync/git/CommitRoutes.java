package io.kongsync.git;

import java.util.List;

/**
 * A commit's place in history and what its routes are.
 *
 * @param commit     the full commit id
 * @param parents    its parents' full ids (two or more for a merge)
 * @param routesTree the git object id of the routes path at this commit (the whole tree for the repository root);
 *                   two commits with the same id have the same route files. Null when the path does not exist there.
 */
public record CommitRoutes(String commit, List<String> parents, String routesTree) {

    public CommitRoutes {
        parents = List.copyOf(parents);
    }
}
