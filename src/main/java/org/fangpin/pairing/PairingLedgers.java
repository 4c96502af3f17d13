package org.fangpin.pairing;

/**
 * The pairing module's records as SQL relations that ledgers (台账, in reporting) select from, so that its tables stay
 * its own. Each is a complete {@code select} to be used as a subquery, joined to the registry's households.
 */
public final class PairingLedgers {

    private PairingLedgers() {}

    /**
     * Each household's open pairing: {@code household_id, helper_id, helper_name, helper_unit, helper_post, paired_on,
     * reason} (why it replaced another, if it did). Phones are not here: they are sealed.
     */
    public static final String PAIRINGS = """
            select x.household_id, x.helper_id, h.name as helper_name, h.unit as helper_unit, h.post as helper_post,
                   x.paired_on, x.reason
            from helper_pairing x
            join helper h on h.id = x.helper_id
            where x.ended_on is null""";
}
