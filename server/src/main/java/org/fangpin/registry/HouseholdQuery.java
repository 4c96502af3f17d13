package org.fangpin.registry;

/**
 * A registry search. Every criterion may be null (not used); those given combine with AND. {@code regionCode} limits
 * to a subtree; {@code name} matches a member's name prefix or the household number; {@code identity}, {@code flag},
 * {@code state} and {@code category} filter on the two dimensions; {@code after} is the keyset cursor (null for the
 * first page).
 */
public record HouseholdQuery(
        String regionCode,
        String name,
        String idNumber,
        HouseholdIdentity identity,
        IdentityFlag flag,
        MonitoringState state,
        MonitoringCategory category,
        String after,
        int limit) {}
