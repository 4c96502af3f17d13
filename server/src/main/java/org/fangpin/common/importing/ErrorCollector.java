package org.fangpin.common.importing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;

/**
 * Collects every rejected row of an import into a CSV file (UTF-8 with BOM so Excel opens it) and keeps the
 * first few in memory for the API answer. Memory stays constant however many rows fail.
 */
public final class ErrorCollector implements AutoCloseable {

    public static final int KEEP_IN_MEMORY = 1000;

    private final Path file;
    private final CsvCells.Printer printer;
    private final List<RowError> first = new ArrayList<>();
    private long count;
    private boolean closed;

    public ErrorCollector(Path file, String[] headers) {
        this.file = file;
        try {
            Files.createDirectories(file.getParent());
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            w.write('\uFEFF');
            this.printer = CsvCells.printer(
                    w, CSVFormat.DEFAULT.builder().setHeader(headers).get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void add(RowError e) {
        count++;
        if (first.size() < KEEP_IN_MEMORY) {
            first.add(e);
        }
        try {
            printer.printRecord(e.row(), e.column(), e.value(), e.reason());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public synchronized long count() {
        return count;
    }

    public synchronized List<RowError> first() {
        return List.copyOf(first);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
