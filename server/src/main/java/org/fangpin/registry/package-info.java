/**
 * 建档立卡户 and 家庭成员 — the household registry, fully versioned (effective-dated history), with bulk import and
 * export. API: {@link org.fangpin.registry.Registry}, {@link org.fangpin.registry.HouseholdImporter}, {@link
 * org.fangpin.registry.HouseholdExporter}, {@link org.fangpin.registry.RegistrySnapshot}, {@link
 * org.fangpin.registry.PersonIdentifiers}, {@link org.fangpin.registry.RegistryFigures} (the standard figures, for
 * reporting), {@link org.fangpin.registry.TimelineSource} (for modules that add to a
 * household's timeline), {@link org.fangpin.registry.IdNumber}, and the value records and enums of this package.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Household registry 建档立卡")
package org.fangpin.registry;
