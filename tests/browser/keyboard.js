// node keyboard.js PLAN.json: the inspection chain done with the keyboard only (driven by
// tests/api/browser.rs).
//
// No click, no fill: every control is reached with Tab (or Shift+Tab), and used with Enter, Space,
// the arrow keys and typing, as a person without a mouse does. Each move checks that focus is where
// it should be and visible (a focus ring drawn), and the walk fails at the first control it cannot
// reach within a bounded number of presses.
//
// Plan: { base, chromium, user, pass, outlet: "words of an outlet's name, typed without diacritics",
//         item_note: "…" }. Prints { steps: [{ what, tabs }], engagement: "/inspections/…" }.
const fs = require('fs');
const { chromium } = require('playwright-core');

const MAX_TABS = 250;

async function main() {
  const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const browser = await chromium.launch({
    executablePath: plan.chromium,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const steps = [];
  const problems = [];
  try {
    const ctx = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    // The confirm dialogs of destructive steps are answered yes (as Enter does on a real one).
    page.on('dialog', (d) => d.accept());
    page.on('pageerror', (e) => problems.push(`script error on ${page.url()}: ${e.message}`));

    const focused = () => page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) { return null; }
      const s = getComputedStyle(a);
      const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
      return { tag: a.tagName, id: a.id, name: a.getAttribute('name'), text: (a.innerText || a.value || '').trim().slice(0, 60), ring };
    });
    // Tab (or Shift+Tab) until the focused element matches `selector`; counts the presses.
    async function tabTo(what, selector, { back = false } = {}) {
      for (let n = 1; n <= MAX_TABS; n++) {
        await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
        const hit = await page.evaluate((sel) => !!document.activeElement && document.activeElement.matches(sel), selector);
        if (hit) {
          const f = await focused();
          if (!f.ring) { problems.push(`${what}: focus on ${f.tag}#${f.id} "${f.text}" shows no focus ring`); }
          steps.push({ what, tabs: n });
          return;
        }
      }
      throw new Error(`${what}: ${selector} not reached with ${MAX_TABS} presses of Tab on ${page.url()}`);
    }
    async function press(key, { navigates = false } = {}) {
      if (navigates) {
        await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
      } else {
        await page.keyboard.press(key);
      }
    }
    const path = () => new URL(page.url()).pathname;
    const expectPath = (re, what) => { if (!re.test(path())) { throw new Error(`${what}: at ${page.url()}`); } };
    // A refusal on the page (summary, alert, or an error beside a field) ends the walk, said.
    async function refusedIf(what) {
      const err = await page.$$eval('.alert.error, .field-error', (a) => a.map((x) => x.textContent.trim()));
      if (err.length) { throw new Error(`${what}: refused on ${page.url()}: ${err.join(' | ')}`); }
    }
    const stepButton = (step) => `form:has(input[name="step"][value="${step}"]) button[type="submit"]`;

    // Sign in.
    await page.goto(plan.base + '/login');
    await tabTo('the user name', 'input[name="username"]');
    await page.keyboard.type(plan.user);
    await tabTo('the password', 'input[name="password"]');
    await page.keyboard.type(plan.pass);
    await press('Enter', { navigates: true });
    expectPath(/^\/$/, 'signed in');

    // The skip link is the first stop and moves focus past the menu.
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement.className);
    if (first !== 'skip-link') { problems.push(`the first Tab stop is "${first}", not the skip link`); }
    await page.keyboard.press('Enter');
    await tabTo('the first link of the page after skipping', 'main a, main button, main input');
    const inMain = await page.evaluate(() => !!document.activeElement.closest('main'));
    if (!inMain) { problems.push('after the skip link, Tab does not land in the main content'); }

    // Inspections, then a new check.
    await tabTo('the menu: inspections', 'nav a[href="/inspections"]', { back: true });
    await press('Enter', { navigates: true });
    await tabTo('new inspection', 'main a[href="/inspections/new"]');
    await press('Enter', { navigates: true });
    expectPath(/^\/inspections\/new$/, 'the new inspection form');

    // The outlet: typed without diacritics, chosen with the arrow and Enter.
    await tabTo('the outlet search', 'input[type="search"][name="outlet_q"]');
    await page.keyboard.type(plan.outlet, { delay: 20 });
    await page.waitForSelector('.picker-list [role="option"]', { timeout: 10000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-picker-chosen] input[type="radio"]:checked', { timeout: 5000 });
    const chosenName = await page.textContent('[data-picker-chosen] .pick-text strong');
    steps.push({ what: `outlet chosen: ${chosenName}`, tabs: 0 });

    await tabTo('the reason', 'textarea[name="reason"], input[name="reason"]');
    await page.keyboard.type('Kiểm tra đột xuất theo phản ánh của người dân');
    await tabTo('the scope', 'textarea[name="scope"]');
    await page.keyboard.type('Việc chấp hành pháp luật về hoạt động in');
    // The leader: the first person in the list, with the arrow key on the closed list.
    await tabTo('the team leader', 'select[name="leader_id"]');
    await page.keyboard.press('ArrowDown');
    // A member: Space ticks the box.
    await tabTo('a team member', 'input[type="checkbox"][name="member_ids"]');
    await page.keyboard.press('Space');
    await tabTo('the signer', 'select[name="signer_id"]');
    await page.keyboard.press('ArrowDown');
    const form = await page.evaluate(() => ({
      leader: document.querySelector('select[name="leader_id"]').value,
      member: document.querySelector('input[name="member_ids"]').checked,
      signer: document.querySelector('select[name="signer_id"]').value,
    }));
    if (!form.leader || !form.member || !form.signer) { throw new Error(`the form did not take the keys: ${JSON.stringify(form)}`); }
    await tabTo('create', 'main form button.primary[type="submit"]');
    await press('Enter', { navigates: true });
    await refusedIf('the new engagement');
    expectPath(/^\/inspections\/[0-9a-f-]{36}$/, 'the new engagement');
    const engagement = path();

    // The decision, its announcement, direct work.
    for (const [step, what] of [['decide', 'the decision signed'], ['announce', 'announced'], ['start_on_site', 'on site']]) {
      await tabTo(what, stepButton(step));
      await press('Enter', { navigates: true });
      await refusedIf(what);
      expectPath(new RegExp('^' + engagement + '$'), what);
    }

    // The field page: each checklist item's result with the arrow keys; one not compliant, described.
    await tabTo('the field page', `main a[href="${engagement}/field"]`);
    await press('Enter', { navigates: true });
    const items = await page.$$eval('section.finding', (s) => s.map((x) => x.id));
    for (const [i, id] of items.entries()) {
      // Tab enters a group of radios once, on its first; Space chooses it, the arrow the next one.
      await tabTo(`item ${i + 1}: its result`, `#${id} input[type="radio"]`);
      const wanted = i === 0 ? 'non_compliant' : 'compliant';
      await page.keyboard.press(wanted === 'compliant' ? 'Space' : 'ArrowRight');
      const value = await page.evaluate((sel) => (document.querySelector(sel) || {}).value, `#${id} input[type="radio"]:checked`);
      if (value !== wanted) { throw new Error(`item ${i + 1}: ${value} chosen, ${wanted} wanted`); }
      if (wanted === 'non_compliant') {
        await tabTo(`item ${i + 1}: what is wrong`, `#${id} textarea`);
        await page.keyboard.type(plan.item_note);
      }
    }
    await tabTo('save the checklist', 'button[form="checklist"][type="submit"]');
    await press('Enter', { navigates: true });
    const saved = await page.$$eval('section.finding input[type="radio"]:checked', (r) => r.map((x) => x.value));
    if (saved.length !== items.length || saved[0] !== 'non_compliant') { throw new Error(`the checklist as saved: ${saved}`); }

    // Back to the engagement: the violation found, from the catalogue.
    await tabTo('back to the engagement', `main a[href="${engagement}"]`, { back: true });
    await press('Enter', { navigates: true });
    await tabTo('record a violation', `main a[href^="${engagement}/violations/new"]`);
    await press('Enter', { navigates: true });
    await tabTo('the violation in the catalogue', 'select[name="rule_id"]');
    if (!(await page.evaluate(() => document.activeElement.value))) { await page.keyboard.press('ArrowDown'); }
    // The description comes filled from the finding; a word added at its end.
    await tabTo('the violation described', 'textarea[name="description"]');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' (tái phạm)');
    await tabTo('save the violation', 'main form button.primary[type="submit"]');
    await press('Enter', { navigates: true });
    await refusedIf('the violation saved');
    expectPath(new RegExp('^' + engagement + '$'), 'the violation saved');

    // End of direct work, the report, the notice of the result signed.
    for (const [step, what] of [['end_on_site', 'direct work ended'], ['submit_report', 'the report submitted'], ['sign_conclusion', 'the notice signed']]) {
      await tabTo(what, stepButton(step));
      await press('Enter', { navigates: true });
      await refusedIf(what);
      expectPath(new RegExp('^' + engagement + '$'), what);
    }
    process.stdout.write(JSON.stringify({ steps, problems, engagement }));
  } finally {
    await browser.close();
  }
}

main().catch((e) => { console.error(e.stack || String(e)); process.exit(2); });
