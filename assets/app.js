// Progressive enhancement only: every page works without this file.
(function () {
  document.documentElement.classList.add('js');
  // Outlet form: show only the chosen sector's own fields.
  var sector = document.querySelector('select[name="sector"]');
  var groups = document.querySelectorAll('fieldset.sector-fields');
  if (sector && groups.length) {
    var sync = function () {
      groups.forEach(function (g) { g.hidden = g.getAttribute('data-sector') !== sector.value; });
    };
    sector.addEventListener('change', sync);
    sync();
  }
  // On phones the menu starts folded.
  var menu = document.querySelector('details.menu');
  if (menu && window.matchMedia('(max-width: 760px)').matches) { menu.removeAttribute('open'); }
  // Ask before destructive posts.
  document.querySelectorAll('form.confirm').forEach(function (f) {
    f.addEventListener('submit', function (e) {
      if (!window.confirm(f.getAttribute('data-confirm') || '?')) { e.preventDefault(); }
    });
  });
})();
