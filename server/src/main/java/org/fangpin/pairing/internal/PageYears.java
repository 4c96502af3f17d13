package org.fangpin.pairing.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The years a pairing page's year selector offers: from {@code ahead} years after today's back to five before. */
final class PageYears {

    private PageYears() {}

    static List<Integer> around(LocalDate today, int ahead) {
        List<Integer> out = new ArrayList<>();
        for (int y = today.getYear() + ahead; y >= today.getYear() - 5; y--) {
            out.add(y);
        }
        return out;
    }
}
