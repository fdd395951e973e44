// Embed page (no framework): shows the copy in ?lang (else the browser's
// language, else French), applies ?theme, and posts the page's height to the
// partner page: {type: "cluster-enr:resize", chart, height}. It never reads or
// writes the portal's saved language or theme.
(function () {
  var d = document.documentElement, q = new URLSearchParams(location.search), langs = ['fr', 'ar', 'en'];
  var l = (q.get('lang') || '').toLowerCase();
  if (langs.indexOf(l) < 0) {
    l = 'fr';
    var p = navigator.languages || [navigator.language || ''];
    for (var i = 0; i < p.length; i++) {
      var c = String(p[i]).slice(0, 2).toLowerCase();
      if (langs.indexOf(c) >= 0) { l = c; break; }
    }
  }
  var t = q.get('theme');
  if (t === 'light' || t === 'dark') d.setAttribute('data-theme', t);
  d.lang = l; d.dir = l === 'ar' ? 'rtl' : 'ltr'; d.setAttribute('data-show', l);
  var last = 0;
  function post() {
    if (parent === window) return;
    var m = document.querySelector('main'), h = m ? Math.ceil(m.getBoundingClientRect().height) : 0;
    if (h && h !== last) { last = h; parent.postMessage({ type: 'cluster-enr:resize', chart: d.getAttribute('data-chart'), height: h }, '*'); }
  }
  document.addEventListener('DOMContentLoaded', function () {
    var copy = document.querySelector('.copy[lang="' + l + '"]');
    if (copy) document.title = copy.getAttribute('data-title');
    post();
    if (window.ResizeObserver) new ResizeObserver(post).observe(document.querySelector('main'));
  });
  addEventListener('load', post);
  // The partner script asks again once it is listening.
  addEventListener('message', function (e) {
    if (e.source === parent && e.data && e.data.type === 'cluster-enr:measure') { last = 0; post(); }
  });
})();
