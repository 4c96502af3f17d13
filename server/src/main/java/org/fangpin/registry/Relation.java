package org.fangpin.registry;

import org.fangpin.common.Labelled;

/** 与户主关系 — a member's relation to the head of household. */
public enum Relation implements Labelled {
    HEAD("户主", "Head"),
    SPOUSE("配偶", "Spouse"),
    SON("之子", "Son"),
    DAUGHTER("之女", "Daughter"),
    DAUGHTER_IN_LAW("之儿媳", "Daughter-in-law"),
    SON_IN_LAW("之女婿", "Son-in-law"),
    GRANDCHILD("之孙子女", "Grandchild"),
    PARENT("之父母", "Parent"),
    GRANDPARENT("之祖父母", "Grandparent"),
    SIBLING("之兄弟姐妹", "Sibling"),
    OTHER("其他", "Other");

    private final String zh;
    private final String en;

    Relation(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    @Override
    public String zh() {
        return zh;
    }

    @Override
    public String en() {
        return en;
    }
}
