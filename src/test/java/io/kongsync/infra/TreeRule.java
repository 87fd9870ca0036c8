package io.kongsync.infra;

import java.util.List;

/** One or more {@link Rule}s applied to a whole tree. */
interface TreeRule {

    void check(HclTree tree, List<Violation> violations);
}
