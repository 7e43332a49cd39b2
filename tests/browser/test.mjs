// Browser test of `dossier serve` in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core). Builds a database from ../shared/seeds plus one hostile page, serves it on a
// free port, and checks what an analyst sees: the Hammouchi occasions in date order on the
// timeline, an event's evidence highlighted in its article, the pages readable with JavaScript
// off, and a hostile page that runs nothing. Screenshots go to target/screenshots/.
//
//   node tests/browser/test.mjs        (after `cargo build`; DOSSIER_BIN overrides the binary)

import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target');
const bin = process.env.DOSSIER_BIN || path.join(targetDir, 'debug', 'dossier');
const seeds = path.join(root, '..', 'shared', 'seeds');
const shots = path.join(targetDir, 'screenshots');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const EXPECTED = ['2020-09-24', '2022-06-13', '2022-06-16', '2023-04-07'];

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}: ${e && e.stack ? e.stack : e}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-browser-'));
const db = path.join(tmp, 'seeds.db');
const hostile = path.join(tmp, 'hostile.jsonl');
fs.writeFileSync(
  hostile,
  JSON.stringify({
    id: 'hostile-<script>alert(1)</script>.txt',
    url: 'javascript:alert(1)',
    title: 'Hostile <script>alert(1)</script> page',
    text:
      'Hostile page <script>alert(1)</script>\n\n' +
      'The minister of the interior received the ambassador in Rabat on Monday 3 June 2024 to discuss security cooperation between the two countries, a statement said. <img src=x onerror=alert(1)> was written in the page.\n\n' +
      'Officials said the talks covered terrorism and migration, and a follow-up meeting is planned; see <a href="javascript:alert(1)">this link</a> and javascript:alert(1) for details of the cooperation agreement.\n',
  }) + '\n',
);

fs.mkdirSync(shots, { recursive: true });
assert(fs.existsSync(bin), `no binary at ${bin}: run cargo build first`);
const built = spawnSync(bin, ['build', '--quiet', '--db', db, seeds, hostile], { encoding: 'utf8' });
if (built.status !== 0) throw new Error(`dossier build failed (${built.status}): ${built.stderr}`);
const exported = JSON.parse(spawnSync(bin, ['export', '--db', db, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout);

// The Hammouchi occasions the export has, among those the seeds tell.
const hammouchi = new Set(exported.entities.filter((e) => [e.name, ...(e.aliases || [])].some((n) => /Hammouchi|حموشي/.test(n))).map((e) => e.id));
const hEvents = exported.events.filter((e) => e.participants.some((p) => hammouchi.has(p.entity) || /Hammouchi/.test(p.name)));
const expected = EXPECTED.filter((d) => hEvents.some((e) => (e.date || '').startsWith(d)));
console.log(`Hammouchi occasions in the export: ${expected.join(', ') || 'none'}`);

const server = spawn(bin, ['serve', '--db', db, '--addr', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
const base = await new Promise((resolve, reject) => {
  let err = '';
  const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 20000);
  server.stderr.on('data', (d) => {
    err += d;
    const m = /http:\/\/(127\.0\.0\.1:\d+)\//.exec(err);
    if (m) {
      clearTimeout(timer);
      resolve(`http://${m[1]}`);
    }
  });
  server.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
});

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const launch = (dir, opts = {}) =>
  chromium.launchPersistentContext(dir, { executablePath: chromiumPath, headless: true, args, viewport: { width: 1200, height: 900 }, ...opts });

const dialogs = [];
const external = [];
let context;
try {
  context = await launch(fs.mkdtempSync(path.join(tmp, 'profile-')));
  const page = context.pages()[0] || (await context.newPage());
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) external.push(r.url());
  });

  await check('timeline lists the Hammouchi occasions in date order', async () => {
    const res = await page.goto(`${base}/timeline`);
    assert(res.status() === 200, `status ${res.status()}`);
    assert(await page.locator('svg#axis').count() === 1, 'no time axis');
    const dates = await page.locator('ol#events > li').evaluateAll((lis) => lis.map((li) => li.dataset.date));
    const sorted = [...dates].sort();
    assert(JSON.stringify(dates) === JSON.stringify(sorted), `list not in date order: ${dates}`);
    const pos = expected.map((d) => dates.findIndex((x) => x.startsWith(d)));
    assert(pos.every((p) => p >= 0), `missing occasions: ${expected.filter((_, i) => pos[i] < 0)}`);
    assert(pos.every((p, i) => i === 0 || p > pos[i - 1]), `occasions out of order: ${pos}`);
    assert(expected.length >= 1, `no Hammouchi occasion in the export: ${expected}`);
    await page.screenshot({ path: path.join(shots, 'timeline.png'), fullPage: true });
  });

  await check('the entity filter (Arabic script) keeps the Hammouchi occasions, in order', async () => {
    await page.goto(`${base}/timeline`);
    await page.fill('input[name=entity]', 'حموشي');
    await Promise.all([page.waitForURL(/entity=/), page.click('form.filters button[type=submit]')]);
    const dates = await page.locator('ol#events > li').evaluateAll((lis) => lis.map((li) => li.dataset.date));
    const pos = expected.map((d) => dates.findIndex((x) => x.startsWith(d)));
    assert(pos.every((p, i) => p >= 0 && (i === 0 || p > pos[i - 1])), `filtered list ${dates}`);
    await page.screenshot({ path: path.join(shots, 'timeline-hammouchi.png'), fullPage: true });
  });

  await check('zooming to a year, then a month, shows its ticks and events', async () => {
    const year = (expected[1] || expected[0] || '2022').slice(0, 4);
    await page.goto(`${base}/timeline`);
    await Promise.all([page.waitForURL(/year=/), page.click(`svg#axis a:has(text:text-is("${year}"))`)]);
    const ticks = await page.locator('svg#axis text.tick').allTextContents();
    assert(ticks.includes(`${year}-06`), `month ticks: ${ticks}`);
    const dates = await page.locator('ol#events > li').evaluateAll((lis) => lis.map((li) => li.dataset.date));
    assert(dates.length > 0 && dates.every((d) => d.slice(0, 4) <= year && d.slice(-10, -6) >= year), `events of ${year}: ${dates}`);
    await page.screenshot({ path: path.join(shots, 'timeline-year.png'), fullPage: true });
    const month = (expected[1] || '2022-06').slice(0, 7);
    if (month.startsWith(year)) {
      await Promise.all([page.waitForURL(/month=/), page.click(`svg#axis a:has(text:text-is("${month}"))`)]);
      const days = await page.locator('svg#axis text.tick').allTextContents();
      assert(days.includes('1') && days.includes('30'), `day ticks: ${days}`);
      const inMonth = await page.locator('ol#events > li').evaluateAll((lis) => lis.map((li) => li.dataset.date));
      assert(inMonth.length > 0 && inMonth.every((d) => d.startsWith(month)), `events of ${month}: ${inMonth}`);
      await page.screenshot({ path: path.join(shots, 'timeline-month.png'), fullPage: true });
    }
  });

  await check('an event shows its evidence highlighted in the article text', async () => {
    await page.goto(`${base}/timeline`);
    const first = page.locator(`ol#events > li[data-date^="${expected[0] || ''}"] a`).first();
    await Promise.all([page.waitForURL(/\/events\//), first.click()]);
    const marks = page.locator('section.source .text mark.evidence');
    assert(await marks.count() > 0, 'no evidence mark');
    const text = (await marks.first().textContent()) || '';
    assert(text.trim().length > 20, `evidence too short: ${text}`);
    assert(await marks.first().isVisible(), 'evidence not visible');
    const bg = await marks.first().evaluate((m) => getComputedStyle(m).backgroundColor);
    assert(bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent', `evidence not highlighted: ${bg}`);
    await marks.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'event.png'), fullPage: true });
  });

  await check('entity page: names by script and co-participant network', async () => {
    const id = [...hammouchi][0];
    assert(id, 'no Hammouchi entity');
    const res = await page.goto(`${base}/entities/${encodeURIComponent(id)}`);
    assert(res.status() === 200, `status ${res.status()}`);
    const scripts = await page.locator('table#names th').allTextContents();
    assert(scripts.includes('Latin'), `scripts: ${scripts}`);
    assert(await page.locator('svg#network circle').count() >= 2, 'no network');
    await page.screenshot({ path: path.join(shots, 'entity.png'), fullPage: true });
  });

  await check('article page: dates and names marked, boilerplate on demand', async () => {
    const src = exported.documents.find((d) => d.source.startsWith('002_'))?.source || exported.documents[0].source;
    await page.goto(`${base}/documents/${encodeURIComponent(src)}`);
    assert(await page.locator('#body mark.date').count() > 0, 'no date marked');
    assert(await page.locator('#body mark.person').count() > 0, 'no person marked');
    const details = page.locator('details#removed');
    assert(!(await details.evaluate((d) => d.open)), 'boilerplate open by default');
    await details.locator('summary').click();
    assert(await details.evaluate((d) => d.open), 'boilerplate does not open');
    await page.screenshot({ path: path.join(shots, 'document.png'), fullPage: true });
  });

  await check('search page marks the matches', async () => {
    await page.goto(`${base}/search?q=${encodeURIComponent('Hammouchi')}`);
    assert(await page.locator('ol.hits li').count() > 0, 'no hits');
    assert(await page.locator('ol.hits mark').count() > 0, 'no marks');
    await page.screenshot({ path: path.join(shots, 'search.png'), fullPage: true });
  });

  await check('a hostile page runs nothing and shows its markup as text', async () => {
    const src = exported.documents.find((d) => d.source.startsWith('hostile-')).source;
    await page.goto(`${base}/documents/${encodeURIComponent(src)}`);
    await page.locator('details#removed summary').click();
    const text = await page.locator('main').innerText();
    assert(text.includes('<script>alert(1)</script>'), 'script tag not shown as text');
    assert(await page.locator('main script, main img, main a[href^="javascript:"]').count() === 0, 'live hostile element');
    await page.goto(`${base}/search?q=alert`);
    await page.goto(`${base}/timeline`);
    assert(dialogs.length === 0, `dialogs: ${dialogs}`);
    await page.goto(`${base}/documents/${encodeURIComponent(src)}`);
    await page.screenshot({ path: path.join(shots, 'hostile.png'), fullPage: true });
  });

  await check('no request leaves the server (offline)', async () => {
    assert(external.length === 0, `external requests: ${external}`);
  });
  await context.close();

  // JavaScript off: every page still reads.
  context = await launch(fs.mkdtempSync(path.join(tmp, 'profile-')), { javaScriptEnabled: false });
  const nojs = context.pages()[0] || (await context.newPage());
  await check('with JavaScript off the timeline and an event read the same', async () => {
    await nojs.goto(`${base}/timeline`);
    assert(await nojs.locator('ol#events > li').count() >= expected.length, 'no events without JS');
    await nojs.locator('ol#events > li a').first().click();
    await nojs.waitForURL(/\/events\//);
    assert(await nojs.locator('mark.evidence').count() > 0, 'no evidence without JS');
    await nojs.screenshot({ path: path.join(shots, 'event-nojs.png'), fullPage: true });
  });
} catch (e) {
  failed++;
  console.log(`not ok - browser session: ${e && e.stack ? e.stack : e}`);
} finally {
  if (context) await context.close().catch(() => {});
  server.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`screenshots in ${shots}`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
