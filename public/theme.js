// Runs before the app, inline in <head> (the build writes it there in place
// of its <script src>, crates/data/src/entries.rs): applies the visitor's
// saved light/dark choice before the first paint (without one, the
// stylesheet follows the system's preference), and marks the page as run
// with scripts (`js`: a pre-rendered page shows its menu and language links
// open without them, style/main.css).
document.documentElement.classList.add('js');
try {
  var t = localStorage.getItem('cluster-enr.theme');
  if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
} catch (e) { /* storage unavailable: follow the system */ }
