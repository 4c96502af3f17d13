// Renders every [data-chart] element with Apache ECharts; [data-links] makes its bars navigate (drill-down).
function renderCharts(root) {
  if (!window.echarts) return;
  root.querySelectorAll('[data-chart]').forEach(function (el) {
    if (el.dataset.rendered) return;
    el.dataset.rendered = '1';
    var chart = echarts.init(el);
    chart.setOption(JSON.parse(el.dataset.chart));
    if (el.dataset.links) {
      var links = JSON.parse(el.dataset.links);
      chart.on('click', function (p) { if (links[p.dataIndex]) window.location = links[p.dataIndex]; });
    }
    window.addEventListener('resize', function () { chart.resize(); });
  });
}
document.addEventListener('DOMContentLoaded', function () { renderCharts(document); });
document.addEventListener('htmx:afterSwap', function (e) { renderCharts(e.target); });
