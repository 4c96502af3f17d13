/**
 * 驻村帮扶 and 结对帮扶 (issue 23): the units that send cadres, the village work teams and their 第一书记, members' terms,
 * recall and rotation. Its API: {@link org.fangpin.pairing.WorkTeams} and its records.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Pairing 驻村结对")
package org.fangpin.pairing;
