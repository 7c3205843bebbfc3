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

// Field page: fill the visit's position from the phone's location when asked (the form works without it).
(function () {
  var b = document.getElementById('locate');
  if (!b || !navigator.geolocation) { return; }
  b.hidden = false;
  b.addEventListener('click', function () {
    b.disabled = true;
    navigator.geolocation.getCurrentPosition(function (p) {
      document.getElementById('lat').value = p.coords.latitude.toFixed(6);
      document.getElementById('lon').value = p.coords.longitude.toFixed(6);
      b.disabled = false;
    }, function () { b.disabled = false; }, { enableHighAccuracy: true, timeout: 15000 });
  });
})();
