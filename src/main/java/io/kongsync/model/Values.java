package io.kongsync.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Helpers for the value tree the model uses: {@code Map<String,Object>}, {@code List<Object>}, {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}, {@link EntityKey} and null. After {@link #canonical} two values
 * that Kong would treat as equal are {@code equals}.
 */
public final class Values {

    /** Orders values of any type: null, booleans, numbers, strings, keys, lists, maps. */
    public static final Comparator<Object> ORDER = Values::compare;

    private Values() {
    }

    /** Integral numbers become {@code Long} (5.0 and 5 are the same to Kong), others {@code Double}. */
    public static Object canonicalNumber(Number n) {
        if (n instanceof Long) {
            return n;
        }
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : (Object) b.doubleValue();
        }
        double d = n.doubleValue();
        if (n instanceof BigDecimal bd) {
            try {
                return bd.longValueExact();
            } catch (ArithmeticException notIntegral) {
                return d;
            }
        }
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e15) {
            return (long) d;
        }
        return d;
    }

    /** A deep copy with canonical numbers and maps in key order; lists keep their order. */
    public static Object canonical(Object value) {
        if (value instanceof Number n) {
            return canonicalNumber(n);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), canonical(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(canonical(o));
            }
            return out;
        }
        return value;
    }

    /** A deep, mutable copy that keeps map order. */
    public static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(deepCopy(o));
            }
            return out;
        }
        return value;
    }

    private static int rank(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Boolean) {
            return 1;
        }
        if (v instanceof Number) {
            return 2;
        }
        if (v instanceof String) {
            return 3;
        }
        if (v instanceof EntityKey) {
            return 4;
        }
        if (v instanceof Collection) {
            return 5;
        }
        return 6;
    }

    @SuppressWarnings("unchecked")
    public static int compare(Object a, Object b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        switch (ra) {
            case 0:
                return 0;
            case 1:
                return Boolean.compare((Boolean) a, (Boolean) b);
            case 2:
                return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
            case 3:
                return ((String) a).compareTo((String) b);
            case 4:
                return ((EntityKey) a).compareTo((EntityKey) b);
            case 5: {
                Iterator<Object> ia = ((Collection<Object>) a).iterator();
                Iterator<Object> ib = ((Collection<Object>) b).iterator();
                while (ia.hasNext() && ib.hasNext()) {
                    int c = compare(ia.next(), ib.next());
                    if (c != 0) {
                        return c;
                    }
                }
                return Boolean.compare(ia.hasNext(), ib.hasNext());
            }
            default:
                return String.valueOf(canonical(a)).compareTo(String.valueOf(canonical(b)));
        }
    }
}
