package org.fangpin.registry;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * 公民身份号码 per GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence (odd = male), and a
 * ISO 7064 MOD 11-2 check character (0–9 or X).
 */
public final class IdNumber {

    /** Why a number is not a valid ID number; each has a message {@code idnumber.<name>} for users. */
    public enum Problem {
        LENGTH,
        CHARACTERS,
        REGION,
        BIRTH_DATE,
        CHECK_DIGIT
    }

    /** A valid, normalised ID number (upper-case X) with what it encodes. */
    public record Parsed(String value, LocalDate birthDate, Sex sex) {}

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    /** GB/T 2260 province codes (first two digits), incl. Taiwan, Hong Kong and Macao. */
    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
            "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82");

    private static final LocalDate EARLIEST = LocalDate.of(1890, 1, 1);

    private IdNumber() {}

    /** Checks a number; returns the first problem found, or empty when valid. */
    public static Optional<Problem> problem(String raw, LocalDate today) {
        if (raw == null || raw.length() != 18) {
            return Optional.of(Problem.LENGTH);
        }
        String s = raw.toUpperCase();
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
                return Optional.of(Problem.CHARACTERS);
            }
        }
        char last = s.charAt(17);
        if (!(last >= '0' && last <= '9') && last != 'X') {
            return Optional.of(Problem.CHARACTERS);
        }
        if (!PROVINCES.contains(s.substring(0, 2))) {
            return Optional.of(Problem.REGION);
        }
        Optional<LocalDate> birth = birthDate(s);
        if (birth.isEmpty() || birth.get().isBefore(EARLIEST) || birth.get().isAfter(today)) {
            return Optional.of(Problem.BIRTH_DATE);
        }
        if (checkChar(s) != last) {
            return Optional.of(Problem.CHECK_DIGIT);
        }
        return Optional.empty();
    }

    public static Optional<Parsed> parse(String raw, LocalDate today) {
        if (problem(raw, today).isPresent()) {
            return Optional.empty();
        }
        String s = raw.toUpperCase();
        Sex sex = (s.charAt(16) - '0') % 2 == 1 ? Sex.M : Sex.F;
        return Optional.of(new Parsed(s, birthDate(s).orElseThrow(), sex));
    }

    /** The check character for the first 17 digits. */
    public static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** For pages, APIs and logs: {@code 421122********1234}. */
    public static String mask(String id) {
        if (id == null || id.length() < 10) {
            return id == null ? null : "*".repeat(id.length());
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }

    private static Optional<LocalDate> birthDate(String s) {
        try {
            return Optional.of(LocalDate.of(
                    Integer.parseInt(s.substring(6, 10)),
                    Integer.parseInt(s.substring(10, 12)),
                    Integer.parseInt(s.substring(12, 14))));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
