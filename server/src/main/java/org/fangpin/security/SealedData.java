package org.fangpin.security;

import java.util.Map;

/**
 * A store of values sealed by {@link FieldCipher}, implemented by each module that keeps some, so that key rotation
 * reaches all of them without knowing their tables.
 */
public interface SealedData {

    /** What the values are, for reports (e.g. {@code person.id_number/phone}). */
    String name();

    /** How many sealed values each key id seals. */
    Map<String, Long> keyUsage();

    /**
     * Re-seals every value not sealed with the active key, in batches of {@code batchSize}, each batch committed on
     * its own: an interrupted rotation resumes where it stopped. Returns the number of records (rows) re-sealed.
     */
    long reseal(int batchSize);
}
