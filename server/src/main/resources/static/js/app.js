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

// The phone menu: the header's button opens and closes the navigation.
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-menu]');
  if (!b) return;
  var top = b.closest('.top');
  var open = top.classList.toggle('open');
  b.setAttribute('aria-expanded', open ? 'true' : 'false');
});
// A select marked data-autosubmit sends its form when changed (a township's villages, for instance).
document.addEventListener('change', function (e) {
  if (e.target.matches('select[data-autosubmit]')) {
    if (e.target.name === 'township') {
      var v = e.target.form.querySelector('select[name=village]');
      if (v) v.value = '';
    }
    e.target.form.submit();
  }
  // a header checkbox data-check-all="name" ticks every enabled checkbox of that name
  if (e.target.matches('input[data-check-all]')) {
    document.querySelectorAll('input[type=checkbox][name="' + e.target.dataset.checkAll + '"]:not(:disabled)')
      .forEach(function (c) { c.checked = e.target.checked; });
  }
});
// A group of menu entries closes when another opens, on a click elsewhere, and on Escape.
document.addEventListener('toggle', function (e) {
  var d = e.target;
  if (!d.matches || !d.matches('details.group') || !d.open) return;
  document.querySelectorAll('details.group[open]').forEach(function (o) { if (o !== d) o.open = false; });
}, true);
document.addEventListener('click', function (e) {
  if (e.target.closest('details.group')) return;
  document.querySelectorAll('details.group[open]').forEach(function (o) { o.open = false; });
});
document.addEventListener('keydown', function (e) {
  if (e.key !== 'Escape') return;
  document.querySelectorAll('details.group[open]').forEach(function (o) {
    o.open = false;
    o.querySelector('summary').focus();
  });
});
