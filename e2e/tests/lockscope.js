// What the tests share: a page that fails its test on any console error or warning or
// uncaught exception and never reaches the network, the corpus beside the repository, and how to
// paste a lock into the app or open one from a source.
import { test as base, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixturesDir = process.env.LOCKSCOPE_FIXTURES ?? path.join(repoRoot, '../shared/fixtures');

// The corpus is beside the repository in CI, which names it (and then it must be there), and
// may be absent from a fresh clone: its tests then skip, each saying so.
const hasCorpus = existsSync(path.join(fixturesDir, 'INDEX.tsv'));
if (!hasCorpus && process.env.LOCKSCOPE_FIXTURES) {
  throw new Error(`no corpus at ${fixturesDir}, which LOCKSCOPE_FIXTURES names`);
}

// Console errors a test causes on purpose (the browser logs every failed fetch).
const expectedErrors = new WeakMap();

/** What the page asks status.nixos.org's Prometheus for, once per visit: today's branch statuses. */
export const prometheusQuery = 'https://prometheus.nixos.org/api/v1/query?query=channel_revision';

/** Let the page log console errors matching `pattern`: the failures the test provokes. */
export function expectConsoleErrors(page, pattern) {
  expectedErrors.set(page, [...(expectedErrors.get(page) ?? []), pattern]);
}

export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    const problems = [];
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      // Every test refuses the page's question to status.nixos.org (below), or answers it
      // badly on purpose; the browser logs that, and the page works on without an answer.
      if (message.location().url === prometheusQuery) return;
      if ((expectedErrors.get(page) ?? []).some((pattern) => pattern.test(message.text()))) return;
      problems.push(`console ${message.type()}: ${message.text()}`);
    });
    // No test reaches the network: anything but the site under test is refused (and the
    // refusal logged, failing the test, except status.nixos.org's) unless the test answers
    // it itself.
    await page.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog opened: ${dialog.message()}`);
      dialog.dismiss();
    });
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus && !page.isClosed()) {
      // What the page showed, in the run's output: a failure in CI is all one sees of it.
      const shown = await page.locator('main').ariaSnapshot({ timeout: 2_000 }).catch((why) => `(none: ${why.message})`);
      console.log(`${testInfo.title}: the page showed, when the test failed:\n${shown.slice(0, 3_000)}`);
    }
    expect(problems, 'the page reported problems').toEqual([]);
  },
});
export { expect };

export const repoFile = (name) => readFileSync(path.join(repoRoot, name), 'utf8');

/** A test that reads the corpus: skipped, with the reason in its title, when it is absent. */
export function corpusTest(title, body) {
  if (hasCorpus) test(title, body);
  else test.skip(`${title} (corpus test skipped: no corpus at ${fixturesDir})`, body);
}

/** The corpus' lock directories (none when it is absent). */
export function corpusDirs() {
  if (!hasCorpus) return [];
  return readdirSync(fixturesDir)
    .map((name) => path.join(fixturesDir, name))
    .filter((dir) => existsSync(path.join(dir, 'flake.lock')));
}

/** The corpus locks whose tree Nix printed (metadata.txt), smallest file first. */
export function corpus() {
  return corpusDirs()
    .filter((dir) => existsSync(path.join(dir, 'metadata.txt')))
    .map((dir) => ({
      name: path.basename(dir),
      file: path.join(dir, 'flake.lock'),
      lock: readFileSync(path.join(dir, 'flake.lock'), 'utf8'),
      metadata: readFileSync(path.join(dir, 'metadata.txt'), 'utf8'),
    }))
    .sort((a, b) => a.lock.length - b.lock.length || a.name.localeCompare(b.name));
}

/** `count` locks spread evenly over the sizes, the smallest and the biggest included. */
export function spreadBySize(locks, count) {
  if (locks.length === 0) return [];
  const picked = new Set();
  for (let i = 0; i < count; i++) {
    picked.add(locks[Math.round((i * (locks.length - 1)) / (count - 1))]);
  }
  return [...picked];
}

/** Open the site and wait for its own lock's tree. */
export async function openSite(page) {
  await page.goto('/');
  await expect(page.getByRole('treeitem').first()).toBeVisible();
}

/** Put a lock's text in the paste box, as a paste would, and ask the app to show it. */
export async function pasteLock(page, text) {
  await page.getByLabel('Paste the text of a flake.lock').evaluate((area, value) => {
    area.value = value;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await page.getByRole('button', { name: 'Show pasted lock' }).click();
}

/**
 * Click a copy button in `region` and return what the clipboard then holds, once the
 * button's status says it is copied (a refusal fails here, in the page's own words). The
 * clipboard answers a focused page only.
 */
export async function copyWith(page, region, name) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.bringToFront();
  await region.getByRole('button', { name, exact: true }).click();
  const status = region.locator('.copy-status');
  await expect(status).not.toBeEmpty();
  await expect(status).toHaveText('Copied.');
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Switch the tree to Nix's text, unless it shows that already. */
export async function showNixText(page) {
  const nixText = page.getByRole('button', { name: "Nix's text" });
  if ((await nixText.getAttribute('aria-pressed')) !== 'true') await nixText.click();
  await expect(nixText).toHaveAttribute('aria-pressed', 'true');
}

/** The tree as Nix's text shows it: Nix's `Inputs:` section, newline-terminated. */
export async function treeText(page) {
  const tree = page.getByTestId('tree');
  if ((await tree.count()) === 0) return '';
  await showNixText(page);
  // A big tree draws its first lines at once and the others just after, busy until then.
  await expect(tree.locator('[role=tree][aria-busy]')).toHaveCount(0);
  // Lines off screen are not laid out (content-visibility); those on screen are laid out at
  // the next frame after a change, and innerText is the text as laid out.
  await tree.scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return `${await tree.innerText()}\n`;
}

/** What the `lockscope` CLI prints with these arguments (built by cargo if need be). */
export function lockscope(...args) {
  const cli = spawnSync('cargo', ['run', '--quiet', '--locked', '-p', 'lockscope-cli', '--', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // `check` exits 1 when a finding fails the run: its report is what is asked for.
  if (![0, 1].includes(cli.status)) throw new Error(`lockscope ${args.join(' ')}: ${cli.stderr}`);
  return cli.stdout;
}

/**
 * Answer every https request the page makes for a lock with `answer(route)`; returns the URLs
 * asked for. The question to status.nixos.org is left to the page's default (refused) or to
 * the test's own route.
 */
export async function fakeNetwork(page, answer) {
  const asked = [];
  await page.route(/^https:\/\//, async (route) => {
    if (route.request().url() === prometheusQuery) return route.fallback();
    asked.push(route.request().url());
    await answer(route);
  });
  return asked;
}

/** A response as the forges' raw endpoints send it: text, readable by any site (CORS). */
export const rawFile = (body, status = 200) => ({
  status,
  body,
  headers: { 'access-control-allow-origin': '*', 'content-type': 'text/plain; charset=utf-8' },
});

/** Type a source in the "Repository or address" field and open it. */
export async function openSource(page, source) {
  await page.getByLabel('Repository or address').fill(source);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
}

/** The corpus' locks by where they were taken from: `owner/repo/commit/lock_path` (GitHub). */
export function corpusBySource() {
  const bySource = new Map();
  for (const dir of corpusDirs()) {
    const name = path.basename(dir);
    const sourceFile = path.join(dir, 'SOURCE.txt');
    if (!existsSync(sourceFile)) continue;
    const field = (key) => readFileSync(sourceFile, 'utf8').match(new RegExp(`^${key}: (.*)$`, 'm'))?.[1];
    const repo = field('repo')?.replace(/^https:\/\/github\.com\//, '');
    bySource.set(name, {
      name,
      repo,
      commit: field('commit'),
      lockPath: field('lock_path'),
      lock: readFileSync(path.join(dir, 'flake.lock'), 'utf8'),
    });
  }
  return bySource;
}
