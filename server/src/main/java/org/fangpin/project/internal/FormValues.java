package org.fangpin.project.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Values of a page form as typed: blank is none; what cannot be read is passed on as a value the service refuses
 * with the field's own reason (a day long past, a negative number), so that the form comes back with it.
 */
final class FormValues {

    private FormValues() {}

    static LocalDate date(String v) {
        try {
            return v == null || v.isBlank() ? null : LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            return LocalDate.of(1900, 1, 1);
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String v) {
        try {
            return v == null || v.isBlank() ? null : Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Integer integer(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Long id(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(v.strip());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    static BigDecimal number(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(v.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            return BigDecimal.ONE.negate();
        }
    }
}
