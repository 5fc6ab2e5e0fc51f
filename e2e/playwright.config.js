// The browser tests run Debian's chromium (never a downloaded browser) against the
// release site in ../dist, served by scripts/serve-site: the real server, headers and all.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.LOCKSCOPE_E2E_PORT ?? 8092);
const baseURL = `http://127.0.0.1:${port}/`;

export default defineConfig({
  testDir: './tests',
  forbidOnly: !!process.env.CI,
  // Playwright's own default for CI: a test that fails and then passes is reported as
  // "flaky" in the summary, with its first failure's output, and does not fail the run.
  retries: process.env.CI ? 1 : 0,
  // Two cores here: one browser at a time per core. Two browsers, a server and the
  // tests on two cores may hold a page up for seconds: an answer may take 15.
  workers: 2,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    baseURL,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.LOCKSCOPE_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    },
  },
  webServer: {
    command: `../scripts/serve-site ../dist --port ${port}`,
    url: baseURL,
    reuseExistingServer: false,
    stdout: 'pipe',
    timeout: 30_000,
  },
});
