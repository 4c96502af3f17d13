package org.fangpin.reporting;

import java.time.LocalDate;
import java.util.Map;
import org.fangpin.casework.CaseKind;
import org.fangpin.common.Labelled;
import org.fangpin.region.Region;
import org.fangpin.region.RegionLevel;

/**
 * 预警与案件办理: what was done with alerts and cases in a period, per child region ({@code names}: every child region,
 * with or without work) and in all. An alert or a case counts once per figure, however often it moved.
 */
public record Activity(
        Region region,
        RegionLevel rowLevel,
        Map<String, String> names,
        Period period,
        LocalDate to,
        Map<String, Map<AlertFigure, Long>> alerts,
        Map<AlertFigure, Long> alertTotals,
        Map<String, Map<CaseKind, Map<CaseFigure, Long>>> cases,
        Map<CaseKind, Map<CaseFigure, Long>> caseTotals) {

    /** What happened to alerts: each alert counts once per figure. */
    public enum AlertFigure implements Labelled {
        /** 新增预警: raised in the span. */
        RAISED("新增预警", "Raised"),
        /** 已核实: found real or not in the span. */
        VERIFIED("已核实", "Verified"),
        /** 核实属实. */
        CONFIRMED("核实属实", "Confirmed"),
        /** 核实排除. */
        DISMISSED("核实排除", "Dismissed"),
        /** 移交认定: handed to case work. */
        HANDED("移交认定", "Handed over");

        private final String zh;
        private final String en;

        AlertFigure(String zh, String en) {
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

    /** What happened to cases (识别认定 and 风险消除). */
    public enum CaseFigure implements Labelled {
        /** 新立案. */
        OPENED("新立案", "Opened"),
        /** 办结. */
        DECIDED("办结", "Decided"),
        /** 按期办结: decided on or before the deadline. */
        DECIDED_IN_TIME("按期办结", "Decided in time"),
        /** 超期办结. */
        DECIDED_LATE("超期办结", "Decided late"),
        /** 超期未办结: open at the end of the span and past its deadline. */
        OVERDUE("超期未办结", "Overdue, open");

        private final String zh;
        private final String en;

        CaseFigure(String zh, String en) {
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
}
