// A stand-in for the APIs the update checker asks, answering through page.route in their
// documented shapes, as crates/lockscope-fixtures/src/forges.rs answers the engine's tests:
// GitHub's REST API (`/rate_limit`, `/repos/{o}/{r}`, `/repos/{o}/{r}/compare/{base}...{head}`
// with `per_page`/`page`, the `x-ratelimit-*` headers, which GitHub lets pages read, and its
// 403 when the quota is spent), GitLab's v4 (`/projects/{id}`,
// `/projects/{id}/repository/compare?from=&to=`), Codeberg's Forgejo v1 (`/repos/{o}/{r}`,
// `/repos/{o}/{r}/compare/{base}...{head}`) and status.nixos.org's Prometheus
// (`channel_revision`). Its repositories are a lock's: each locked revision, then as many new
// commits on the branch as the test says, a day apart.
import { prometheusQuery } from './lockscope.js';

const hosts = ['api.github.com', 'gitlab.com', 'codeberg.org', 'prometheus.nixos.org'];

/** Any site may read these answers, with the headers GitHub exposes. */
const cors = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers':
    'ETag, Link, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset',
};

export const json = (body, status = 200, headers = {}) => ({
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: { ...cors, 'content-type': 'application/json; charset=utf-8', ...headers },
});

const notFound = () => json({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, 404);

export class Forges {
  /**
   * The repositories of every node of `lock` (a flake.lock's JSON) on GitHub, GitLab or
   * Codeberg; `behind(repo)` says how many commits the branch has after the locked one, by
   * the repository's name (0 when it says nothing).
   */
  constructor(lock, behind = () => 0) {
    this.repos = [];
    this.githubRemaining = 60;
    // Renewed in half an hour.
    this.githubReset = Math.floor(Date.now() / 1000) + 1800;
    this.channels = new Map();
    this.asked = [];
    /** A test's own answer for a URL, before the stand-in's: a response, 'abort', 'hang', or nothing. */
    this.override = () => undefined;
    const byNode = new Map();
    for (const [key, node] of Object.entries(lock.nodes)) {
      const repo = forgeRepo(node.locked);
      if (!repo) continue;
      const same = this.repos.find((r) => r.api === repo.api && r.owner === repo.owner && r.repo === repo.repo
        && r.locked === repo.locked);
      if (same) {
        byNode.set(key, same);
        continue;
      }
      const at = node.locked.lastModified ?? 1_790_000_000;
      repo.commits = Array.from({ length: behind(repo.repo) }, (_, i) => ({
        sha: (0xc0ffee000 + this.repos.length * 1000 + i).toString(16).padStart(40, '0'),
        date: new Date((at + (i + 1) * 86_400) * 1000).toISOString().replace('.000Z', 'Z'),
      }));
      repo.head = repo.commits.at(-1)?.sha ?? repo.locked;
      repo.defaultBranch = 'main';
      this.repos.push(repo);
      byNode.set(key, repo);
    }
    // status.nixos.org's head of a channel: the branch's head of the root input that follows it.
    for (const key of Object.values(lock.nodes[lock.root].inputs)) {
      const ref = lock.nodes[key]?.original?.ref;
      if (typeof key === 'string' && ref?.startsWith('nixos-') && byNode.has(key)) {
        this.channels.set(ref, byNode.get(key).head);
      }
    }
  }

  /** A repository by its name (and API), for the test's expectations. */
  repo(name, api = 'github') {
    return this.repos.find((r) => r.repo === name && r.api === api);
  }

  /** The forges' requests asked so far (status.nixos.org's not counted: the page asks it on arrival). */
  forgeRequests() {
    return this.asked.filter((url) => !url.startsWith('https://prometheus.nixos.org/'));
  }

  /** Answer the page's requests to the forges and to status.nixos.org. */
  async serve(page) {
    await page.route((url) => hosts.includes(url.hostname), async (route) => {
      const url = route.request().url();
      this.asked.push(url);
      const own = this.override(new URL(url));
      if (own === 'abort') return route.abort();
      if (own === 'hang') return;
      return route.fulfill(own ?? this.answer(new URL(url)));
    });
  }

  answer(url) {
    if (url.href === prometheusQuery) return this.prometheus();
    const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
    const param = (name) => url.searchParams.get(name);
    if (url.hostname === 'api.github.com') return this.github(parts, param);
    if (url.hostname === 'gitlab.com' && parts[0] === 'api') return this.gitlab(parts.slice(2), param);
    if (url.hostname === 'codeberg.org' && parts[0] === 'api') return this.codeberg(parts.slice(2));
    return notFound();
  }

  prometheus() {
    const result = [...this.channels].map(([channel, revision]) => ({
      metric: { __name__: 'channel_revision', channel, current: '1', revision, status: 'rolling', variant: 'primary' },
      value: [Date.now() / 1000, '1'],
    }));
    return json({ status: 'success', data: { resultType: 'vector', result } });
  }

  githubHeaders() {
    return {
      'x-ratelimit-limit': '60',
      'x-ratelimit-remaining': String(this.githubRemaining),
      'x-ratelimit-reset': String(this.githubReset),
      'x-ratelimit-used': String(60 - this.githubRemaining),
      'x-ratelimit-resource': 'core',
    };
  }

  github(parts, param) {
    if (parts[0] === 'rate_limit') {
      const core = { limit: 60, remaining: this.githubRemaining, reset: this.githubReset, used: 60 - this.githubRemaining };
      return json({ resources: { core }, rate: core }, 200, this.githubHeaders());
    }
    if (parts[0] !== 'repos') return notFound();
    if (this.githubRemaining === 0) {
      return json({
        message: 'API rate limit exceeded for 127.0.0.1. (But here\'s the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)',
        documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
      }, 403, this.githubHeaders());
    }
    this.githubRemaining -= 1;
    const reply = this.repoReply('github', parts.slice(1), param);
    reply.headers = { ...reply.headers, ...this.githubHeaders() };
    return reply;
  }

  gitlab(parts, param) {
    // projects/{owner%2Frepo}[/repository/compare]
    const [owner, name] = (parts[1] ?? '').split('/');
    if (parts[0] !== 'projects' || !name) return notFound();
    const compare = parts[2] === 'repository' && parts[3] === 'compare';
    return this.repoReply('gitlab', [owner, name, ...(compare ? ['compare', `${param('from')}...${param('to')}`] : [])], param);
  }

  codeberg(parts) {
    return parts[0] === 'repos' ? this.repoReply('codeberg', parts.slice(1), () => null) : notFound();
  }

  /** `[owner, repo]`: the repository; `[owner, repo, 'compare', 'base...head']`: a compare. */
  repoReply(api, [owner, name, what, ...basehead], param) {
    const [base, head] = basehead.join('/').split('...');
    const repo = this.repos.find((r) => r.api === api && r.owner.toLowerCase() === owner?.toLowerCase()
      && r.repo.toLowerCase() === name?.toLowerCase() && (what !== 'compare' || r.locked === base));
    if (!repo) return notFound();
    if (what === undefined) {
      return api === 'gitlab'
        ? json({ id: 278964, path_with_namespace: `${owner}/${name}`, default_branch: repo.defaultBranch, visibility: 'public' })
        : json({ id: 1296269, full_name: `${owner}/${name}`, private: false, default_branch: repo.defaultBranch });
    }
    if (what !== 'compare' || ![repo.defaultBranch, repo.head].includes(head)) return notFound();
    if (api === 'gitlab') {
      const commit = ({ sha, date }) => ({ id: sha, short_id: sha.slice(0, 8), title: 'a change', created_at: date, committed_date: date });
      return json({ commit: repo.commits.length ? commit(repo.commits.at(-1)) : null,
        commits: repo.commits.map(commit).reverse(), diffs: [], compare_timeout: false, compare_same_ref: false });
    }
    const listed = repo.commits.map(({ sha, date }) => ({
      sha,
      created: date,
      commit: { author: { name: 'A', date }, committer: { name: 'A', date }, message: 'a change' },
    }));
    if (api === 'codeberg') return json({ total_commits: listed.length, commits: listed, files: [] });
    const perPage = Number(param('per_page') ?? 250);
    const page = Number(param('page') ?? 1);
    const html = `https://github.com/${owner}/${name}/compare/${repo.locked}...${repo.head}`;
    return json({
      html_url: html,
      status: listed.length ? 'ahead' : 'identical',
      ahead_by: listed.length,
      behind_by: 0,
      total_commits: listed.length,
      commits: listed.slice(0, 250).slice(perPage * (page - 1), perPage * page),
      files: [],
    });
  }
}

/** The repository a node is locked at, on GitHub, gitlab.com or Codeberg. */
function forgeRepo(locked) {
  if (!locked?.rev) return undefined;
  if (['github', 'gitlab'].includes(locked.type) && !locked.host) {
    return { api: locked.type, owner: locked.owner, repo: locked.repo, locked: locked.rev };
  }
  const codeberg = locked.type === 'git' && locked.url?.match(/^https:\/\/codeberg\.org\/([^/]+)\/([^/]+?)(\.git)?$/);
  return codeberg ? { api: 'codeberg', owner: codeberg[1], repo: codeberg[2], locked: locked.rev } : undefined;
}
