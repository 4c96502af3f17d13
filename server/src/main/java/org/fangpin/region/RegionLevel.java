package org.fangpin.region;

/**
 * The five levels of the 统计用区划代码 tree and how many leading code digits each level owns: 2 province, 4 city,
 * 6 county (the GB/T 2260 code), 9 township, 12 village.
 */
public enum RegionLevel {
    PROVINCE(1, 2), // 省
    CITY(2, 4), // 市
    COUNTY(3, 6), // 县
    TOWNSHIP(4, 9), // 乡镇
    VILLAGE(5, 12); // 村

    private final int number;
    private final int digits;

    RegionLevel(int number, int digits) {
        this.number = number;
        this.digits = digits;
    }

    public int number() {
        return number;
    }

    /** Significant leading digits of a code at this level; the rest are zeros. */
    public int digits() {
        return digits;
    }

    public static RegionLevel of(int number) {
        for (RegionLevel l : values()) {
            if (l.number == number) {
                return l;
            }
        }
        throw new IllegalArgumentException("region level must be 1..5: " + number);
    }

    public boolean isTop() {
        return this == PROVINCE;
    }

    public RegionLevel parent() {
        return of(number - 1);
    }
}
