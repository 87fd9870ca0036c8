package io.kongsync.file;

/** Byte counts as people read them: {@code 512 bytes}, {@code 3 KB}, {@code 10.1 MB} (units of 1024). */
final class Sizes {

    private static final long KB = 1024;
    private static final long MB = 1024 * KB;

    private Sizes() {
    }

    /** @param roundUp round a fraction up (a size over a limit never reads as the limit) rather than down */
    static String shown(long bytes, boolean roundUp) {
        if (bytes < KB) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        long unit = bytes < MB ? KB : MB;
        String name = unit == KB ? " KB" : " MB";
        long tenths = roundUp ? (bytes * 10 + unit - 1) / unit : bytes * 10 / unit;
        return (tenths % 10 == 0 ? String.valueOf(tenths / 10) : tenths / 10 + "." + tenths % 10) + name;
    }
}
