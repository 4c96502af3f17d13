package org.fangpin.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The draw is the documented one: recomputed here from the definition (SHA-256 of seed and id, as hex, sorted as
 * text), checked against digests computed outside Java, and the same for the same seed and frame.
 */
class SamplingTest {

    private static List<Long> ids(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static List<Long> backwards(long from, long to) {
        return LongStream.rangeClosed(from, to).map(i -> to + from - i).boxed().toList();
    }

    /** The definition, written again: hex digests sort as the unsigned bytes do. */
    private static List<Long> expected(String seed, List<Long> stratum, int n) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        return stratum.stream()
                .sorted((a, b) -> hex(sha, seed, a).compareTo(hex(sha, seed, b)))
                .limit(n)
                .toList();
    }

    private static String hex(MessageDigest sha, String seed, long id) {
        sha.reset();
        sha.update(seed.getBytes(StandardCharsets.UTF_8));
        sha.update(ByteBuffer.allocate(8).putLong(id).array());
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void eachHouseholdsPlaceIsTheDigestOfSeedAndId() {
        // computed with Python's hashlib: sha256(b'2026-12 county 421122' + struct.pack('>q', id))
        byte[] seed = "2026-12 county 421122".getBytes(StandardCharsets.UTF_8);
        assertThat(HexFormat.of().formatHex(Sampling.key(seed, 1)))
                .isEqualTo("9acad90af2c4f461b37bf0b0cff9fbe90c6edd91f2a632803c2c66e70243959f");
        assertThat(HexFormat.of().formatHex(Sampling.key(seed, 42)))
                .isEqualTo("0a267ddb51874ae444a6d9db5bebb88e99a42446f44d0d264204dda3a284fd43");
    }

    @Test
    void aDrawIsRecomputableFromTheSeedAndTheFrame() throws Exception {
        Map<String, List<Long>> frame = Map.of(
                "421122100000/ORDINARY", ids(1, 100),
                "421122100000/MONITORED", ids(1001, 1040),
                "421122101000/ORDINARY", ids(2001, 2003));
        Map<String, Integer> sizes = Map.of("421122100000/ORDINARY", 7, "421122100000/MONITORED", 5);
        Map<String, List<Long>> drawn = Sampling.draw("抽查-2026", frame, sizes);
        // a first seven worked out outside Java (Python, the same definition)
        assertThat(drawn.get("421122100000/ORDINARY")).containsExactly(37L, 68L, 48L, 22L, 45L, 98L, 72L);
        assertThat(drawn.get("421122100000/MONITORED"))
                .containsExactlyElementsOf(expected("抽查-2026", ids(1001, 1040), 5));
        assertThat(drawn).doesNotContainKey("421122101000/ORDINARY"); // not asked for
        // the same seed and frame, in another order: the same households; another seed: others
        Map<String, List<Long>> shuffled = Map.of(
                "421122100000/ORDINARY", backwards(1, 100),
                "421122100000/MONITORED", ids(1001, 1040));
        assertThat(Sampling.draw("抽查-2026", shuffled, sizes)).isEqualTo(drawn);
        assertThat(Sampling.draw("抽查-2027", frame, sizes)).isNotEqualTo(drawn);
        assertThat(Sampling.frameHash(frame))
                .isEqualTo(Sampling.frameHash(Map.of(
                        "421122101000/ORDINARY", backwards(2001, 2003),
                        "421122100000/MONITORED", ids(1001, 1040),
                        "421122100000/ORDINARY", ids(1, 100))));
        assertThat(Sampling.frameHash(frame))
                .isNotEqualTo(Sampling.frameHash(Map.of("421122100000/ORDINARY", ids(1, 100))));
    }

    @Test
    void proportionalSizesTakeAShareWithAFloorAndNeverMoreThanTheStratum() {
        assertThat(Sampling.proportional(Map.of("a", 100, "b", 1001, "c", 3, "d", 0), 0.05, 5))
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 5, "b", 51, "c", 3, "d", 0));
        assertThat(Sampling.proportional(Map.of("a", 40), 0.05, 0)).containsEntry("a", 2);
        assertThatThrownBy(() -> Sampling.proportional(Map.of("a", 1), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moreThanAStratumHoldsIsNotDrawn() {
        assertThatThrownBy(() -> Sampling.draw("s", Map.of("a", ids(1, 3)), Map.of("a", 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 of 3");
        assertThatThrownBy(() -> Sampling.draw(" ", Map.of("a", ids(1, 3)), Map.of("a", 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
