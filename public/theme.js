// Applies the visitor's saved light/dark choice before the first paint.
// Without a saved choice the stylesheet follows the system's preference.
try {
  var t = localStorage.getItem('cluster-enr.theme');
  if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
} catch (e) { /* storage unavailable: follow the system */ }
