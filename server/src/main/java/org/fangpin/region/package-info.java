/**
 * 行政区划 — the 5-level region tree with 12-digit statistical codes. API: {@link org.fangpin.region.RegionDirectory},
 * {@link org.fangpin.region.Region}, {@link org.fangpin.region.RegionLevel}, {@link org.fangpin.region.RegionCode},
 * {@link org.fangpin.region.RegionImporter}, {@link org.fangpin.region.DataScope}, {@link
 * org.fangpin.region.RegionDesignations} and {@link org.fangpin.region.Designation} (脱贫县, 重点帮扶县). Only this
 * module's SQL names the {@code region} tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Region tree 行政区划")
package org.fangpin.region;
