package org.fangpin.quality;

import org.fangpin.common.Labelled;

/**
 * Where a data-quality issue stands: found and open; fixed, as the village says (the next run closes it, or opens it
 * again while still found); explained or a false positive (the village's reason, kept while found); closed by a run
 * that no longer finds it.
 */
public enum QualityIssueState implements Labelled {
    OPEN("待处理", "Open"),
    FIXED("已整改待复核", "Fixed, to be confirmed"),
    EXPLAINED("已说明", "Explained"),
    FALSE_POSITIVE("误报", "False positive"),
    CLOSED("已销号", "Closed");

    private final String zh;
    private final String en;

    QualityIssueState(String zh, String en) {
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
