// "Check for updates": on a corpus lock with GitHub and GitLab root inputs (and a Codeberg
// input deeper in another), answered by the stand-in forges (never the network): the counts in
// the list, the tree and the details; GitHub's quota; the tab's cache; Cancel; each failure in
// words; no markup from an answer; and a first visit that never fetches the checker.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  test, corpusTest, expect, openSite, pasteLock, fixturesDir, expectConsoleErrors, showNixText,
} from './lockscope.js';
import { Forges, json } from './forges.js';

const corpusLock = (name) => readFileSync(path.join(fixturesDir, name, 'flake.lock'), 'utf8');
// GitHub (nine to ask, one pinned to a tag, a Nixpkgs on nixos-unstable) and one GitLab.
const misterio = 'Misterio77__nix-config__2c4c503a9c';
// ghostty/zon2nix/zig is a git input on Codeberg.
const devenv = 'cachix__devenv__bb4055d651';

const behind = { 'nixos-hardware': 12, 'home-manager': 3, nixpkgs: 40, 'nixos-mailserver': 7, 'zig-overlay': 5 };

/** The page with a corpus lock on screen and the stand-in forges answering. */
async function withLock(page, name, forgesFor = (lock) => new Forges(lock, (repo) => behind[repo] ?? 0)) {
  const text = corpusLock(name);
  const forges = forgesFor(JSON.parse(text));
  await forges.serve(page);
  await openSite(page);
  await pasteLock(page, text);
  await expect(page.getByTestId('findings').getByText('Checking…')).toHaveCount(0);
  return forges;
}

const panel = (page) => page.getByTestId('updates');
const checkButton = (page) => panel(page).getByRole('button', { name: 'Check for updates' });
/** The list's entry for an input. */
const entry = (page, input) => panel(page).locator('li.update')
  .filter({ has: page.getByRole('button', { name: input, exact: true }) });
const fact = (scope, term) => scope.locator(`dt:text-is("${term}") + dd`);
const line = (page, name) => page.getByRole('treeitem').filter({ has: page.locator(`.name:text-is("${name}")`) }).first();

/** Check every root input and wait for the round to end. */
async function checkAll(page) {
  await checkButton(page).click();
  await expect(checkButton(page)).toBeVisible({ timeout: 20_000 });
}

/** "renewed at HH:MM UTC" for a time in Unix seconds. */
const renewed = (secs) => new Date(secs * 1000).toISOString().slice(11, 16);

corpusTest('Check for updates counts each root input\'s commits behind, within the quota, and loads the checker only then', async ({ page }) => {
  const fetched = [];
  page.on('request', (request) => fetched.push(request.url()));
  const forges = await withLock(page, misterio);
  // Arrival, a lock pasted, its analyses done: the checker is not fetched.
  expect(fetched.filter((url) => url.includes('outdated-worker'))).toEqual([]);
  expect(forges.forgeRequests()).toEqual([]);

  await checkAll(page);
  expect(fetched.filter((url) => url.includes('outdated-worker')).length).toBeGreaterThan(0);

  // Most behind first, with the forge's compare page.
  const hardware = forges.repo('nixos-hardware');
  const items = panel(page).locator('li.update');
  await expect(items).toHaveCount(12);
  await expect(items.first()).toContainText('nixpkgs');
  await expect(fact(items.first(), 'Update')).toHaveText('40 behind');
  const hw = entry(page, 'hardware');
  await expect(fact(hw, 'Update')).toHaveText('12 behind');
  await expect(fact(hw, 'Found')).toHaveText('12 commits behind main');
  await expect(fact(hw, 'Days between')).toHaveText('12 days from the locked commit to the head');
  await expect(fact(hw, 'Branch head')).toContainText(hardware.head.slice(0, 12));
  await expect(fact(hw, 'Changes').getByRole('link')).toHaveAttribute(
    'href', `https://github.com/nixos/nixos-hardware/compare/${hardware.locked}...${hardware.head}`,
  );
  const mail = forges.repo('nixos-mailserver', 'gitlab');
  await expect(fact(entry(page, 'nixos-mailserver'), 'Found')).toHaveText('7 commits behind main');
  await expect(fact(entry(page, 'nixos-mailserver'), 'Changes').getByRole('link')).toHaveAttribute(
    'href', `https://gitlab.com/simple-nixos-mailserver/nixos-mailserver/-/compare/${mail.locked}...${mail.head}`,
  );
  await expect(fact(entry(page, 'nixpkgs'), 'Found')).toHaveText('40 commits behind nixos-unstable');
  await expect(fact(entry(page, 'sops-nix'), 'Update')).toHaveText('up to date');
  await expect(fact(entry(page, 'paste-misterio-me'), 'Found')).toHaveText(
    'pinned to the tag 1.3.1 in flake.nix: `nix flake update` leaves it',
  );

  // Beside the tree's lines, whose text stays Nix's.
  await expect(line(page, 'hardware')).toHaveAttribute('data-update', '12 behind');
  await expect(line(page, 'paste-misterio-me')).toHaveAttribute('data-update', 'pinned');
  await expect(line(page, 'hardware').locator('.name')).toHaveText('hardware');

  // In the details.
  await line(page, 'nixos-mailserver').click();
  await expect(fact(page.getByTestId('details'), 'Update')).toHaveText('7 behind');

  // GitHub: the free /rate_limit, then two requests per input on its default branch and one
  // for Nixpkgs, whose head status.nixos.org gave.
  const spent = 60 - forges.githubRemaining;
  expect(spent).toBe(9 * 2 + 1);
  await expect(panel(page).getByTestId('quota')).toHaveText(
    `GitHub: ${60 - spent} of 60 requests left this hour, renewed at ${renewed(forges.githubReset)} UTC`,
  );
});

corpusTest('a second check asks the forges nothing: the tab remembers their answers', async ({ page }) => {
  const forges = await withLock(page, misterio);
  await checkAll(page);
  const asked = forges.forgeRequests().length;
  expect(asked).toBeGreaterThan(0);

  await checkAll(page);
  await expect(fact(entry(page, 'hardware'), 'Update')).toHaveText('12 behind');
  expect(forges.forgeRequests().length).toBe(asked);

  // A reload keeps the tab's memory.
  await page.reload();
  await pasteLock(page, corpusLock(misterio));
  await checkAll(page);
  await expect(fact(entry(page, 'hardware'), 'Update')).toHaveText('12 behind');
  await expect(fact(entry(page, 'nixos-mailserver'), 'Update')).toHaveText('7 behind');
  expect(forges.forgeRequests().length).toBe(asked);
  await expect(panel(page).getByTestId('quota')).toContainText(`GitHub: ${forges.githubRemaining} of 60`);
});

corpusTest('Cancel stops a round: what was answered stays, the rest says it was cancelled', async ({ page }) => {
  const forges = await withLock(page, misterio);
  // GitHub never answers the compare of nixos-hardware; the rest is answered.
  forges.override = (url) => (url.pathname.startsWith('/repos/nixos/nixos-hardware/compare/') ? 'hang' : undefined);
  await checkButton(page).click();
  await expect(fact(entry(page, 'nixos-mailserver'), 'Update')).toHaveText('7 behind');
  await expect(panel(page).getByRole('status')).toContainText('Checking:');
  await panel(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(checkButton(page)).toBeVisible();
  await expect(fact(entry(page, 'hardware'), 'Found')).toHaveText('cancelled');
  await expect(fact(entry(page, 'nixos-mailserver'), 'Update')).toHaveText('7 behind');
  await expect(panel(page).getByRole('status')).toHaveText('');
});

corpusTest('each failure has its own line, and the rest stand', async ({ page }) => {
  test.setTimeout(60_000);
  expectConsoleErrors(page, /Failed to load resource|net::ERR_FAILED|CORS/);
  const forges = await withLock(page, misterio);
  const repoOf = (url) => url.pathname.split('/')[3];
  const failures = {
    'nixos-hardware': () => json({ message: 'Not Found' }, 404),
    'home-manager': () => json('{"default_branch": "ma'),
    hyprland: () => json('<!doctype html><title>Unicorn!</title>', 200, { 'content-type': 'text/html' }),
    contrib: () => 'abort',
    impermanence: () => 'hang',
  };
  forges.override = (url) => (url.hostname === 'api.github.com' ? failures[repoOf(url)]?.() : undefined);
  await checkAll(page);
  const found = (input) => fact(entry(page, input), 'Found');
  await expect(found('hardware')).toHaveText(
    'not found on GitHub: the repository, its branch or the locked commit is gone, renamed or private',
  );
  await expect(found('home-manager')).toHaveText(
    /^GitHub's answer is not what its API documents: not JSON \(.+ at line 1, column \d+\)$/,
  );
  await expect(found('hyprland')).toHaveText(
    /^GitHub's answer is not what its API documents: not JSON \(.+ at line 1, column 1\)$/,
  );
  await expect(found('hyprwm-contrib')).toHaveText(
    'the browser could not ask api.github.com (it does not allow other sites\' pages, or the browser is offline): open the compare link',
  );
  await expect(found('impermanence')).toHaveText('no answer within 10 seconds');
  for (const input of ['hardware', 'home-manager', 'hyprland', 'hyprwm-contrib', 'impermanence']) {
    await expect(fact(entry(page, input), 'Update')).toHaveText('check failed');
    await expect(line(page, input)).toHaveAttribute('data-update-status', 'failed');
  }
  // The others were answered.
  await expect(fact(entry(page, 'nixpkgs'), 'Update')).toHaveText('40 behind');
  await expect(fact(entry(page, 'nixos-mailserver'), 'Update')).toHaveText('7 behind');
});

corpusTest('a spent quota says when it comes back, and nothing more is asked of GitHub until then', async ({ page }) => {
  const forges = await withLock(page, misterio);
  forges.githubRemaining = 0;
  // A check of one input: GitHub's /rate_limit (free) says none is left.
  await line(page, 'hardware').click();
  await page.getByTestId('details').getByRole('button', { name: 'Check this input' }).click();
  const until = new Date(forges.githubReset * 1000).toISOString().replace('T', ' ').slice(0, 19);
  await expect(fact(page.getByTestId('details'), 'Found')).toHaveText(
    `not asked: GitHub's quota of API requests is spent until ${until} UTC`,
  );
  await expect(panel(page).getByTestId('quota')).toHaveText(
    `GitHub: 0 of 60 requests left this hour, renewed at ${renewed(forges.githubReset)} UTC`,
  );
  expect(forges.forgeRequests().filter((url) => url.includes('/repos/'))).toEqual([]);

  // GitHub's 403 when the free question was not answered: the quota is learnt from it.
  expectConsoleErrors(page, /Failed to load resource|403/);
  forges.override = (url) => (url.pathname === '/rate_limit' ? json({ message: 'unavailable' }, 503) : undefined);
  await line(page, 'home-manager').click();
  await page.getByTestId('details').getByRole('button', { name: 'Check this input' }).click();
  await expect(fact(page.getByTestId('details'), 'Found')).toHaveText(
    `GitHub's rate limit is reached until ${until} UTC`,
  );
});

corpusTest('an input deeper in the lock is checked on its own, on Codeberg, and a refusal points to the forge', async ({ page }) => {
  expectConsoleErrors(page, /Failed to load resource|net::ERR_FAILED|CORS/);
  const forges = await withLock(page, devenv);
  const details = page.getByTestId('details');
  // The line found by Nix's text of it.
  await showNixText(page);
  await page.getByRole('treeitem', { name: /^zig: git\+https:\/\/codeberg\.org/ }).click();
  await expect(details.getByRole('heading')).toHaveText('ghostty/zon2nix/zig');
  await details.getByRole('button', { name: 'Check this input' }).click();
  const zig = forges.repo('zig-overlay', 'codeberg');
  await expect(fact(details, 'Found')).toHaveText('5 commits behind main');
  await expect(fact(details, 'Changes').getByRole('link')).toHaveAttribute(
    'href', `https://codeberg.org/jcollie/zig-overlay/compare/${zig.locked}...${zig.head}`,
  );
  expect(forges.forgeRequests().every((url) => url.startsWith('https://codeberg.org/api/v1/repos/jcollie/zig-overlay'))).toBe(true);

  // Codeberg often lets no other site read its API: the browser refuses, the page says so.
  await page.evaluate(() => sessionStorage.clear());
  forges.override = (url) => (url.hostname === 'codeberg.org' ? 'abort' : undefined);
  await details.getByRole('button', { name: 'Check this input' }).click();
  await expect(fact(details, 'Found')).toHaveText(
    'the browser could not ask codeberg.org (it does not allow other sites\' pages, or the browser is offline): open the compare link',
  );
  await expect(fact(details, 'On its forge').getByRole('link')).toHaveAttribute('href', /^https:\/\/codeberg\.org\/jcollie\/zig-overlay\//);
});

corpusTest('what a forge answers is shown as text, never as markup', async ({ page }) => {
  const markup = '<img src=x onerror="window.pwned=1">';
  const forges = await withLock(page, misterio, (lock) => {
    const stand_in = new Forges(lock, (repo) => behind[repo] ?? 0);
    stand_in.repo('nixos-hardware').defaultBranch = markup;
    return stand_in;
  });
  await checkAll(page);
  await expect(fact(entry(page, 'hardware'), 'Found')).toHaveText(`12 commits behind ${markup}`);
  await expect(panel(page).locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  expect(forges.forgeRequests().some((url) => url.includes('%3Cimg'))).toBe(true);
});
