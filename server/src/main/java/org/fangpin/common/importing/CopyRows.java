package org.fangpin.common.importing;

import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL {@code COPY} text format, escaped into a char buffer. {@link CopyWriter} streams them into a
 * {@code COPY ... FROM STDIN}; a batch of rows formatted apart (on a worker thread, see {@link ParallelRows}) is
 * handed to it already encoded. This sits on every import's hot path.
 */
public class CopyRows {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    final StringBuilder buf;
    private boolean firstField = true;
    private long rows;

    public CopyRows(int capacity) {
        this.buf = new StringBuilder(capacity);
    }

    public CopyRows field(String value) {
        separator();
        if (value == null) {
            buf.append("\\N");
            return this;
        }
        if (!needsEscape(value)) {
            buf.append(value);
            return this;
        }
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buf.append("\\\\");
                case '\t' -> buf.append("\\t");
                case '\n' -> buf.append("\\n");
                case '\r' -> buf.append("\\r");
                default -> buf.append(c);
            }
        }
        return this;
    }

    private static boolean needsEscape(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    public CopyRows field(long value) {
        separator();
        buf.append(value);
        return this;
    }

    /** A {@code bytea} value in hex input form ({@code \\x...}, the backslash escaped for COPY text). */
    public CopyRows field(byte[] value) {
        separator();
        if (value == null) {
            buf.append("\\N");
            return this;
        }
        buf.append("\\\\x");
        for (byte b : value) {
            buf.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return this;
    }

    public CopyRows field(Object value) {
        return field(value == null ? null : value.toString());
    }

    private void separator() {
        if (!firstField) {
            buf.append('\t');
        }
        firstField = false;
    }

    public void endRow() {
        buf.append('\n');
        firstField = true;
        rows++;
        rowEnded();
    }

    /** Called after each row; a writer sends its buffer from here once it is full. */
    void rowEnded() {}

    /** Rows ended so far. */
    public long rows() {
        return rows;
    }

    /** The buffered rows as UTF-8, emptying the buffer. */
    byte[] drain() {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        buf.setLength(0);
        return bytes;
    }
}
