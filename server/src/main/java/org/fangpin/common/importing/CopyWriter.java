package org.fangpin.common.importing;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into PostgreSQL {@code COPY ... FROM STDIN} (text format) on the caller's connection, so a bulk load
 * runs inside the caller's transaction and rolls back with it. Rows are escaped into a char buffer ({@link
 * CopyRows}) and sent as UTF-8 in 64 KiB chunks.
 */
public final class CopyWriter extends CopyRows implements AutoCloseable {

    private static final int CHUNK = 1 << 16;

    private final CopyIn copy;
    private long batchRows;

    public CopyWriter(Connection connection, String copySql) {
        super(CHUNK + 4096);
        try {
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start COPY: " + e.getMessage(), e);
        }
    }

    @Override
    public CopyWriter field(String value) {
        super.field(value);
        return this;
    }

    @Override
    public CopyWriter field(long value) {
        super.field(value);
        return this;
    }

    @Override
    public CopyWriter field(byte[] value) {
        super.field(value);
        return this;
    }

    @Override
    public CopyWriter field(Object value) {
        super.field(value);
        return this;
    }

    @Override
    void rowEnded() {
        if (buf.length() >= CHUNK) {
            send(drain());
        }
    }

    /** Sends {@code rows} complete rows formatted and encoded elsewhere, after the rows written here so far. */
    void write(byte[] encoded, long rows) {
        if (buf.length() > 0) {
            send(drain());
        }
        batchRows += rows;
        send(encoded);
    }

    private void send(byte[] bytes) {
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long rows() {
        return super.rows() + batchRows;
    }

    /** Ends the COPY; a failure here (e.g. a value the column type rejects) fails the caller's transaction. */
    @Override
    public void close() {
        try {
            if (buf.length() > 0) {
                send(drain());
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
