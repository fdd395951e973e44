// Runs before the app, inline in <head> (the build writes it there in place
// of its <script src>, crates/data/src/entries.rs): applies the visitor's saved light/dark
// choice before the first paint (without one, the stylesheet follows the
// system's preference), and starts downloading the configuration and, on a
// site without a REST API, the data the page needs, so that they arrive while the
// wasm is still downloading and compiling. The app takes these responses
// (window.__preloaded, read once by src/data/fetch.rs) instead of asking again.
try {
  var t = localStorage.getItem('cluster-enr.theme');
  if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
} catch (e) { /* storage unavailable: follow the system */ }
(function () {
  if (!window.fetch || !window.Promise) return;
  var pre = (window.__preloaded = {});
  var config = (pre['/config.json'] = fetch('/config.json'));
  // The bundled document is only needed when no API is configured, and a
  // directory needs only its own list (the same choice as Lists::for_path and
  // Lists::first_file in crates/core/src/model.rs).
  var path = location.pathname, under = function (p) { return path === p || path.indexOf(p + '/') === 0; };
  var file = under('/members') || under('/apply') ? '/data/members.json' : under('/startups') ? '/data/startups.json' : '/data/cluster.json';
  pre[file] = config.then(function (r) { return r.ok ? r.clone().json() : {}; }).catch(function () { return {}; })
    .then(function (c) { return c && typeof c.api_base_url === 'string' && c.api_base_url.trim() ? null : fetch(file); });
})();
