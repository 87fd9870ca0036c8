package io.kongsync.file;

import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/** Scalar values of the YAML 1.2 core schema, built by hand: no tag ever constructs an arbitrary Java object. */
final class CoreScalars {

    static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern OCTAL = Pattern.compile("0o[0-7]+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern FLOAT =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INFINITY = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");

    private CoreScalars() {
    }

    /** True for the tags of the core schema (str, int, float, bool, null, map, seq). */
    static boolean isCoreTag(Tag tag) {
        return tag.equals(Tag.STR) || tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.BOOL)
                || tag.equals(Tag.NULL) || tag.equals(Tag.MAP) || tag.equals(Tag.SEQ);
    }

    /** The value of plain text as the core schema resolves it ({@code 8080} is a number, {@code yes} a string). */
    static Object resolvePlain(String text) {
        return value(RESOLVER.resolve(text, true), text);
    }

    /**
     * The value of a scalar with a core tag.
     *
     * @throws IllegalArgumentException when the text is not a valid value of the tag (e.g. {@code !!int abc})
     */
    static Object value(Tag tag, String text) {
        if (tag.equals(Tag.INT)) {
            return integer(text);
        }
        if (tag.equals(Tag.FLOAT)) {
            return floating(text);
        }
        if (tag.equals(Tag.BOOL)) {
            if (!BOOL.matcher(text).matches()) {
                throw new IllegalArgumentException("not a boolean");
            }
            return text.toLowerCase(Locale.ROOT).equals("true");
        }
        if (tag.equals(Tag.NULL)) {
            if (!NULL.matcher(text).matches()) {
                throw new IllegalArgumentException("not null");
            }
            return null;
        }
        return text;
    }

    private static Object integer(String text) {
        BigInteger value;
        if (DECIMAL.matcher(text).matches()) {
            value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
        } else if (OCTAL.matcher(text).matches()) {
            value = new BigInteger(text.substring(2), 8);
        } else if (HEX.matcher(text).matches()) {
            value = new BigInteger(text.substring(2), 16);
        } else {
            throw new IllegalArgumentException("not an integer");
        }
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static Object floating(String text) {
        if (INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (NAN.matcher(text).matches()) {
            return Double.NaN;
        }
        if (!FLOAT.matcher(text).matches()) {
            throw new IllegalArgumentException("not a number");
        }
        return Double.parseDouble(text);
    }
}
