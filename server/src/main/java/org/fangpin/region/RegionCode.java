package org.fangpin.region;

import java.util.Optional;

/** Rules of the 12-digit statistical region code. */
public final class RegionCode {

    public static final int LENGTH = 12;

    private RegionCode() {}

    public static boolean isWellFormed(String code) {
        if (code == null || code.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = code.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * The level the code's shape implies: a province code ends in ten zeros, a city in eight, etc. A code whose
     * own segment is all zeros (e.g. {@code 420000000000} claimed as a city) is not a valid code at that level.
     */
    public static boolean fitsLevel(String code, RegionLevel level) {
        if (!isWellFormed(code)) {
            return false;
        }
        for (int i = level.digits(); i < LENGTH; i++) {
            if (code.charAt(i) != '0') {
                return false;
            }
        }
        int segmentStart = level.isTop() ? 0 : level.parent().digits();
        for (int i = segmentStart; i < level.digits(); i++) {
            if (code.charAt(i) != '0') {
                return true;
            }
        }
        return false;
    }

    /** The parent code the statistical scheme implies for a code at the given level. */
    public static Optional<String> impliedParent(String code, RegionLevel level) {
        if (level.isTop()) {
            return Optional.empty();
        }
        int keep = level.parent().digits();
        return Optional.of(code.substring(0, keep) + "0".repeat(LENGTH - keep));
    }

    /** A region's code from its leading digits (a prefix of a village's code), padded with zeros to 12 digits. */
    public static String padded(String prefix) {
        return prefix + "0".repeat(LENGTH - prefix.length());
    }

    /** The code of the province a region (of any level) lies in, e.g. 420000000000 for 421122100201. */
    public static String province(String code) {
        int keep = RegionLevel.PROVINCE.digits();
        return code.substring(0, keep) + "0".repeat(LENGTH - keep);
    }

    /** The smallest and largest code inside a region's subtree, for index-friendly range filters. */
    public static CodeRange subtree(String code, RegionLevel level) {
        String prefix = code.substring(0, level.digits());
        return new CodeRange(
                prefix + "0".repeat(LENGTH - prefix.length()), prefix + "9".repeat(LENGTH - prefix.length()));
    }

    /** Inclusive bounds of a subtree's codes. */
    public record CodeRange(String low, String high) {

        /** A range no code falls into: a caller who may see nothing, a region that does not exist. */
        public static final CodeRange NOTHING = new CodeRange("1", "0");

        /** Every code of the tree: the whole installation. */
        public static final CodeRange ALL = new CodeRange("000000000000", "999999999999");

        public boolean contains(String code) {
            return code.compareTo(low) >= 0 && code.compareTo(high) <= 0;
        }
    }
}
