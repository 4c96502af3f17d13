package org.fangpin.common.importing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams rows into PostgreSQL {@code COPY ... FROM STDIN} (text format) on the caller's connection, so a bulk load
 * runs inside the caller's transaction and rolls back with it.
 */
public final class CopyWriter implements AutoCloseable {

    private final BufferedWriter out;
    private final PGCopyOutputStream stream;
    private boolean firstField = true;
    private long rows;

    public CopyWriter(Connection connection, String copySql) {
        try {
            PGConnection pg = connection.unwrap(PGConnection.class);
            this.stream = new PGCopyOutputStream(pg, copySql, 1 << 16);
            this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start COPY: " + e.getMessage(), e);
        }
    }

    public CopyWriter field(String value) {
        try {
            separator();
            if (value == null) {
                out.write("\\N");
                return this;
            }
            for (int i = 0, n = value.length(); i < n; i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.write("\\\\");
                    case '\t' -> out.write("\\t");
                    case '\n' -> out.write("\\n");
                    case '\r' -> out.write("\\r");
                    default -> out.write(c);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CopyWriter field(long value) {
        try {
            separator();
            out.write(Long.toString(value));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CopyWriter field(Object value) {
        return field(value == null ? null : value.toString());
    }

    private void separator() throws IOException {
        if (!firstField) {
            out.write('\t');
        }
        firstField = false;
    }

    public void endRow() {
        try {
            out.write('\n');
            firstField = true;
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long rows() {
        return rows;
    }

    /** Ends the COPY; returns the number of rows the server accepted. */
    @Override
    public void close() {
        try {
            out.flush();
            stream.endCopy();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
    }
}
