package org.fangpin.registry;

import java.util.Optional;

/**
 * A registry search. All criteria are optional and combine with AND. {@code regionCode} limits to a subtree;
 * {@code name} matches a member's name prefix or the household number; {@code identity}, {@code flag}, {@code state}
 * and {@code category} filter on the two dimensions; {@code after} is the keyset cursor.
 */
public record HouseholdQuery(
        Optional<String> regionCode,
        Optional<String> name,
        Optional<String> idNumber,
        Optional<HouseholdIdentity> identity,
        Optional<IdentityFlag> flag,
        Optional<MonitoringState> state,
        Optional<MonitoringCategory> category,
        Optional<String> after,
        int limit) {}
