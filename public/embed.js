// Cluster EnR chart embeds, for partner sites: sizes each
// <iframe data-cluster-enr-chart> to its chart. Heights are taken only from
// that iframe's own window and origin, only finite numbers in 50..5000.
(function () {
  function frames() { return document.querySelectorAll('iframe[data-cluster-enr-chart]'); }
  function origin(f) { try { return new URL(f.src, location.href).origin; } catch (e) { return null; } }
  addEventListener('message', function (e) {
    var m = e.data;
    if (!m || typeof m !== 'object' || m.type !== 'cluster-enr:resize') return;
    var h = m.height;
    if (typeof h !== 'number' || !isFinite(h) || h < 50 || h > 5000) return;
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      var f = list[i];
      if (f.contentWindow === e.source && e.origin === origin(f)) { f.style.height = Math.ceil(h) + 'px'; return; }
    }
  });
  // Ask frames that loaded before this script to send their height again.
  function ask() {
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      // '*': a frame still loading is about:blank, and the request holds nothing.
      if (list[i].contentWindow) list[i].contentWindow.postMessage({ type: 'cluster-enr:measure' }, '*');
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ask); else ask();
})();
