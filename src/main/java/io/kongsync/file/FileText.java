package io.kongsync.file;

import io.kongsync.model.Origin;
import io.kongsync.validate.Diagnostic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * The text of one input, read within the size limit and decoded strictly: a file larger than the limit is refused
 * from its size, before a byte is read; bytes that are not UTF-8 are reported at their line and column. A byte order
 * mark selects UTF-16 or UTF-32, as YAML allows.
 */
final class FileText {

    /** The input cannot be used; {@code problem} says why and where. */
    static final class Refused extends RuntimeException {

        private final transient Diagnostic problem;

        Refused(Diagnostic problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }

        Diagnostic problem() {
            return problem;
        }
    }

    private FileText() {
    }

    static String read(SourceFinder.Input input, ReadOptions options) throws IOException {
        long limit = options.limits().maxFileBytes();
        if (!input.isStdin()) {
            long size = Files.size(input.path());
            if (size > limit) {
                throw refused(input.name(), 0, 0, "the file is " + Sizes.shown(size, true)
                        + ", larger than the limit of " + Sizes.shown(limit, false));
            }
        }
        byte[] bytes;
        InputStream in = input.isStdin() ? options.stdin().get() : Files.newInputStream(input.path());
        try {
            bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        } finally {
            if (!input.isStdin()) {
                in.close();
            }
        }
        if (bytes.length > limit) {
            // standard input, or a file that grew since its size was read
            throw refused(input.name(), 0, 0, (input.isStdin() ? "the input" : "the file")
                    + " is larger than the limit of " + Sizes.shown(limit, false));
        }
        return decode(input.name(), bytes);
    }

    private static String decode(String name, byte[] bytes) {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            skip = 3;
        } else if (startsWith(bytes, 0x00, 0x00, 0xFE, 0xFF)) {
            charset = Charset.forName("UTF-32BE");
            skip = 4;
        } else if (startsWith(bytes, 0xFF, 0xFE, 0x00, 0x00)) {
            charset = Charset.forName("UTF-32LE");
            skip = 4;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, skip, bytes.length - skip);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil((bytes.length - skip) * (double) decoder.maxCharsPerByte())
                + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw notDecodable(name, charset, out.flip(), bytes[in.position()]);
        }
        return out.flip().toString();
    }

    /** Reported where the decoded text stops: the line and column of the first byte that is no character. */
    private static Refused notDecodable(String name, Charset charset, CharSequence before, byte at) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < before.length(); i++) {
            char c = before.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == before.length() || before.charAt(i + 1) != '\n')) {
                line++;
                lineStart = i + 1;
            }
        }
        int column = Character.codePointCount(before, lineStart, before.length()) + 1;
        String encoding = charset.name().replaceAll("(BE|LE)$", "");
        return refused(name, line, column, "the file is not valid " + encoding
                + String.format(" (byte 0x%02X); save it as UTF-8", at & 0xFF));
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static Refused refused(String name, int line, int column, String message) {
        return new Refused(new Diagnostic(new Origin(name, line, column, ""), message));
    }
}
