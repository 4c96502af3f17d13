package org.fangpin.registry.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.lang.reflect.Field;

/**
 * The limits Bean Validation puts on the API's records ({@code @Size}, {@code @Min}, {@code @Max} on a record
 * component), read once for the import's row checks: one definition serves the API and the import.
 */
final class FieldLimits {

    private FieldLimits() {}

    /** An inclusive range of whole numbers. */
    record Range(int min, int max) {
        boolean contains(int n) {
            return n >= min && n <= max;
        }
    }

    /** The component's {@code @Size(max)}. */
    static int maxLength(Class<? extends Record> type, String component) {
        Size size = field(type, component).getAnnotation(Size.class);
        if (size == null) {
            throw new IllegalArgumentException(type.getSimpleName() + "." + component + " has no @Size");
        }
        return size.max();
    }

    /** The component's {@code @Min} and {@code @Max}. */
    static Range range(Class<? extends Record> type, String component) {
        Field f = field(type, component);
        Min min = f.getAnnotation(Min.class);
        Max max = f.getAnnotation(Max.class);
        if (min == null || max == null) {
            throw new IllegalArgumentException(type.getSimpleName() + "." + component + " has no @Min/@Max");
        }
        return new Range(Math.toIntExact(min.value()), Math.toIntExact(max.value()));
    }

    private static Field field(Class<? extends Record> type, String component) {
        try {
            return type.getDeclaredField(component);
        } catch (NoSuchFieldException e) {
            throw new IllegalArgumentException(type.getSimpleName() + " has no component " + component, e);
        }
    }
}
