package org.fangpin.registry;

import org.fangpin.common.Labelled;

/**
 * 户类型 as API v1 first had it: one value for both who a household is and its monitoring state. Kept only so that v1
 * clients go on working (deprecated): a view derives it from {@link HouseholdIdentity} and {@link MonitoringState},
 * and a request that sends it instead of them is read as the same two values.
 */
@Deprecated
public enum HouseholdStatus implements Labelled {
    EXITED("脱贫户", "Exited from poverty"),
    MONITORED("监测对象", "Monitored"),
    ELIMINATED("风险已消除", "Risk eliminated"),
    ORDINARY("一般农户", "Ordinary rural household");

    private final String zh;
    private final String en;

    HouseholdStatus(String zh, String en) {
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

    /** The one value that v1 showed for a household of this identity in this state. */
    public static HouseholdStatus of(HouseholdIdentity identity, MonitoringState state) {
        return switch (state) {
            case MONITORED -> MONITORED;
            case ELIMINATED -> ELIMINATED;
            case NONE -> identity == HouseholdIdentity.EXITED ? EXITED : ORDINARY;
        };
    }

    /**
     * Who a v1 request says the household is: 脱贫户 or 一般农户 as it names them; for 监测对象 and 风险已消除 a 脱贫户
     * when it gives an exit year, else not said (null: whoever the household was).
     */
    public HouseholdIdentity identity(Integer exitYear) {
        return switch (this) {
            case EXITED -> HouseholdIdentity.EXITED;
            case ORDINARY -> HouseholdIdentity.ORDINARY;
            case MONITORED, ELIMINATED -> exitYear != null ? HouseholdIdentity.EXITED : null;
        };
    }

    public MonitoringState state() {
        return switch (this) {
            case MONITORED -> MonitoringState.MONITORED;
            case ELIMINATED -> MonitoringState.ELIMINATED;
            case EXITED, ORDINARY -> MonitoringState.NONE;
        };
    }
}
