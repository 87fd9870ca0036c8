package io.kongsync.dump;

import org.snakeyaml.engine.v2.api.ConstructNode;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import org.snakeyaml.engine.v2.schema.Schema;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Block-style YAML for a dump. Strings are quoted whenever any common YAML reader could take them for something else:
 * the YAML 1.2 core schema's numbers, booleans and null, and also YAML 1.1's ({@code yes}, {@code on}, {@code 1_000},
 * {@code 1:20}, dates), which decK's and other tools' parsers still accept, and a leading {@code ~}.
 */
final class YamlText {

    private static final Pattern YAML11_WORD = Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|=|<<");
    private static final Pattern YAML11_NUMBER = Pattern.compile(
            "[-+]?(0b[01_]+|0[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
                    + "|[0-9_]*\\.?[0-9_]+([eE][-+]?[0-9]+)?|[0-9_]+\\.[0-9_]*([eE][-+]?[0-9]+)?)");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");

    private static final DumpSettings SETTINGS = DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(2)
            .setIndentWithIndicator(true)
            .setWidth(Integer.MAX_VALUE)
            .setSplitLines(false)
            .setSchema(new QuotingSchema())
            .build();

    private YamlText() {
    }

    static String write(Object document) {
        return new org.snakeyaml.engine.v2.api.Dump(SETTINGS).dumpToString(document);
    }

    /** The core schema for writing, with a resolver that claims every ambiguous string is not a string. */
    private static final class QuotingSchema implements Schema {

        private final CoreSchema core = new CoreSchema();
        private final ScalarResolver coreResolver = core.getScalarResolver();

        @Override
        public ScalarResolver getScalarResolver() {
            return (value, implicit) -> {
                Tag tag = coreResolver.resolve(value, implicit);
                if (implicit && tag.equals(Tag.STR) && isAmbiguous(value)) {
                    return Tag.NULL;
                }
                return tag;
            };
        }

        @Override
        public Map<Tag, ConstructNode> getSchemaTagConstructors() {
            return core.getSchemaTagConstructors();
        }
    }

    static boolean isAmbiguous(String value) {
        return value.startsWith("~") || YAML11_WORD.matcher(value).matches()
                || YAML11_NUMBER.matcher(value).matches() || DATE.matcher(value).matches();
    }
}
