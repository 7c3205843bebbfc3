// node axe.js PLAN.json: the accessibility pass (driven by tests/api/browser.rs).
//
// Signs in as each account of the plan and walks the application from its start page, following
// every link to a page of the application (one page per address shape: ids and query values set
// aside), and checks each page with axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) at every width of the
// plan. Forms named by the plan are also sent empty, and the page that comes back is checked too,
// with where the keyboard focus landed. axe is evaluated through the test browser's DevTools
// connection, so the service's Content-Security-Policy stays as it is and is exercised: a policy
// violation, a console error or an error status on a followed link fails the pass as well.
//
// Prints one JSON object: { pages: [{role, url, shape, width}], violations: [...], problems: [...] }.
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// Addresses that change state, leave the HTML pages or switch the language for the session.
const SKIP = [/^\/logout/, /^\/lang\//, /^\/api\//, /^\/assets\//, /\.(pdf|csv|xlsx|eml|zip|png|jpe?g|webp|svg|json)$/i,
  /\/(download|files?|photos?|evidence|export)(\/|$|\.)/];

// `/outlets/0b5c…/edit?page=2&q=x` → `/outlets/:id/edit?page&q`.
function shape(u) {
  const segs = u.pathname.split('/').map((s) =>
    /^[0-9]+$/.test(s) || /^[0-9a-f-]{16,}$/i.test(s) || (/[0-9]/.test(s) && s.length >= 12) ? ':id' : s);
  const keys = [...new Set([...u.searchParams.keys()])].sort();
  return segs.join('/') + (keys.length ? '?' + keys.join('&') : '');
}

function browserArgs() {
  return ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
}

// Runs axe at every width: the page is loaded already at the first, `load` loads it again.
async function checkPage(page, plan, role, url, report, label, load) {
  for (const [i, width] of plan.widths.entries()) {
    if (i > 0) {
      await page.setViewportSize({ width, height: 900 });
      await load();
    }
    // What a disclosure holds is checked too (axe skips what is hidden).
    await page.evaluate(() => document.querySelectorAll('details:not([open])').forEach((d) => { d.open = true; }));
    await page.evaluate(AXE);
    const r = await page.evaluate(async (tags) => {
      const res = await axe.run(document, { runOnly: tags, resultTypes: ['violations'] });
      return res.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
        count: v.nodes.length,
      }));
    }, TAGS);
    report.pages.push({ role, url, shape: label, width });
    for (const v of r) { report.violations.push({ role, url, width, ...v }); }
  }
  await page.setViewportSize({ width: plan.widths[0], height: 900 });
}

async function signIn(page, plan, account) {
  await page.goto(plan.base + '/login');
  await page.fill('input[name=username]', account.user);
  await page.fill('input[name=password]', account.pass);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  if (new URL(page.url()).pathname === '/login') { throw new Error(`sign-in failed for ${account.user}`); }
}

async function main() {
  const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const report = { pages: [], violations: [], problems: [] };
  const browser = await chromium.launch({ executablePath: plan.chromium, args: browserArgs() });
  const checked = new Set();
  try {
    for (const account of plan.accounts) {
      const ctx = await browser.newContext({ locale: account.locale || 'vi-VN' });
      // `noScript`: the pages without the application's script, as a browser without JavaScript gets
      // them (the browser's own JavaScript stays on for axe).
      if (account.noScript) { await ctx.route('**/assets/app.js', (r) => r.abort()); }
      const page = await ctx.newPage();
      await page.setViewportSize({ width: plan.widths[0], height: 900 });
      let sending = false;
      // A form sent empty comes back 422, which Chromium logs as a failed load: expected there.
      page.on('console', (m) => { if (m.type() === 'error' && !(sending && /status of 422/.test(m.text())) && !(account.noScript && /ERR_FAILED/.test(m.text()))) { report.problems.push(`${account.role}: console error on ${page.url()}: ${m.text()}`); } });
      page.on('dialog', (d) => d.accept());
      page.on('pageerror', (e) => report.problems.push(`${account.role}: script error on ${page.url()}: ${e.message}`));
      if (account.user) { await signIn(page, plan, account); }
      if (account.english) {
        await Promise.all([page.waitForNavigation(), page.click('form[action="/account/lang"] button')]);
        if ((await page.getAttribute('html', 'lang')) !== 'en') { throw new Error('the language did not switch'); }
      }
      const seen = new Set();
      // The start addresses are each checked, even several of one shape (records in different states).
      const queue = (account.start || ['/']).map((p) => ({ url: plan.base + p, from: '(start)', forced: true }));
      const perPath = new Map();
      while (queue.length && seen.size < plan.maxPages) {
        const { url, from, forced } = queue.shift();
        const u = new URL(url);
        const key = shape(u);
        if ((seen.has(key) || account.onlyStart) && !forced) { continue; }
        // A few query shapes per address are enough: filters share their page's markup.
        const pathKey = key.split('?')[0];
        const n = perPath.get(pathKey) || 0;
        if (n >= plan.shapesPerPath && !forced) { continue; }
        perPath.set(pathKey, n + 1);
        seen.add(key);
        const resp = await page.goto(url, { waitUntil: 'load' });
        const status = resp ? resp.status() : 0;
        if (status >= 400) { report.problems.push(`${account.role}: ${u.pathname}${u.search} answered ${status} (linked from ${from})`); continue; }
        const type = (resp && resp.headers()['content-type']) || '';
        if (!type.startsWith('text/html')) { continue; }
        if (new URL(page.url()).origin !== u.origin) { continue; }
        const links = await page.$$eval('a[href]', (as) => as.filter((a) => !a.hasAttribute('download')).map((a) => a.href));
        for (const l of links) {
          const lu = new URL(l);
          if (lu.origin !== u.origin) { continue; }
          lu.hash = '';
          if (SKIP.some((r) => r.test(lu.pathname))) { continue; }
          queue.push({ url: lu.href, from: u.pathname + u.search });
        }
        const everyRole = (plan.everyRole || []).includes(pathKey);
        if (plan.onceAcrossRoles && checked.has(key) && !everyRole && !forced) { continue; }
        checked.add(key);
        await checkPage(page, plan, account.role, u.pathname + u.search, report, key, () => page.goto(url, { waitUntil: 'load' }));
      }
      for (const form of account.forms || []) {
        const send = async () => {
          await page.goto(plan.base + form.path);
          for (const [sel, v] of Object.entries(form.fill || {})) { await page.fill(sel, v); }
          const submit = page.locator(form.submit || 'main form[method=post] button.primary[type=submit]').first();
          await Promise.all([page.waitForNavigation({ timeout: 10000 }), submit.click({ timeout: 10000 })]);
        };
        sending = true;
        try { await send(); } catch (e) { report.problems.push(`${account.role}: could not send ${form.path} empty: ${e.message.split('\n')[0]}`); sending = false; continue; }
        const focus = await page.evaluate(() => {
          const a = document.activeElement;
          return a ? { tag: a.tagName, id: a.id, cls: a.className, role: a.getAttribute('role') } : null;
        });
        report.forms = report.forms || [];
        report.forms.push({ role: account.role, path: form.path, summary: form.summary !== false, focus, invalid: await page.locator('[aria-invalid=true]').count() });
        await checkPage(page, plan, account.role, form.path + ' (sent empty)', report, form.path + '#sent-empty', send);
        sending = false;
      }
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
}

main().catch((e) => { console.error(e.stack || String(e)); process.exit(2); });
