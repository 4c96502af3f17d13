/**
 * 建档立卡户 and 家庭成员 — the household registry, fully versioned (effective-dated history), with bulk import and
 * export. API: {@link org.fangpin.registry.Registry}, the value records and enums of this package, {@link
 * org.fangpin.registry.IdNumber}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Household registry 建档立卡")
package org.fangpin.registry;
