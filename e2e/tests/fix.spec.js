// "Fix flake.nix": for every test flake of `lockscope fix` (crates/lockscope-cli/tests/fix),
// the page, given the flake.nix beside a lock it fetched, shows the diff the CLI prints, the
// lines it refuses with their input and place, and offers the file the CLI writes, byte for
// byte, to download and to copy; the fixer's worker is fetched on the first fix only. Pasted,
// chosen or dropped; a file that is not Nix says where; hostile text stays text.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect, openSite, openSource, fakeNetwork, rawFile, repoRoot, copyWith } from './lockscope.js';

const casesDir = path.join(repoRoot, 'crates/lockscope-cli/tests/fix');
const lockText = readFileSync(path.join(casesDir, 'flake.lock'), 'utf8');
const lockUrl = 'https://example.org/fix/flake.lock';

/** The CLI as cargo builds it (built already in CI: scripts/check runs it before these tests). */
function builtCli() {
  const built = spawnSync('cargo', [
    'build', '--quiet', '--locked', '-p', 'lockscope-cli', '--bin', 'lockscope', '--message-format=json',
  ], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (built.status !== 0) throw new Error(`cargo build -p lockscope-cli failed: ${built.stderr}`);
  const artifact = built.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line))
    .find((message) => message.reason === 'compiler-artifact' && message.executable);
  return artifact.executable;
}

/**
 * Each case as `lockscope fix` sees it, in a copy with the lock: its flake.nix, the diff and
 * the refusals (`fix`), and the file `fix --write` writes.
 */
function casesByCli() {
  const cli = builtCli();
  const work = mkdtempSync(path.join(tmpdir(), 'lockscope-fix-e2e-'));
  const cases = readdirSync(casesDir)
    .filter((name) => statSync(path.join(casesDir, name)).isDirectory())
    .map((name) => {
      const dir = path.join(work, name);
      cpSync(path.join(casesDir, name), dir, { recursive: true });
      writeFileSync(path.join(dir, 'flake.lock'), lockText);
      const flake = readFileSync(path.join(dir, 'flake.nix'), 'utf8');
      const shown = spawnSync(cli, ['fix'], { cwd: dir, encoding: 'utf8' });
      spawnSync(cli, ['fix', '--write'], { cwd: dir });
      // `lockscope: flake.nix:7:20: 'home-manager/nixpkgs' not written: ...`
      const refused = [...shown.stderr.matchAll(/^lockscope: flake\.nix:(\d+):(\d+): '([^']+)' not written: (.*) \(.*\)$/gm)]
        .map(([, line, column, input, why]) => ({ place: `line ${line}, column ${column}`, input, why }));
      return {
        name, flake, diff: shown.stdout, refused, errLines: shown.stderr.split('\n').filter(Boolean).length,
        fixed: readFileSync(path.join(dir, 'flake.nix')),
      };
    });
  rmSync(work, { recursive: true });
  return cases;
}

const panel = (page) => page.getByTestId('fix');
const summary = (page) => panel(page).getByRole('status').first();

/** The site with the test lock on screen, fetched from an address the test answers. */
async function withTestLock(page) {
  await fakeNetwork(page, (route) => route.fulfill(rawFile(lockText)));
  await openSite(page);
  await openSource(page, lockUrl);
  await expect(page.getByTestId('status')).toContainText(lockUrl);
}


/** Give flake.nix as a visitor would: `paste`, `choose` or `drop`; then wait for the answer. */
async function give(page, text, how = 'paste') {
  // The last answer's parts are marked: the new answer is the one without the mark.
  // (What the panel shows after its form is the answer, drawn anew for each question.)
  await panel(page).evaluate((section) => {
    for (const part of section.querySelectorAll(':scope > :not(h2, form)')) part.dataset.old = '';
  });
  const form = panel(page).locator('form');
  if (how === 'paste') {
    await panel(page).getByLabel('The flake.nix of this lock').fill(text);
    await panel(page).getByRole('button', { name: 'Fix flake.nix' }).click();
  } else if (how === 'choose') {
    await panel(page).getByLabel('Or choose it:').setInputFiles({
      name: 'flake.nix', mimeType: 'text/plain', buffer: Buffer.from(text),
    });
  } else {
    const dropped = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'flake.nix', { type: 'text/plain' }));
      return transfer;
    }, text);
    await form.dispatchEvent('dragover', { dataTransfer: dropped });
    await form.dispatchEvent('drop', { dataTransfer: dropped });
  }
  await expect(panel(page).locator('[data-old]')).toHaveCount(0);
  await expect(panel(page).getByText('Fixing…')).toHaveCount(0);
  await expect(panel(page).locator('p[role=status], p[role=alert]')).toHaveCount(1);
}

/** The file the page offers for download, as bytes. */
async function downloaded(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel(page).getByRole('link', { name: 'Download flake.nix' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('flake.nix');
  return readFileSync(await download.path());
}

test.describe('Fix flake.nix', () => {
  let cases;
  test.beforeAll(() => {
    // A first build of the CLI takes a while; once built, cargo answers at once.
    test.setTimeout(600_000);
    cases = casesByCli();
  });
  const find = (name) => cases.find((c) => c.name === name);

  test('every test flake gets what `lockscope fix` writes, and the fixer loads on the first fix only', async ({ page }) => {
    const fetched = [];
    page.on('request', (request) => fetched.push(request.url()));
    await withTestLock(page);
    expect(cases.length).toBeGreaterThanOrEqual(9);
    await expect(page.getByTestId('duplicates').getByTestId('suggestions')).toBeVisible();
    expect(fetched.filter((url) => url.includes('fix-worker'))).toEqual([]);

    for (const [index, c] of cases.entries()) {
      // CRLF survives a file, not a text box (HTML turns a text area's CRLF into LF).
      const how = c.flake.includes('\r\n') ? 'choose' : ['paste', 'choose', 'drop'][index % 3];
      await give(page, c.flake, how);
      const diff = panel(page).getByTestId('fix-diff');
      if (c.diff === '') {
        await expect(diff, c.name).toHaveCount(0);
      } else {
        expect(await diff.textContent(), `${c.name}: the diff`).toBe(c.diff);
        expect((await downloaded(page)).equals(c.fixed), `${c.name}: the file`).toBe(true);
      }
      const refusals = panel(page).locator('.refusals li');
      await expect(refusals, `${c.name}: the refusals`).toHaveCount(c.errLines);
      for (const [i, refused] of c.refused.entries()) {
        await expect(refusals.nth(i)).toContainText(`${refused.place}: ${refused.input} not written: ${refused.why}`);
      }
      // The lock on screen stays: a dropped flake.nix is the form's, not a lock.
      await expect(page.getByTestId('status')).toContainText(lockUrl);
    }
    expect(fetched.filter((url) => url.includes('fix-worker')).length).toBeGreaterThan(0);
  });

  test('a refused line says its input, line and column; done twice, nothing to do', async ({ page }, testInfo) => {
    await withTestLock(page);
    const twice = find('declared-twice');
    await give(page, twice.flake);
    await expect(summary(page)).toHaveText('3 lines written, 3 refused.');
    const first = panel(page).locator('.refusals li').first();
    await expect(first).toContainText(
      'line 7, column 3: hyprland/hyprlang/nixpkgs not written: the input is declared twice, here and at line 4, column 3',
    );
    await expect(first.locator('code')).toHaveText('inputs.hyprland.inputs.hyprlang.inputs.nixpkgs.follows = "nixpkgs";');
    await panel(page).scrollIntoViewIfNeeded();
    await panel(page).screenshot({ path: path.join(testInfo.project.outputDir, 'fix-flake-nix.png') });

    await give(page, find('nested').fixed.toString());
    await expect(summary(page)).toHaveText('Nothing to do: flake.nix already has the 6 lines this lock needs.');
    await expect(panel(page).getByTestId('fix-diff')).toHaveCount(0);
  });

  test('Copy and Download give the new file byte for byte, CRLF kept', async ({ page }) => {
    await withTestLock(page);
    const crlf = find('crlf-bare');
    expect(crlf.fixed.toString()).toContain('\r\n');
    await give(page, crlf.flake, 'drop');
    expect((await downloaded(page)).equals(crlf.fixed)).toBe(true);
    expect(await copyWith(page, panel(page), 'Copy')).toBe(crlf.fixed.toString());
  });

  test('a file that is not Nix is an error that names the place', async ({ page }) => {
    await withTestLock(page);
    await give(page, '{\n  inputs = {\n    nixpkgs.url = ;\n  };\n}\n');
    await expect(panel(page).getByRole('alert')).toHaveText(
      "Could not fix flake.nix: not a Nix expression: unexpected ';' at line 3, column 19.",
    );
    await give(page, 'not: nix at all ]', 'choose');
    await expect(panel(page).getByRole('alert')).toContainText('Could not fix flake.nix: not a Nix expression: ');
    await expect(panel(page).getByRole('alert')).toContainText('at line 1, column ');
  });

  test('hostile text stays text', async ({ page }) => {
    await withTestLock(page);
    const hostile = '<script>window.owned = 1</script><img src=x onerror="window.owned = 1"> é ü 🦀';
    const flake = find('nested').flake.replace('# Home Manager', `# ${hostile} Home Manager`);
    await give(page, flake, 'drop');
    await expect(panel(page).getByTestId('fix-diff')).toContainText(hostile);
    await expect(panel(page).locator('script, img')).toHaveCount(0);
    expect(await page.evaluate(() => window.owned)).toBeUndefined();
    // A place counts characters, as an editor does: after `é`, the `;` is at column 16 (byte 17).
    await give(page, '{ a = "é"; b = ; }');
    await expect(panel(page).getByRole('alert')).toContainText("unexpected ';' at line 1, column 16.");
  });
});
