// Verdicts from today's facts in the page: the question to status.nixos.org, answered by each
// test (never the network) well, never, with a refusal or with garbage, and the line that says
// where the branch statuses came from; "Nixpkgs in this lock" against `lockscope check`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  test, corpusTest, expect, openSite, pasteLock, corpusDirs, prometheusQuery,
  repoRoot,
} from './lockscope.js';

// Today, for the page's clock and the CLI's `--now`: 26.11 came out on 2026-11-30, so the
// bundled table of 2026-08-08 calls 26.05 stable and the calendar deprecated.
const today = new Date('2026-12-06T10:04:00Z');
const seconds = (day) => Date.parse(`${day}T00:00:00Z`) / 1000;
const rev = (digit) => digit.repeat(40);

// A nixos-26.05 Nixpkgs at the root, and a nixos-23.05 one that another input brings.
const lock = JSON.stringify({
  nodes: {
    nixpkgs: {
      locked: { lastModified: seconds('2026-12-01'), narHash: 'sha256-H++/2dMt+5+tErKU+t5z6c4Xedvj9w+UPQYrpygwIPw=', owner: 'NixOS', repo: 'nixpkgs', rev: rev('a'), type: 'github' },
      original: { owner: 'NixOS', ref: 'nixos-26.05', repo: 'nixpkgs', type: 'github' },
    },
    nixpkgs_2: {
      locked: { lastModified: seconds('2023-11-01'), narHash: 'sha256-4dtXQk/NMePegK/nWp5NSeuZKLATItOq61lpEvmXqGw=', owner: 'NixOS', repo: 'nixpkgs', rev: rev('b'), type: 'github' },
      original: { owner: 'NixOS', ref: 'nixos-23.05', repo: 'nixpkgs', type: 'github' },
    },
    other: {
      inputs: { nixpkgs: 'nixpkgs_2' },
      locked: { lastModified: seconds('2026-11-01'), narHash: 'sha256-4dtXQk/NMePegK/nWp5NSeuZKLATItOq61lpEvmXqGw=', owner: 'o', repo: 'other', rev: rev('c'), type: 'github' },
      original: { owner: 'o', repo: 'other', type: 'github' },
    },
    root: { inputs: { nixpkgs: 'nixpkgs', other: 'other' } },
  },
  root: 'root',
  version: 7,
});

// prometheus.nixos.org's answer in the standard Prometheus shape (the query API's vector):
// 26.05 unmaintained, against the table and the calendar.
const answer = JSON.stringify({
  status: 'success',
  data: {
    resultType: 'vector',
    result: [
      ['nixos-26.05', 'unmaintained', 'primary'],
      ['nixos-26.11', 'stable', 'primary'],
      ['nixos-unstable', 'rolling', 'primary'],
    ].map(([channel, status, variant]) => ({
      metric: { __name__: 'channel_revision', channel, current: '1', revision: rev('d'), status, variant },
      value: [today.getTime() / 1000, '1'],
    })),
  },
});

/** As Prometheus answers: JSON that any site may read. */
const prometheusAnswer = (body, status = 200) => ({
  status,
  body,
  headers: { 'access-control-allow-origin': '*', 'content-type': 'application/json' },
});

const table = 'bundled table of 2026-08-08, then NixOS release calendar';

/** The Nixpkgs panel's entry for a node, by its first path. */
const entry = (page, firstPath) => page.getByTestId('nixpkgs').locator('.nixpkgs-node')
  .filter({ has: page.getByRole('button', { name: firstPath, exact: true }) });

/** A fact of an entry: the text after its term. */
const fact = (item, term) => item.locator(`dt:text-is("${term}") + dd`);

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(today);
});

test('the live statuses decide once they come, and the page says they are live', async ({ page }) => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(prometheusQuery, async (route) => {
    await held;
    await route.fulfill(prometheusAnswer(answer));
  });
  await openSite(page);
  await pasteLock(page, lock);
  const root = entry(page, 'nixpkgs');
  const sources = page.getByTestId('status-sources');

  // Until the answer comes: the table, moved on by the calendar.
  await expect(sources).toHaveText(`Branch statuses: ${table} (asking status.nixos.org…).`);
  await expect(fact(root, 'Status')).toHaveText('deprecated, fixes until 2026-12-31 (NixOS release calendar)');
  await expect(page.getByTestId('findings')).not.toContainText('nixos-26.05 is unmaintained');
  // The tree marks the lines of a Nixpkgs that gets no more fixes, in words: for now the
  // nixos-23.05 one only.
  const marked = page.locator('[role=treeitem].unsupported');
  await expect(marked).toHaveCount(1);
  await expect(marked).toHaveAttribute('aria-level', '2');
  await expect(marked.locator('.name')).toHaveText('nixpkgs');
  const mark = await marked.locator('.brief').evaluate((brief) => getComputedStyle(brief, '::after').content);
  expect(mark).toBe('"unsupported Nixpkgs"');

  release();
  await expect(sources).toHaveText(
    `Branch statuses: live from status.nixos.org, 2026-12-06 10:04 UTC, then ${table}.`,
  );
  await expect(fact(root, 'Status')).toHaveText(
    'unmaintained: it gets no more fixes (live from status.nixos.org, 2026-12-06 10:04 UTC)',
  );
  await expect(page.getByTestId('findings').locator('.finding.error')).toContainText(['nixos-26.05']);
  // Now the root's nixos-26.05 too.
  await expect(marked).toHaveCount(2);
  await expect(page.locator('[role=treeitem][aria-level="1"].unsupported .name')).toHaveText('nixpkgs');
  // A branch the answer does not list keeps the table's or the calendar's word.
  await expect(fact(entry(page, 'other/nixpkgs'), 'Status')).toHaveText(
    'unmaintained: it gets no more fixes (NixOS release calendar)',
  );
  // The tree never went away.
  await expect(page.getByRole('treeitem', { name: /^other/ })).toBeVisible();
});

test('an answer that never comes leaves the statuses to the table after 5 seconds', async ({ page }) => {
  await page.route(prometheusQuery, () => new Promise(() => {})); // hangs
  await openSite(page);
  const sources = page.getByTestId('status-sources');
  await expect(sources).toHaveText(`Branch statuses: ${table} (asking status.nixos.org…).`);
  await expect(sources).toHaveText(
    `Branch statuses: ${table} (status.nixos.org gave none: no answer within 5 seconds).`,
    { timeout: 10_000 },
  );
  await expect(page.getByRole('treeitem').first()).toBeVisible();
});

// The browser shows the page a refusal the same way whether it is the network or CORS (and
// Playwright answers every routed request as readable by any site, so only this form exists).
test('a refused question (offline, or no CORS) leaves the statuses to the table', async ({ page }) => {
  // Every test's page refuses it unless the test answers: see lockscope.js.
  await openSite(page);
  await expect(page.getByTestId('status-sources')).toHaveText(
    `Branch statuses: ${table} (status.nixos.org gave none: no answer the page may read (offline, or refused)).`,
  );
});

const garbage = [
  ['a web page', prometheusAnswer('<!doctype html><title>Bad gateway</title>'), /gave none: the answer is not JSON: .+\)\.$/],
  ['cut JSON', prometheusAnswer(answer.slice(0, 300)), /gave none: the answer is not JSON: .+\)\.$/],
  ['a Prometheus error', prometheusAnswer('{"status":"error","errorType":"bad_data","error":"parse error"}'),
    /gave none: Prometheus answered with an error: bad_data: parse error\)\.$/],
  ['no channel', prometheusAnswer('{"status":"success","data":{"resultType":"vector","result":[]}}'),
    /gave none: the answer lists no channel\)\.$/],
  ['HTTP 503', prometheusAnswer('unavailable', 503), /gave none: it answered HTTP 503\)\.$/],
  ['over 1 MB', prometheusAnswer(`{"status":"success","data":${' '.repeat(1.5 * 1024 * 1024)}}`),
    /gave none: the answer is bigger than 1 MB\)\.$/],
];
for (const [what, response, line] of garbage) {
  test(`garbage from status.nixos.org (${what}) leaves the statuses to the table`, async ({ page }) => {
    await page.route(prometheusQuery, (route) => route.fulfill(response));
    await openSite(page);
    const sources = page.getByTestId('status-sources');
    await expect(sources).toHaveText(line);
    await expect(sources).toContainText(`Branch statuses: ${table} (`);
    await expect(fact(entry(page, 'nixpkgs'), 'Status')).toContainText('(bundled table of 2026-08-08)');
  });
}

test('a Nixpkgs path leads to its line in the tree, and a nested copy shows its follows line', async ({ page }) => {
  await openSite(page);
  await pasteLock(page, lock);
  const nested = entry(page, 'other/nixpkgs');
  await expect(fact(nested, 'Branch')).toHaveText('nixos-23.05');
  await expect(fact(nested, 'Removed by')).toHaveText('inputs.other.inputs.nixpkgs.follows = "nixpkgs";');
  await expect(fact(nested, 'Revision')).toHaveText('bbbbbbbbbbbb');
  await expect(fact(nested, 'On its forge').getByRole('link')).toHaveAttribute('href', `https://github.com/NixOS/nixpkgs/commit/${rev('b')}`);
  await nested.getByRole('button', { name: 'other/nixpkgs' }).click();
  await expect(page.getByTestId('details').locator('h2')).toHaveText('other/nixpkgs');
});

// The corpus lock with the most Nixpkgs nodes, some of them nested: `lockscope check` and the
// panel name the same ones, in the same order, with the same branches and statuses.
corpusTest('"Nixpkgs in this lock" lists every Nixpkgs node that lockscope check finds', async ({ page }) => {
  test.setTimeout(120_000);
  const count = (text) => (text.match(/"repo":\s*"nixpkgs"|channels\.nixos\.org/gi) ?? []).length;
  const file = corpusDirs()
    .map((dir) => path.join(dir, 'flake.lock'))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
    .sort((a, b) => count(b.text) - count(a.text) || a.text.length - b.text.length)[0];
  const cli = spawnSync('cargo', [
    'run', '--quiet', '--locked', '-p', 'lockscope-cli', '--',
    'check', '--format', 'json', '--fail-on', 'error', '--now', String(today.getTime() / 1000), file.file,
  ], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect([0, 1], cli.stderr).toContain(cli.status);
  const expected = JSON.parse(cli.stdout).nixpkgs.map((node) => ({
    node: node.node,
    paths: node.paths,
    branch: node.branch ?? 'none named',
    status: node.branch === null ? null : node.branch_status === 'beta' ? 'not yet released' : node.branch_status,
  }));
  expect(expected.some((node) => node.paths.some((p) => p.includes('/'))), 'a nested Nixpkgs').toBe(true);

  await openSite(page);
  await pasteLock(page, file.text);
  const items = page.getByTestId('nixpkgs').locator('.nixpkgs-node');
  await expect(items).toHaveCount(expected.length);
  const shown = await items.evaluateAll((items) => items.map((item) => {
    const fact = (term) => [...item.querySelectorAll('dt')].find((dt) => dt.textContent === term)
      ?.nextElementSibling.textContent ?? null;
    return {
      node: fact('Node'),
      paths: [...item.querySelectorAll('.nixpkgs-paths > *')].map((path) => path.textContent),
      branch: fact('Branch'),
      status: fact('Status')?.replace(/^(not yet released|[a-z]+).*$/, '$1') ?? null,
    };
  }));
  expect(shown).toEqual(expected);
});
