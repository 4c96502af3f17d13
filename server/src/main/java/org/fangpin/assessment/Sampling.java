package org.fangpin.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * 抽查: how many households to draw from each stratum of a frozen frame, and which — documented so that anyone holding
 * the frame and the seed draws the same households (ADR 0022).
 *
 * <ul>
 *   <li><b>Draw.</b> In each stratum, households ordered by {@code SHA-256(seed ‖ id)} (the seed's UTF-8 bytes, then the
 *       household id as 8 bytes big-endian; digests compared as unsigned bytes, ties — none in practice — by id) and
 *       the first {@code n} taken.
 *   <li><b>Proportional size.</b> {@code ceil(N_h × fraction)}, at least {@code minimum}, never more than {@code N_h}.
 *   <li><b>Frame hash.</b> SHA-256 over the strata in key order, each as its key, a newline, its ids ascending as
 *       decimal text each followed by a newline, and a blank line: what the draw was made from, kept with it.
 * </ul>
 */
public final class Sampling {

    private Sampling() {}

    /** How many to draw from each stratum of the given sizes: a share of each, with a floor, capped at its size. */
    public static Map<String, Integer> proportional(Map<String, Integer> sizes, double fraction, int minimum) {
        if (!(fraction > 0 && fraction <= 1) || minimum < 0) {
            throw new IllegalArgumentException("fraction in (0, 1] and minimum ≥ 0, not " + fraction + ", " + minimum);
        }
        Map<String, Integer> out = new TreeMap<>();
        sizes.forEach((k, size) -> {
            // the share in exact decimal arithmetic: 0.05 × 100 is 5, not 5.000000000000001 rounded up to 6
            int share = new BigDecimal(Double.toString(fraction))
                    .multiply(BigDecimal.valueOf(size))
                    .setScale(0, RoundingMode.CEILING)
                    .intValueExact();
            out.put(k, Math.min(size, Math.max(minimum, share)));
        });
        return out;
    }

    /**
     * The households drawn from each stratum of {@code frame} (stratum key to its households' ids), {@code sizes}
     * naming how many from each ({@link SampleDraws} calls it one stratum at a time, as the frame streams past); a
     * stratum not named gives none. The caller has checked the sizes against the strata (a size out of range is a
     * programming error here, not a user's: the service refuses it with its reasons first).
     */
    public static Map<String, List<Long>> draw(String seed, Map<String, List<Long>> frame, Map<String, Integer> sizes) {
        if (seed == null || seed.isBlank()) {
            throw new IllegalArgumentException("a draw needs a seed");
        }
        sizes.forEach((k, n) -> {
            int available = frame.getOrDefault(k, List.of()).size();
            if (n < 0 || n > available) {
                throw new IllegalArgumentException("stratum " + k + ": " + n + " of " + available);
            }
        });
        byte[] prefix = seed.getBytes(StandardCharsets.UTF_8);
        Map<String, List<Long>> out = new TreeMap<>();
        new TreeMap<>(sizes).forEach((k, n) -> {
            record Keyed(long id, byte[] key) {}
            List<Keyed> keyed = new ArrayList<>();
            for (long id : frame.get(k)) {
                keyed.add(new Keyed(id, key(prefix, id)));
            }
            keyed.sort(Comparator.<Keyed, byte[]>comparing(Keyed::key, Arrays::compareUnsigned)
                    .thenComparingLong(Keyed::id));
            out.put(k, keyed.subList(0, n).stream().map(Keyed::id).toList());
        });
        return out;
    }

    /** The frame's fingerprint (hex SHA-256), as the class comment defines it. */
    public static String frameHash(Map<String, List<Long>> frame) {
        FrameHash h = new FrameHash();
        new TreeMap<>(frame).forEach((k, ids) -> ids.stream().sorted().forEach(id -> h.add(k, id)));
        return h.hex();
    }

    /**
     * The frame's fingerprint computed as the frame streams past in stratum key order and, within a stratum, by id
     * ascending — the frame itself never held in memory.
     */
    public static final class FrameHash {
        private final MessageDigest sha = sha256();
        private String stratum;

        /** The next household of the frame. */
        public void add(String key, long id) {
            if (!key.equals(stratum)) {
                if (stratum != null) {
                    if (key.compareTo(stratum) < 0) {
                        throw new IllegalArgumentException("strata out of order: " + key + " after " + stratum);
                    }
                    sha.update(NEWLINE);
                }
                sha.update((key + "\n").getBytes(StandardCharsets.UTF_8));
                stratum = key;
            }
            sha.update((id + "\n").getBytes(StandardCharsets.UTF_8));
        }

        /** The fingerprint, once every household has been added. */
        public String hex() {
            if (stratum != null) {
                sha.update(NEWLINE);
                stratum = null;
            }
            return HexFormat.of().formatHex(sha.digest());
        }

        private static final byte[] NEWLINE = {'\n'};
    }

    /** SHA-256(seed ‖ id as 8 bytes big-endian): the household's place in its stratum's order. */
    static byte[] key(byte[] seed, long id) {
        MessageDigest sha = sha256();
        sha.update(seed);
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(id).array());
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
