/**
 * 驻村帮扶, 结对帮扶, 协作帮扶 and 遍访 (issue 23): the units that send cadres, the village work teams and their 第一书记
 * ({@link org.fangpin.pairing.WorkTeams}, attendance, training), helpers paired with households ({@link
 * org.fangpin.pairing.Helpers}, {@link org.fangpin.pairing.HelperCoverage}), partnerships with their commitments and
 * deliveries ({@link org.fangpin.pairing.Partnerships}), the secretaries' visits ({@link
 * org.fangpin.pairing.LeaderVisits}) and the figures 考核 reads ({@link org.fangpin.pairing.PairingChecks}; the
 * assessment's population {@code PAIRING} through its port {@code PopulationRows}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Pairing 驻村结对")
package org.fangpin.pairing;
