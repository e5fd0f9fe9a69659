// The docs site (`npm run docs:build`, VitePress): the README as its home page and every page of
// docs/ as they are on GitHub. A link to a file of the repository that is not a page of the site
// (an example, a rule module, bench/README.md) goes to that file on the repository's homepage
// (package.json `homepage`), so every link works in both places; anchors are GitHub's (slug.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { slug } from '../../scripts/docs/slug.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
/** https://github.com/owner/name: the files of the repository are under /blob/main/ and /tree/main/. */
export const repository = pkg.homepage.replace(/#.*$/, '');

/** Site pages, as repository paths: the README and docs/**.md. */
function isPage(file) {
  return file === 'README.md' || (file.startsWith('docs/') && file.endsWith('.md'));
}

/** Points relative links to repository files that are not pages at the file on the repository. */
function repositoryLinks(md) {
  md.core.ruler.push('repository-links', (state) => {
    const source = path.relative(root, state.env.realPath ?? state.env.path);
    for (const token of state.tokens.flatMap((t) => [t, ...(t.children ?? [])])) {
      if (token.type !== 'link_open') continue;
      const href = token.attrGet('href');
      if (!href || /^[a-z][a-z\d+.-]*:|^#|^\//i.test(href)) continue;
      const [file, anchor] = href.split('#');
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(source), file));
      if (isPage(target)) continue;
      const kind = fs.existsSync(path.join(root, target)) && fs.statSync(path.join(root, target)).isDirectory() ? 'tree' : 'blob';
      token.attrSet('href', `${repository}/${kind}/main/${target.replace(/\/$/, '')}${anchor === undefined ? '' : `#${anchor}`}`);
    }
  });
}

const pages = [
  ['Install', 'install'],
  ['Hooks', 'hooks'],
  ['On the stock runtime: snapStart()', 'lambda'],
  ['The bootstrap runtime', 'bootstrap'],
  ['Container images', 'containers'],
  ['Deploy recipes', 'deploy'],
  ['HTTP platforms', 'http-platforms'],
  ['Restores', 'restores'],
  ['Build-time checks (esbuild)', 'checks'],
  ['webpack, Rspack, Rollup, Vite', 'bundlers'],
  ['ESLint', 'eslint'],
  ['The CLI: check, manifest', 'cli'],
  ['emulate', 'emulate'],
  ['Testing your hooks', 'testing'],
  ['Layout and internals', 'contributing-internals'],
];

/** A page's title: its first heading. */
const titleOf = (file) => fs.readFileSync(file, 'utf8').split('\n')[0].replace(/^# /, '').replace(/`/g, '');

// Pages written since the list above was: in the sidebar too, by their titles.
const more = fs
  .readdirSync(path.join(root, 'docs'))
  .filter((file) => file.endsWith('.md') && !pages.some(([, page]) => `${page}.md` === file))
  .sort()
  .map((file) => ({ text: titleOf(path.join(root, 'docs', file)), link: `/docs/${file.replace(/\.md$/, '')}` }));

const rules = fs
  .readdirSync(path.join(root, 'docs/rules'))
  .filter((file) => /^SR\d+\.md$/.test(file))
  .sort()
  .map((file) => {
    const title = fs
      .readFileSync(path.join(root, 'docs/rules', file), 'utf8')
      .split('\n')[0]
      .replace(/^# /, '');
    return { text: title, link: `/docs/rules/${file.replace(/\.md$/, '')}` };
  });

export default {
  title: 'snapshot-restore',
  description: 'SnapStart runtime hooks for Node.js and TypeScript on AWS Lambda',
  srcDir: '..',
  // Only the README and docs/: everything else at the top of the repository stays out.
  srcExclude: fs
    .readdirSync(root)
    .filter((entry) => entry !== 'README.md' && entry !== 'docs')
    .flatMap((entry) => [entry, `${entry}/**`]),
  rewrites: { 'README.md': 'index.md' },
  outDir: './.vitepress/dist',
  cacheDir: './.vitepress/cache',
  lastUpdated: false,
  markdown: {
    anchor: { slugify: slug },
    config: repositoryLinks,
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/docs/install' },
      { text: 'Rules', link: '/docs/rules/SR001' },
      { text: 'Repository', link: repository },
    ],
    sidebar: [
      { text: 'Start', items: [{ text: 'Overview', link: '/' }] },
      { text: 'Guide', items: [...pages.map(([text, page]) => ({ text, link: `/docs/${page}` })), ...more] },
      { text: 'Rules', collapsed: false, items: rules },
    ],
    outline: { level: [2, 3] },
    search: { provider: 'local' },
  },
};
