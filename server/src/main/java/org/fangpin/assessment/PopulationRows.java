package org.fangpin.assessment;

import java.time.ZoneId;

/**
 * The rows of a population that another module keeps (a port: {@link IndicatorPopulation#PAIRING} is the pairing
 * module's, which itself depends on assessment). That module declares one bean per such population; {@link
 * Scorecards} reads its rows like the others'.
 */
public interface PopulationRows {

    /** The population whose rows these are. */
    IndicatorPopulation population();

    /**
     * The rows, as one {@code select}: {@code household_id, village_code, persons} and the population's columns.
     * Binds {@code :low, :high} (the county's village codes), {@code :from} and {@code :asOf}; days in {@code zone}.
     */
    String sql(ZoneId zone);
}
