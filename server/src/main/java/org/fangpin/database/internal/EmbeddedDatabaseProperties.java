package org.fangpin.database.internal;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL used when no external database is configured.
 *
 * @param dataDir persistent data directory (default {@code ./data/pg})
 * @param port fixed port, or 0 for a free one
 * @param cleanOnExit delete the data directory at shutdown (tests only)
 * @param sharedBuffers PostgreSQL {@code shared_buffers}
 * @param durable {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} on (the default): a committed
 *     transaction survives a power cut. {@code false} is for throw-away test databases only; {@code serve} never
 *     turns it off by itself.
 */
@ConfigurationProperties("fangpin.embedded-db")
public record EmbeddedDatabaseProperties(
        @DefaultValue("./data/pg") Path dataDir,
        @DefaultValue("0") int port,
        @DefaultValue("false") boolean cleanOnExit,
        @DefaultValue("512MB") String sharedBuffers,
        @DefaultValue("true") boolean durable) {}
