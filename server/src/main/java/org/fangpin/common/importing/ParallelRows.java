package org.fangpin.common.importing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Checks and formats an import's rows on worker threads while the caller's thread reads the file and streams the
 * results into COPY. Checking a row (parsing, validating, sealing identifiers) is CPU work that a single thread
 * made the bottleneck of a large import; the file reader and the database connection stay on the caller's thread.
 *
 * <p>Rows go out in batches and come back in file order: the COPY receives them, and the {@link ErrorCollector}
 * their rejections, exactly as a sequential loop would have sent them. At most a few batches are in flight, so
 * memory stays constant whatever the file's size. A handler runs on several threads at once: it may use only
 * its arguments and thread-safe state, never the import's connection.
 */
public final class ParallelRows {

    /** Rows per batch handed to a worker. */
    static final int BATCH = 1000;

    /** Checks one row: formats it into {@code out} when it is valid, reports each problem to {@code errors}. */
    @FunctionalInterface
    public interface Handler {
        void handle(TabularRow row, CopyRows out, Consumer<RowError> errors);
    }

    private ParallelRows() {}

    /** A checked batch: its valid rows, already encoded for COPY, and its rejections. */
    private record Done(long rows, byte[] encoded, List<RowError> errors) {}

    /** Handles every row of {@code rows} into {@code copy}; returns how many rows were read. */
    public static long copy(Iterable<TabularRow> rows, Handler handler, CopyWriter copy, ErrorCollector errors) {
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "import-rows-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Done>> inFlight = new ArrayDeque<>();
        long read = 0;
        try {
            List<TabularRow> batch = new ArrayList<>(BATCH);
            for (TabularRow row : rows) {
                read++;
                batch.add(row);
                if (batch.size() == BATCH) {
                    inFlight.add(submit(pool, batch, handler));
                    batch = new ArrayList<>(BATCH);
                    while (inFlight.size() > 2 * workers) {
                        deliver(inFlight.poll(), copy, errors);
                    }
                }
            }
            if (!batch.isEmpty()) {
                inFlight.add(submit(pool, batch, handler));
            }
            while (!inFlight.isEmpty()) {
                deliver(inFlight.poll(), copy, errors);
            }
            return read;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Future<Done> submit(ExecutorService pool, List<TabularRow> batch, Handler handler) {
        return pool.submit(() -> {
            CopyRows out = new CopyRows(batch.size() * 512);
            List<RowError> found = new ArrayList<>();
            for (TabularRow row : batch) {
                handler.handle(row, out, found::add);
            }
            return new Done(out.rows(), out.drain(), found);
        });
    }

    private static void deliver(Future<Done> next, CopyWriter copy, ErrorCollector errors) {
        Done done;
        try {
            done = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        done.errors().forEach(errors::add);
        if (done.rows() > 0) {
            copy.write(done.encoded(), done.rows());
        }
    }
}
