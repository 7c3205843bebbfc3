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
      if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') { el.value = ''; }
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

// Outlet picker (web::picker): search as one types, arrows and Enter to choose, Escape to close.
// Without this file the "Find" button posts the form, which comes back with the matches to choose.
(function () {
  if (!window.fetch) { return; }
  document.querySelectorAll('fieldset[data-picker]').forEach(function (box) {
    var input = box.querySelector('input[type="search"]');
    var find = box.querySelector('button[name="outlet_find"]');
    var results = box.querySelector('.picker-results');
    var chosen = box.querySelector('[data-picker-chosen]');
    var status = box.querySelector('.picker-status');
    if (!input || !find || !results || !chosen || !status) { return; }
    var name = box.getAttribute('data-name');
    var limit = parseInt(box.getAttribute('data-limit') || '10', 10);
    var list = document.createElement('ul');
    list.id = input.id + '-list';
    list.className = 'picker-list';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    var legend = box.querySelector('legend');
    if (legend) {
      legend.id = legend.id || input.id + '-legend';
      list.setAttribute('aria-labelledby', legend.id);
    }
    results.parentNode.insertBefore(list, results);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    var found = [], active = -1, timer = null, asked = 0;

    function details(p) {
      return [p.tax_code, p.address, p.sector].filter(function (s) { return s; }).join(' · ');
    }
    function open(show) {
      list.hidden = !show;
      input.setAttribute('aria-expanded', show ? 'true' : 'false');
      if (!show) { input.removeAttribute('aria-activedescendant'); active = -1; }
    }
    function setActive(i) {
      var items = list.querySelectorAll('[role="option"]');
      if (!items.length) { return; }
      active = i;
      items.forEach(function (li, k) { li.setAttribute('aria-selected', k === i ? 'true' : 'false'); });
      input.setAttribute('aria-activedescendant', items[i].id);
      items[i].scrollIntoView({ block: 'nearest' });
    }
    function show(picks) {
      found = picks;
      list.textContent = '';
      picks.forEach(function (p, i) {
        var li = document.createElement('li');
        li.id = list.id + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var strong = document.createElement('strong');
        strong.textContent = p.name;
        li.appendChild(strong);
        var more = details(p);
        if (more) {
          var span = document.createElement('span');
          span.className = 'pick-details';
          span.textContent = more;
          li.appendChild(span);
        }
        li.addEventListener('mousedown', function (e) { e.preventDefault(); });
        li.addEventListener('click', function () { choose(i); });
        list.appendChild(li);
      });
      open(picks.length > 0);
      status.textContent = picks.length
        ? box.getAttribute('data-found') + (picks.length >= limit ? ' ' + box.getAttribute('data-more') : '')
        : box.getAttribute('data-none');
    }
    function search(now) {
      var q = input.value.trim();
      clearTimeout(timer);
      if (!q) { found = []; list.textContent = ''; open(false); status.textContent = ''; return; }
      timer = setTimeout(function () {
        var mine = ++asked;
        fetch('/outlets/pick?q=' + encodeURIComponent(q), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
          .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
          .then(function (picks) { if (mine === asked) { results.textContent = ''; show(picks); } })
          .catch(function () { if (mine === asked) { status.textContent = box.getAttribute('data-failed'); } });
      }, now ? 0 : 200);
    }
    function choose(i) {
      var p = found[i];
      if (!p) { return; }
      var label = document.createElement('label');
      label.className = 'pick is-chosen';
      var radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = name;
      radio.value = p.id;
      var text = document.createElement('span');
      text.className = 'pick-text';
      var strong = document.createElement('strong');
      strong.textContent = p.name;
      var span = document.createElement('span');
      span.className = 'pick-details';
      span.textContent = details(p);
      text.appendChild(strong);
      text.appendChild(span);
      label.appendChild(radio);
      label.appendChild(document.createTextNode(' '));
      label.appendChild(text);
      chosen.textContent = '';
      chosen.appendChild(label);
      radio.checked = true;
      results.textContent = '';
      list.textContent = '';
      found = [];
      open(false);
      input.value = '';
      var label = box.querySelector('label[for="' + input.id + '"]');
      if (label) { label.textContent = box.getAttribute('data-other'); }
      status.textContent = box.getAttribute('data-chosen') + ' ' + p.name;
    }
    input.addEventListener('input', function () { search(false); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        if (found.length) { open(true); setActive(active < found.length - 1 ? active + 1 : 0); }
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        if (found.length) { open(true); setActive(active > 0 ? active - 1 : found.length - 1); }
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (!list.hidden && active >= 0) { choose(active); } else { search(true); }
      } else if (e.key === 'Escape' && !list.hidden) {
        e.preventDefault();
        open(false);
      }
    });
    input.addEventListener('blur', function () { open(false); });
    input.addEventListener('focus', function () { if (found.length) { open(true); } });
    find.addEventListener('click', function (e) { e.preventDefault(); search(true); input.focus(); });
  });
})();

// Field page: each checklist item is saved on its own as it changes (the page's one form, "Save the
// checklist", saves them all without this file).
(function () {
  var form = document.getElementById('checklist');
  if (!form || !window.fetch) { return; }
  var csrf = form.querySelector('input[name="csrf_token"]').value;
  document.querySelectorAll('section.finding[data-save]').forEach(function (sec) {
    var url = sec.getAttribute('data-save');
    var note = sec.querySelector('textarea');
    var seen = sec.querySelector('input[name^="seen."]');
    var error = sec.querySelector('.field-error');
    var status = sec.querySelector('.save-status');
    if (!note || !seen || !error || !status) { return; }
    var last = null;
    function save() {
      var r = sec.querySelector('input[type="radio"]:checked');
      if (!r) { return; }
      if (r.value === 'non_compliant' && !note.value.trim()) { status.textContent = form.getAttribute('data-describe'); return; }
      var key = r.value + '\n' + note.value;
      if (key === last) { return; }
      var body = new URLSearchParams();
      body.append('csrf_token', csrf);
      body.append('result', r.value);
      body.append('note', note.value);
      status.textContent = form.getAttribute('data-saving');
      fetch(url, { method: 'POST', body: body, headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (resp) { return resp.json().then(function (j) { return { ok: resp.ok, j: j }; }); })
        .then(function (a) {
          if (a.ok) {
            last = key;
            seen.value = a.j.seen;
            error.textContent = '';
            error.hidden = true;
            note.removeAttribute('aria-invalid');
            sec.classList.remove('finding-error');
            sec.className = sec.className.replace(/\bresult-\S+/, 'result-' + a.j.result);
            status.textContent = form.getAttribute('data-saved');
          } else {
            error.textContent = a.j.error || form.getAttribute('data-failed');
            error.hidden = false;
            note.setAttribute('aria-invalid', 'true');
            sec.classList.add('finding-error');
            status.textContent = '';
          }
        })
        .catch(function () { status.textContent = form.getAttribute('data-failed'); });
    }
    sec.querySelectorAll('input[type="radio"]').forEach(function (r) { r.addEventListener('change', save); });
    note.addEventListener('change', save);
  });
})();

// After a refused submit: the summary at the top lists each field's error as a link to the field,
// and takes the focus (its `autofocus` does that without this file in browsers that honour it).
(function () {
  var summary = document.querySelector('.error-summary');
  if (!summary) { return; }
  var errors = document.querySelectorAll('main .field-error[id^="e-"]');
  if (errors.length && !summary.querySelector('ul')) {
    var list = document.createElement('ul');
    errors.forEach(function (e) {
      var id = e.id.slice(2);
      var target = document.getElementById('f-' + id);
      if (!target) { return; }
      var label = document.querySelector('label[for="f-' + id + '"]');
      if (!label) { var set = target.closest('fieldset'); label = set && set.querySelector('legend'); }
      var name = label ? label.textContent.replace('*', '').trim() : '';
      var text = e.textContent.replace(/^⚠\s*/, '').trim();
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#f-' + id;
      a.textContent = name && text.indexOf(name) !== 0 ? name + ': ' + text : text;
      a.addEventListener('click', function (ev) {
        var control = target.matches('input, select, textarea') ? target : target.querySelector('input:not([type=hidden]), select, textarea, button');
        if (control) { ev.preventDefault(); control.focus(); control.scrollIntoView({ block: 'center' }); }
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    if (list.children.length) { summary.appendChild(list); }
  }
  if (document.activeElement === document.body || !document.activeElement) { summary.focus(); }
})();

// A table wider than its box scrolls sideways: it takes the keyboard focus so the arrows scroll it.
(function () {
  var mark = function () {
    document.querySelectorAll('.table-wrap').forEach(function (w) {
      if (w.scrollWidth > w.clientWidth + 1) {
        if (!w.hasAttribute('tabindex')) { w.setAttribute('tabindex', '0'); w.setAttribute('data-scrolls', ''); }
      } else if (w.hasAttribute('data-scrolls')) {
        w.removeAttribute('tabindex'); w.removeAttribute('data-scrolls');
      }
    });
  };
  mark();
  window.addEventListener('resize', mark);
})();
