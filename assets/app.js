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

// Signers page: another blank row to fill in (without this script the page offers two and more after saving).
(function () {
  var add = document.getElementById('add-signer-row');
  var body = document.getElementById('signer-rows');
  if (!add || !body) { return; }
  add.hidden = false;
  add.addEventListener('click', function () {
    var blanks = body.querySelectorAll('tr[data-blank]');
    if (!blanks.length) { return; }
    var from = blanks[blanks.length - 1];
    var old = from.id.replace('signer-', '');
    var next = String(body.querySelectorAll('tr').length);
    var row = from.cloneNode(true);
    row.id = 'signer-' + next;
    row.querySelectorAll('[name], [id], [for], [aria-describedby]').forEach(function (el) {
      ['name', 'id', 'for', 'aria-describedby'].forEach(function (a) {
        var v = el.getAttribute(a);
        if (v) { el.setAttribute(a, v.replace('signers.' + old + '.', 'signers.' + next + '.').replace('s' + old + '-', 's' + next + '-')); }
      });
      if (el.tagName === 'INPUT') { el.value = ''; }
      if (el.tagName === 'SELECT') { el.selectedIndex = 0; }
      el.removeAttribute('aria-invalid');
    });
    row.querySelectorAll('.field-error').forEach(function (p) { p.remove(); });
    row.querySelectorAll('.invalid').forEach(function (c) { c.classList.remove('invalid'); });
    body.appendChild(row);
    var first = row.querySelector('select, input:not([type=hidden])');
    if (first) { first.focus(); }
  });
})();
