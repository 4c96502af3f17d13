package org.fangpin.common.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Apache ECharts options as plain maps; pages embed them as JSON and app.js renders them. */
public final class ChartOptions {

    private ChartOptions() {}

    /** One line of legend at the top, scrolling when the names do not fit (never over the plot). */
    private static final Map<String, Object> LEGEND = Map.of("top", 0, "type", "scroll");

    /** Bars labelled with their values when there are few enough to read; a zero is never labelled. */
    private static final int LABELLED_BARS = 30;

    /** Stacked horizontal bars: one bar per category label, one stack segment per series. */
    public static Map<String, Object> stackedBars(
            List<String> categories, Map<String, List<Long>> series, List<String> colors) {
        List<Map<String, Object>> s = new ArrayList<>();
        series.forEach((name, data) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("type", "bar");
            m.put("stack", "total");
            m.put("barMaxWidth", 28);
            m.put("emphasis", Map.of("focus", "series"));
            m.put("data", data);
            s.add(m);
        });
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("color", colors);
        o.put("tooltip", Map.of("trigger", "axis", "axisPointer", Map.of("type", "shadow")));
        o.put("legend", LEGEND);
        o.put("grid", Map.of("left", 8, "right", 16, "top", 36, "bottom", 8, "containLabel", true));
        // counts: whole numbers on the axis, also when they are few
        o.put("xAxis", Map.of("type", "value", "minInterval", 1));
        o.put("yAxis", Map.of("type", "category", "data", categories, "inverse", true));
        o.put("series", s);
        return o;
    }

    /**
     * Shares in percent as horizontal bars, one per category, each coloured by whether it keeps to its threshold
     * ({@code met}: true, false, or null for no verdict), with the threshold drawn as a mark on its bar ({@code
     * thresholds}: null where there is none). {@code seriesNames}: the bars' name and the marks'.
     */
    public static Map<String, Object> shares(
            List<String> categories,
            List<Double> percents,
            List<Double> thresholds,
            List<Boolean> met,
            List<String> seriesNames) {
        List<Object> bars = new ArrayList<>();
        for (int i = 0; i < categories.size(); i++) {
            Boolean m = met.get(i);
            String color = m == null ? "#90a4ae" : m ? "#2e7d32" : "#c62828";
            Map<String, Object> bar = new LinkedHashMap<>();
            bar.put("value", percents.get(i));
            bar.put("itemStyle", Map.of("color", color));
            bars.add(bar);
        }
        Map<String, Object> barSeries = new LinkedHashMap<>();
        barSeries.put("name", seriesNames.get(0));
        barSeries.put("type", "bar");
        barSeries.put("barMaxWidth", 22);
        barSeries.put("data", bars);
        barSeries.put("label", Map.of("show", true, "position", "right", "formatter", "{c}%"));
        Map<String, Object> marks = new LinkedHashMap<>();
        marks.put("name", seriesNames.get(1));
        marks.put("type", "scatter");
        marks.put("symbol", "rect");
        marks.put("symbolSize", List.of(4, 24));
        marks.put("itemStyle", Map.of("color", "#263238"));
        marks.put("data", thresholds);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("color", List.of("#2e7d32", "#263238"));
        o.put("tooltip", Map.of("trigger", "axis", "axisPointer", Map.of("type", "shadow")));
        o.put("legend", LEGEND);
        o.put("grid", Map.of("left", 8, "right", 48, "top", 36, "bottom", 8, "containLabel", true));
        o.put("xAxis", Map.of("type", "value", "max", 100, "axisLabel", Map.of("formatter", "{value}%")));
        o.put("yAxis", Map.of("type", "category", "data", categories, "inverse", true));
        o.put("series", List.of(barSeries, marks));
        return o;
    }

    public static Map<String, Object> pie(Map<String, Long> values, List<String> colors) {
        List<Map<String, Object>> data = new ArrayList<>();
        values.forEach((k, v) -> data.add(Map.of("name", k, "value", v)));
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("type", "pie");
        series.put("radius", List.of("45%", "70%"));
        series.put("label", Map.of("formatter", "{b}\n{c} ({d}%)"));
        series.put("data", data);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("color", colors);
        o.put("tooltip", Map.of("trigger", "item"));
        o.put("series", List.of(series));
        return o;
    }

    /** Side-by-side vertical bars: one group per category, one bar per series (e.g. current vs. what-if). */
    public static Map<String, Object> groupedBars(
            List<String> categories, Map<String, List<Long>> series, List<String> colors) {
        List<Map<String, Object>> s = new ArrayList<>();
        boolean labelled = categories.size() * series.size() <= LABELLED_BARS;
        series.forEach((name, data) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("type", "bar");
            m.put(
                    "data",
                    data.stream()
                            .map(v -> v == 0 ? (Object) Map.of("value", 0, "label", Map.of("show", false)) : v)
                            .toList());
            m.put("label", Map.of("show", labelled, "position", "top"));
            s.add(m);
        });
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("color", colors);
        o.put("tooltip", Map.of("trigger", "axis", "axisPointer", Map.of("type", "shadow")));
        o.put("legend", LEGEND);
        o.put("grid", Map.of("left", 8, "right", 16, "top", 36, "bottom", 8, "containLabel", true));
        o.put(
                "xAxis",
                Map.of("type", "category", "data", categories, "axisLabel", Map.of("interval", 0, "rotate", 30)));
        o.put("yAxis", Map.of("type", "value"));
        o.put("series", s);
        return o;
    }

    /** Lines over time: one point per category label (e.g. a month), one line per series. */
    public static Map<String, Object> lines(
            List<String> categories, Map<String, List<Long>> series, List<String> colors) {
        List<Map<String, Object>> s = new ArrayList<>();
        series.forEach((name, data) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("type", "line");
            m.put("symbolSize", 6);
            m.put("data", data);
            s.add(m);
        });
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("color", colors);
        o.put("tooltip", Map.of("trigger", "axis"));
        o.put("legend", LEGEND);
        o.put("grid", Map.of("left", 8, "right", 16, "top", 36, "bottom", 8, "containLabel", true));
        o.put("xAxis", Map.of("type", "category", "data", categories, "boundaryGap", false));
        o.put("yAxis", Map.of("type", "value"));
        o.put("series", s);
        return o;
    }
}
