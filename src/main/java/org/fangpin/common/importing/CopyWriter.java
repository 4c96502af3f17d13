package org.fangpin.common.importing;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into PostgreSQL {@code COPY ... FROM STDIN} (text format) on the caller's connection, so a bulk load
 * runs inside the caller's transaction and rolls back with it. Rows are escaped into a char buffer and sent as UTF-8
 * in 64 KiB chunks: this sits on the import's hot path.
 */
public final class CopyWriter implements AutoCloseable {

    private static final int CHUNK = 1 << 16;

    private final CopyIn copy;
    private final StringBuilder buf = new StringBuilder(CHUNK + 4096);
    private boolean firstField = true;
    private long rows;

    public CopyWriter(Connection connection, String copySql) {
        try {
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start COPY: " + e.getMessage(), e);
        }
    }

    public CopyWriter field(String value) {
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

    public CopyWriter field(long value) {
        separator();
        buf.append(value);
        return this;
    }

    /** A {@code bytea} value in hex input form ({@code \\x...}, the backslash escaped for COPY text). */
    public CopyWriter field(byte[] value) {
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

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public CopyWriter field(Object value) {
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
        if (buf.length() >= CHUNK) {
            send();
        }
    }

    private void send() {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        buf.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
    }

    public long rows() {
        return rows;
    }

    /** Ends the COPY; a failure here (e.g. a value the column type rejects) fails the caller's transaction. */
    @Override
    public void close() {
        try {
            if (buf.length() > 0) {
                send();
            }
            copy.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the transaction is failing anyway
                }
            }
        }
    }
}
