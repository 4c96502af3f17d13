package org.fangpin.region;

import java.util.List;
import org.fangpin.common.importing.ColumnMap;

/** Columns of the region import file: {@code code,name,parent_code,level[,valid_from,valid_to]}. */
enum RegionColumn implements ColumnMap.Column {
    CODE("区划代码", List.of("code", "代码"), true),
    NAME("名称", List.of("name", "区划名称"), true),
    PARENT_CODE("上级代码", List.of("parent_code", "parent", "上级区划代码"), true),
    LEVEL("级别", List.of("level", "层级"), true),
    VALID_FROM("生效日期", List.of("valid_from"), false),
    VALID_TO("失效日期", List.of("valid_to"), false);

    private final String header;
    private final List<String> aliases;
    private final boolean required;

    RegionColumn(String header, List<String> aliases, boolean required) {
        this.header = header;
        this.aliases = aliases;
        this.required = required;
    }

    @Override
    public String header() {
        return header;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    @Override
    public boolean required() {
        return required;
    }
}
