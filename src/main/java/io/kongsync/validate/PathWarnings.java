package io.kongsync.validate;

import io.kongsync.file.RawEntity;
import io.kongsync.model.Entity;
import io.kongsync.model.EntityKey;
import io.kongsync.model.EntityKind;
import io.kongsync.model.Origin;
import io.kongsync.model.State;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Route paths Kong 3.9.1 accepts but probably not as meant: a path without {@code ~} that has characters of a regex
 * is matched by Kong 3 as a plain prefix. decK warns about these and syncs them; so does kongsync (a warning, never an
 * error). Pure: reads the desired state only.
 */
final class PathWarnings {

    /** decK's test for a regex path: any character outside these. */
    private static final Pattern NOT_PLAIN = Pattern.compile("[^a-zA-Z0-9._~/%-]");

    private PathWarnings() {
    }

    static List<Diagnostic> of(State desired, Map<EntityKey, RawEntity> sources) {
        List<Diagnostic> warnings = new ArrayList<>();
        for (Entity route : desired.ofKind(EntityKind.ROUTE)) {
            if (!(route.field("paths") instanceof Collection<?> paths)) {
                continue;
            }
            int i = 0;
            for (Object p : paths) {
                if (p instanceof String path && !path.startsWith("~") && NOT_PLAIN.matcher(path).find()) {
                    warnings.add(new Diagnostic(at(route, sources.get(route.key()), i),
                            "'" + path + "' looks like a regex but has no '~': Kong 3 matches it as a plain prefix;"
                                    + " write '~" + path + "' if a regex is meant"));
                }
                i++;
            }
        }
        return warnings;
    }

    private static Origin at(Entity route, RawEntity raw, int index) {
        if (raw != null) {
            return raw.originOf("paths[" + index + "]");
        }
        Origin o = route.origin();
        return new Origin(o.file(), o.line(), o.column(), o.path() + ".paths[" + index + "]");
    }
}
