// Locks from anywhere: forge references and addresses fetched from the forges' raw
// endpoints (answered here, never by the network), the fetch's states and failures, and
// the address that names the view (share, reload, back and forward).
import {
  test, corpusTest, expect, openSite, openSource, pasteLock, treeText, corpus, fakeNetwork, rawFile,
  expectConsoleErrors,
} from './lockscope.js';

// Two corpus locks with Nix's tree beside them, to tell apart on screen.
const locks = corpus().filter((l) => l.metadata.split('\n').length > 5);
const [lockA, lockB] = [locks[0], locks[Math.floor(locks.length / 2)]];

corpusTest('a github: reference fetches the raw file, shows its tree and names it in the address', async ({ page }) => {
  const asked = await fakeNetwork(page, (route) => route.fulfill(rawFile(lockA.lock)));
  await openSite(page);
  await openSource(page, 'github:NixOS/nix');
  await expect(page.getByTestId('status')).toContainText('github:NixOS/nix: lock version');
  expect(asked).toEqual(['https://raw.githubusercontent.com/NixOS/nix/HEAD/flake.lock']);
  expect(await treeText(page)).toBe(lockA.metadata);
  expect(new URL(page.url()).hash).toBe('#src=github:NixOS/nix');
  await expect(page.getByTestId('share-link')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/#src=github:NixOS\/nix$/);
});

// Every form a Nix user types or pastes, the raw endpoint it is fetched from, and how the
// address writes it.
const forms = [
  ['github:NixOS/nix/2.34-maintenance?dir=tests/x',
    'https://raw.githubusercontent.com/NixOS/nix/2.34-maintenance/tests/x/flake.lock',
    'github:NixOS/nix/2.34-maintenance?dir=tests/x'],
  ['gitlab:rycee/nur-expressions?dir=pkgs/firefox-addons',
    'https://gitlab.com/api/v4/projects/rycee%2Fnur-expressions/repository/files/pkgs%2Ffirefox-addons%2Fflake.lock/raw?ref=HEAD',
    'gitlab:rycee/nur-expressions?dir=pkgs/firefox-addons'],
  ['gitlab:ghc/head.hackage/master?host=gitlab.haskell.org',
    'https://gitlab.haskell.org/api/v4/projects/ghc%2Fhead.hackage/repository/files/flake.lock/raw?ref=master',
    'gitlab:ghc/head.hackage/master?host=gitlab.haskell.org'],
  ['sourcehut:~user/repo', 'https://git.sr.ht/~user/repo/blob/HEAD/flake.lock', 'sourcehut:~user/repo'],
  ['codeberg:forgejo/forgejo/v9', 'https://codeberg.org/api/v1/repos/forgejo/forgejo/raw/flake.lock?ref=v9',
    'codeberg:forgejo/forgejo/v9'],
  ['https://github.com/hyprwm/Hyprland/blob/main/flake.lock',
    'https://raw.githubusercontent.com/hyprwm/Hyprland/main/flake.lock', 'github:hyprwm/Hyprland/main'],
  ['https://github.com/o/r/tree/v1/sub/dir', 'https://raw.githubusercontent.com/o/r/v1/sub/dir/flake.lock',
    'github:o/r/v1?dir=sub/dir'],
  ['https://gitlab.com/o/r/-/blob/main/flake.lock',
    'https://gitlab.com/api/v4/projects/o%2Fr/repository/files/flake.lock/raw?ref=main', 'gitlab:o/r/main'],
  ['https://codeberg.org/o/r/src/branch/main/flake.lock',
    'https://codeberg.org/api/v1/repos/o/r/raw/flake.lock?ref=main', 'codeberg:o/r/main'],
  ['https://example.org/x/flake.lock', 'https://example.org/x/flake.lock', 'https://example.org/x/flake.lock'],
];

corpusTest('every shorthand and forge address is fetched from its raw endpoint', async ({ page }) => {
  const asked = await fakeNetwork(page, (route) => route.fulfill(rawFile(lockA.lock)));
  await openSite(page);
  for (const [typed, endpoint, canonical] of forms) {
    await openSource(page, typed);
    await expect(page.getByTestId('status')).toContainText(`${canonical}: lock version`);
    expect(asked.at(-1), typed).toBe(endpoint);
    expect(decodeURIComponent(new URL(page.url()).hash), typed).toBe(`#src=${canonical}`);
  }
  expect(asked).toHaveLength(forms.length);
});

// What cannot be fetched says why, in the engine's words, and fetches nothing.
const refused = [
  ['', 'nothing to load: type a URL or a reference such as github:NixOS/nixpkgs'],
  ['github:NixOS', "'github:NixOS' needs an owner and a repository, as in github:owner/repo"],
  ['gitlab:/r', "'gitlab:/r' needs an owner and a repository, as in gitlab:owner/repo"],
  ['http://example.org/flake.lock', "'http://example.org/flake.lock' uses plain http: only https URLs can be fetched from this page"],
  ['javascript:alert(1)', "'javascript:alert(1)' is not a source Lockscope can fetch: use github:, gitlab:, sourcehut:, codeberg: or an https:// URL"],
  ['path:/etc', "'path:/etc' is not a source Lockscope can fetch: use github:, gitlab:, sourcehut:, codeberg: or an https:// URL"],
  ['github:o/r<script>', "'r<script>' is not a valid repository name"],
  ['github:o/r/a..b', "'a..b' is not a valid branch, tag or commit"],
  ['gitlab:o/r?host=evil.com/x', "'evil.com/x' is not a valid host"],
  ['github:o/r?dir=../x', "'../x' is not a valid directory"],
];

corpusTest('a source that cannot be fetched says why and keeps the tree', async ({ page }) => {
  const asked = await fakeNetwork(page, (route) => route.fulfill(rawFile(lockA.lock)));
  await openSite(page);
  const before = await treeText(page);
  for (const [typed, message] of refused) {
    await openSource(page, typed);
    await expect(page.getByTestId('error').locator('.error-message'), typed).toHaveText(`Cannot open that: ${message}.`);
  }
  expect(asked).toEqual([]);
  expect(await treeText(page)).toBe(before);
  expect(new URL(page.url()).hash).toBe('');
});

test('a 404 says there is no lock there and what to check', async ({ page }) => {
  expectConsoleErrors(page, /status of 404/);
  await fakeNetwork(page, (route) => route.fulfill(rawFile('404: Not Found', 404)));
  await openSite(page);
  const before = await treeText(page);
  await openSource(page, 'github:NixOS/no-such-repo');
  const error = page.getByTestId('error');
  await expect(error).toContainText(
    'Could not fetch github:NixOS/no-such-repo from https://raw.githubusercontent.com/NixOS/no-such-repo/HEAD/flake.lock: there is no flake.lock there (HTTP 404). Check the owner, the repository, the branch and ?dir=',
  );
  await expect(error).toContainText("Still showing this site's flake.lock.");
  expect(await treeText(page)).toBe(before);
});

// The page cannot tell a network failure from a CORS refusal (the browser hides which):
// both are a fetch that fails before any answer.
test('a fetch that fails before any answer says it may be the network or CORS, and what to try', async ({ page }) => {
  expectConsoleErrors(page, /Failed to load resource/);
  await fakeNetwork(page, (route) => route.abort('connectionrefused'));
  await openSite(page);
  await openSource(page, 'https://example.org/flake.lock');
  await expect(page.getByTestId('error').locator('.error-message')).toHaveText(
    'Could not fetch https://example.org/flake.lock: no answer the page may read: the network is down, the host does not exist, or it does not let other sites read its files (CORS). Try a github:, gitlab:, sourcehut: or codeberg: reference, or download the file and choose it below.',
  );
  await expect(page.getByTestId('status')).toContainText("this site's flake.lock");
});

corpusTest('a slow fetch shows its progress and can be cancelled', async ({ page }) => {
  let answered;
  const answer = new Promise((resolve) => { answered = resolve; });
  await fakeNetwork(page, async (route) => {
    await answer;
    await route.fulfill(rawFile(lockB.lock)).catch(() => {}); // the page gave up on it
  });
  await openSite(page);
  const before = await treeText(page);
  await openSource(page, 'github:o/slow');
  const fetching = page.getByTestId('fetching');
  await expect(fetching).toContainText('Fetching github:o/slow… waiting for an answer');
  await fetching.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('error').locator('.error-message')).toHaveText('Stopped fetching github:o/slow.');
  await expect(fetching).toBeHidden();
  answered();
  // The answer that comes after all changes nothing.
  await page.waitForTimeout(300);
  expect(await treeText(page)).toBe(before);
  await expect(page.getByTestId('status')).toContainText("this site's flake.lock");
});

test('a fetch that takes over 20 seconds stops and says so', async ({ page }) => {
  test.setTimeout(60_000);
  await fakeNetwork(page, () => new Promise(() => {})); // never answers
  await openSite(page);
  await openSource(page, 'github:o/silent');
  await expect(page.getByTestId('fetching')).toBeVisible();
  await expect(page.getByTestId('error')).toContainText(
    'Could not fetch github:o/silent from https://raw.githubusercontent.com/o/silent/HEAD/flake.lock: no complete answer within 20 seconds',
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('fetching')).toBeHidden();
});

test('an answer over 20 MB is refused while it streams in', async ({ page }) => {
  // A lock's start, then more than 20 MB of padding: the cap, not the parser, stops it.
  const huge = Buffer.concat([Buffer.from('{"nodes": {'), Buffer.alloc(21 * 1024 * 1024, ' ')]);
  await fakeNetwork(page, (route) => route.fulfill(rawFile(huge)));
  await openSite(page);
  const before = await treeText(page);
  await openSource(page, 'github:o/huge');
  await expect(page.getByTestId('error')).toContainText(
    'github:o/huge from https://raw.githubusercontent.com/o/huge/HEAD/flake.lock: it is bigger than 20 MB, far too big for a flake.lock',
  );
  expect(await treeText(page)).toBe(before);
});

test('an answer that is not a lock says what it is', async ({ page }) => {
  const answers = {
    'https://raw.githubusercontent.com/o/page/HEAD/flake.lock': '<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>',
    'https://raw.githubusercontent.com/o/json/HEAD/flake.lock': '{"name": "not-a-lock", "version": "1.0.0"}',
  };
  await fakeNetwork(page, (route) => route.fulfill(rawFile(answers[route.request().url()])));
  await openSite(page);
  await openSource(page, 'github:o/page');
  await expect(page.getByTestId('error').locator('.error-message')).toHaveText(
    'Could not show github:o/page: the server sent a web page, not a flake.lock. Use a github:, gitlab:, sourcehut: or codeberg: reference, or the address of the raw file.',
  );
  await expect(page.locator('h1', { hasText: 'Sign in' })).toHaveCount(0);
  await openSource(page, 'github:o/json');
  await expect(page.getByTestId('error').locator('.error-message')).toContainText(
    'Could not show github:o/json: it is not a flake.lock that Nix would read: ',
  );
  await expect(page.getByTestId('status')).toContainText("this site's flake.lock");
});

corpusTest('a shared link opens the same view in a fresh page, and again after a reload', async ({ page }) => {
  await fakeNetwork(page, (route) => route.fulfill(rawFile(lockB.lock)));
  await page.goto('/#src=github:NixOS/nix/2.34-maintenance');
  await expect(page.getByTestId('status')).toContainText('github:NixOS/nix/2.34-maintenance: lock version');
  expect(await treeText(page)).toBe(lockB.metadata);
  await page.reload();
  await expect(page.getByTestId('status')).toContainText('github:NixOS/nix/2.34-maintenance: lock version');
  expect(await treeText(page)).toBe(lockB.metadata);
});

test('a link naming no lock says why and shows the site\'s own lock', async ({ page }) => {
  await page.goto('/#src=github:NixOS');
  await expect(page.getByTestId('error').locator('.error-message')).toHaveText(
    "The link's src= is not a lock source: 'github:NixOS' needs an owner and a repository, as in github:owner/repo",
  );
  await expect(page.getByTestId('status')).toContainText("this site's flake.lock");
});

corpusTest('back and forward move between the locks loaded', async ({ page }) => {
  const bodies = { a: lockA, b: lockB };
  await fakeNetwork(page, (route) => route.fulfill(rawFile(bodies[route.request().url().split('/')[4]].lock)));
  await openSite(page);
  const own = await treeText(page);
  await openSource(page, 'github:o/a');
  await expect(page.getByTestId('status')).toContainText('github:o/a:');
  await openSource(page, 'github:o/b');
  await expect(page.getByTestId('status')).toContainText('github:o/b:');
  expect(await treeText(page)).toBe(lockB.metadata);
  await page.goBack();
  await expect(page.getByTestId('status')).toContainText('github:o/a:');
  expect(await treeText(page)).toBe(lockA.metadata);
  await page.goBack();
  await expect(page.getByTestId('status')).toContainText("this site's flake.lock");
  expect(await treeText(page)).toBe(own);
  await page.goForward();
  await expect(page.getByTestId('status')).toContainText('github:o/a:');
  expect(await treeText(page)).toBe(lockA.metadata);
});

corpusTest('a pasted lock has no link, and the address stops naming the last one', async ({ page }) => {
  await fakeNetwork(page, (route) => route.fulfill(rawFile(lockA.lock)));
  await page.goto('/#src=github:o/a');
  await expect(page.getByTestId('share-link')).toHaveValue(/#src=github:o\/a$/);
  await pasteLock(page, lockB.lock);
  await expect(page.getByTestId('status')).toContainText('the pasted text');
  await expect(page.getByTestId('share-none')).toContainText('A pasted lock or a file has no link');
  expect(new URL(page.url()).hash).toBe('');
  await page.goBack();
  await expect(page.getByTestId('status')).toContainText('github:o/a:');
});
