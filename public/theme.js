// Runs before the app, inline in <head> (the build writes it there in place
// of its <script src>, crates/data/src/entries.rs): applies the visitor's
// saved light/dark choice before the first paint (without one, the
// stylesheet follows the system's preference).
try {
  var t = localStorage.getItem('cluster-enr.theme');
  if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
} catch (e) { /* storage unavailable: follow the system */ }
