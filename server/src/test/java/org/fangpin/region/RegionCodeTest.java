package org.fangpin.region;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegionCodeTest {

    @Test
    void codeShapeMustFitItsLevel() {
        assertThat(RegionCode.fitsLevel("420000000000", RegionLevel.PROVINCE)).isTrue();
        assertThat(RegionCode.fitsLevel("421100000000", RegionLevel.CITY)).isTrue();
        assertThat(RegionCode.fitsLevel("421122000000", RegionLevel.COUNTY)).isTrue();
        assertThat(RegionCode.fitsLevel("421122100000", RegionLevel.TOWNSHIP)).isTrue();
        assertThat(RegionCode.fitsLevel("421122100201", RegionLevel.VILLAGE)).isTrue();
        // a village code whose own segment is 000 is its township's code
        assertThat(RegionCode.fitsLevel("421122100000", RegionLevel.VILLAGE)).isFalse();
        // a city code cannot carry county digits
        assertThat(RegionCode.fitsLevel("421122000000", RegionLevel.CITY)).isFalse();
        assertThat(RegionCode.fitsLevel("42112210020", RegionLevel.VILLAGE)).isFalse();
        assertThat(RegionCode.fitsLevel("4211221002O1", RegionLevel.VILLAGE)).isFalse();
    }

    @Test
    void theProvinceOfAnyRegionIsItsFirstTwoDigits() {
        assertThat(RegionCode.province("421122100201")).isEqualTo("420000000000");
        assertThat(RegionCode.province("420000000000")).isEqualTo("420000000000");
    }

    @Test
    void parentIsImpliedByTheCode() {
        assertThat(RegionCode.impliedParent("421122100201", RegionLevel.VILLAGE))
                .contains("421122100000");
        assertThat(RegionCode.impliedParent("421122000000", RegionLevel.COUNTY)).contains("421100000000");
        assertThat(RegionCode.impliedParent("420000000000", RegionLevel.PROVINCE))
                .isEmpty();
    }

    @Test
    void subtreeIsAContiguousRange() {
        RegionCode.CodeRange township = RegionCode.subtree("421122100000", RegionLevel.TOWNSHIP);
        assertThat(township.contains("421122100201")).isTrue();
        assertThat(township.contains("421122101201")).isFalse();
        // a village code ending in zeros is still just that village
        RegionCode.CodeRange village = RegionCode.subtree("421122100200", RegionLevel.VILLAGE);
        assertThat(village.contains("421122100200")).isTrue();
        assertThat(village.contains("421122100201")).isFalse();
    }
}
