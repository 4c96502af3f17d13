/**
 * Synthetic demo population: a region tree and households with realistic distributions, deterministic from a seed,
 * written in the import templates. API: {@link org.fangpin.demo.DemoPopulation}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package org.fangpin.demo;
