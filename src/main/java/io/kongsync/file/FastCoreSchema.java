package io.kongsync.file;

import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The YAML 1.2 core schema with a resolver that decides most plain scalars without a regular expression. Nearly every
 * scalar in a route file is a name, host or path; snakeyaml's resolver allocates a matcher for each of them, which was
 * the largest single cost of reading a large configuration. Anything that could be a number, boolean or null still
 * goes to snakeyaml's own resolver, so the result is the same.
 */
final class FastCoreSchema extends CoreSchema {

    private final ScalarResolver exact = super.getScalarResolver();
    private final ScalarResolver fast = this::resolve;

    @Override
    public ScalarResolver getScalarResolver() {
        return fast;
    }

    private Tag resolve(String value, Boolean implicit) {
        if (!implicit || value.isEmpty()) {
            return exact.resolve(value, implicit);
        }
        char first = value.charAt(0);
        boolean mayBeNumber = first == '-' || first == '+' || first == '.' || (first >= '0' && first <= '9');
        boolean mayBeWord = first == 't' || first == 'T' || first == 'f' || first == 'F' || first == 'n' || first == 'N'
                || first == '~' || first == '<';
        if (mayBeNumber || (mayBeWord && value.length() <= 5)) {
            return exact.resolve(value, implicit);
        }
        return Tag.STR;
    }
}
