package org.fangpin.common.logging;

import java.util.regex.Pattern;

/** Masks citizen ID numbers and mobile numbers wherever they appear in free text (log lines, error messages). */
public final class SensitiveText {

    private static final Pattern ID_NUMBER =
            Pattern.compile("(?<![0-9])([1-9][0-9]{5})[0-9]{8}([0-9]{3}[0-9Xx])(?![0-9])");
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])");

    private SensitiveText() {}

    /** {@code 421122197003050011} → {@code 421122********0011}; {@code 13812345678} → {@code 138****5678}. */
    public static String mask(String text) {
        if (text == null || text.length() < 11) {
            return text;
        }
        String s = ID_NUMBER.matcher(text).replaceAll("$1********$2");
        return MOBILE.matcher(s).replaceAll("$1****$2");
    }
}
