#!/usr/bin/env node
// Checks an unzipped Jiedu portal publication package (format jiedu-portal/1) in a real
// browser: Debian's Chromium, headless, driven by playwright-core; axe-core for accessibility.
//
//   node scripts/portal-check/check-portal.mjs DIR [--screenshots OUTDIR]
//
// Prints one line per check (✓ passed, ✗ failed; "!" lines are warnings and do not count),
// then "N checks, M failed". Exit status: 0 when every check passed, 1 when any failed,
// 2 for a usage error. Chromium is $JIEDU_CHROMIUM, by default /usr/bin/chromium.
//
// The six groups of checks:
//   1 files and loading  manifest fields and seal; every file listed with the right SHA-256 and
//                        size; nothing unlisted; every page loads as UTF-8 with a non-empty <h1>;
//                        the <dl class="meta"> block matches the manifest metadata
//   2 links              every related_interpretation / related_policy link of the manifest is an
//                        <a data-rel href> in the page, clicking it opens the target, and the
//                        target links back; no undeclared data-rel links; no broken relative link;
//                        no http(s) link; supersedes / superseded_by links well-formed and listed
//   3 resources          every request the pages make is a file:// URL inside DIR (others are
//                        aborted and fail), and no element or style names an outside resource
//   4 no script          no <script>, no on* attribute, no javascript: URL, no meta refresh, and
//                        the text rendered with JavaScript off equals the text with it on
//   5 accessibility      axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa, best-practice): serious and
//                        critical violations fail, moderate and minor are warnings; lang zh-CN,
//                        one <h1>, no skipped heading level, alt on every <img>, <th scope> in
//                        every <table>
//   6 responsive         at 375 and 1280 px wide no horizontal overflow; at 375 no text under
//                        14 px; a viewport meta; full-page screenshots with --screenshots
//   7 media              every <img> decodes; every <video> and <audio> plays in Chromium (its
//                        time advances, a video has a picture size); each has controls, and a
//                        video or audio its caption (<figcaption>)

import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const CHROMIUM = process.env.JIEDU_CHROMIUM || '/usr/bin/chromium';

const FORMAT = 'jiedu-portal/1';
const KINDS = ['policy', 'interpretation', 'qa', 'charts', 'media'];
const PAIR_RELS = ['related_interpretation', 'related_policy'];
const SUPERSEDE_RELS = ['superseded_by', 'supersedes'];
const RELS = [...PAIR_RELS, ...SUPERSEDE_RELS];
const REVERSE = { related_interpretation: 'related_policy', related_policy: 'related_interpretation' };
// The heading of the related block on each kind of page.
const RELATED_HEADING = { policy: '相关解读', interpretation: '相关文件', qa: '相关文件', charts: '相关文件', media: '相关文件' };
// Manifest metadata field → the <dt> label the pages show it under, in page order.
// The gov.cn policy library's order; 标题 sits between 成文日期 and 发文字号 and is the page's h1.
const META_LABELS = [
  ['index_number', '索引号'],
  ['subject', '主题分类'],
  ['issuing_authority', '发文机关'],
  ['written_on', '成文日期'],
  ['doc_number', '发文字号'],
  ['published_on', '发布日期'],
  ['validity', '有效性'],
];
// Fields a page may show as a dash (a document without 发文字号 or 成文日期).
const META_OPTIONAL = ['written_on', 'doc_number'];
// How a page prints a manifest value: dates as 2026年3月1日, nothing as —.
function metaShown(key, value) {
  if (value === null || value === undefined || String(value).trim() === '') {
    return key === 'published_on' ? '待发布' : '—';
  }
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(String(value));
  if (m && (key === 'written_on' || key === 'published_on')) return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  return String(value).trim();
}
// 有效性 as crates/core/src/gongwen.rs `Validity::label_zh` prints it.
const VALIDITY = ['有效', '失效', '废止'];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const WIDTHS = [375, 1280];
const HEIGHT = 800;
const MIN_FONT_PX = 14;

// ---------------------------------------------------------------- arguments

function usage(message) {
  if (message) console.error(`错误 error: ${message}`);
  console.error('用法 usage: node scripts/portal-check/check-portal.mjs DIR [--screenshots OUTDIR]');
  process.exit(2);
}

let dirArg = null;
let shotsDir = null;
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--screenshots') {
      if (i + 1 >= argv.length) usage('--screenshots needs a folder');
      shotsDir = path.resolve(argv[++i]);
    } else if (a.startsWith('--screenshots=')) {
      shotsDir = path.resolve(a.slice('--screenshots='.length));
    } else if (a === '-h' || a === '--help') {
      usage();
    } else if (a.startsWith('-')) {
      usage(`unknown option ${a}`);
    } else if (dirArg === null) {
      dirArg = a;
    } else {
      usage(`unexpected argument ${a}`);
    }
  }
  if (dirArg === null) usage('no package folder given');
  if (!fs.existsSync(dirArg) || !fs.statSync(dirArg).isDirectory()) usage(`not a folder: ${dirArg}`);
}
const DIR = fs.realpathSync(path.resolve(dirArg));

// ---------------------------------------------------------------- reporting

const SECTIONS = [
  ['1', '文件与载入', 'files and loading'],
  ['2', '链接', 'links'],
  ['3', '外部资源', 'outside resources'],
  ['4', '无脚本', 'no script'],
  ['5', '无障碍', 'accessibility'],
  ['6', '自适应', 'responsive'],
  ['7', '图片与音视频', 'media'],
];
const lines = Object.fromEntries(SECTIONS.map(([n]) => [n, []]));
let total = 0;
let failed = 0;

/** Records one check: section number, Chinese and English name, what it was about, and
 *  either `true` or a failure detail (string) / list of details. */
function check(section, zh, en, subject, problems, extra = []) {
  const list = problems === true ? [] : [].concat(problems).filter((p) => p !== null && p !== undefined && p !== '');
  const ok = list.length === 0;
  total++;
  if (!ok) failed++;
  let line = `${ok ? '✓' : '✗'} ${zh} ${en}: ${subject}`;
  if (!ok && list.length === 1 && !String(list[0]).includes('\n') && String(list[0]).length < 140) {
    line += ` — ${list[0]}`;
    lines[section].push(line);
  } else {
    lines[section].push(line);
    if (!ok) for (const p of list) lines[section].push(`    ${p}`);
  }
  for (const e of extra) lines[section].push(`    ${e}`);
  return ok;
}

function warn(section, zh, en, subject, detail) {
  lines[section].push(`! ${zh} ${en}: ${subject} — ${detail}`);
}

function finish() {
  for (const [n, zh, en] of SECTIONS) {
    if (lines[n].length === 0) continue;
    console.log(`# ${n} ${zh} ${en}`);
    for (const l of lines[n]) console.log(l);
  }
  console.log(`${total} checks, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

// ---------------------------------------------------------------- helpers

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const nonEmpty = (v) => typeof v === 'string' && v.trim() !== '';
const short = (s, n = 60) => {
  const t = String(s).replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

/** Canonical JSON as Jiedu's Rust side writes it (crates/core/src/hash.rs): object keys sorted,
 *  no whitespace, strings escaped as serde_json does (which JSON.stringify matches). Integers
 *  only: a float would print differently from serde_json. */
function canonicalJson(v) {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObj(v)) {
    const keys = Object.keys(v).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The manifest seal, as for the media kit (crates/render/src/kit/manifest.rs `seal`): SHA-256
 *  of the canonical JSON of the manifest without its manifest_sha256 field. */
function seal(manifest) {
  const copy = { ...manifest };
  delete copy.manifest_sha256;
  return sha256(Buffer.from(canonicalJson(copy), 'utf8'));
}

/** A package-relative file name is safe: forward slashes, no empty / . / .. segments. */
function safeName(name) {
  return (
    typeof name === 'string' &&
    name !== '' &&
    !name.startsWith('/') &&
    !name.includes('\\') &&
    !/[\u0000-\u001f]/.test(name) &&
    name.split('/').every((s) => s !== '' && s !== '.' && s !== '..')
  );
}

function walk(dir, prefix = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, rel));
    else if (entry.isFile()) out.push(rel);
    else out.push(`${rel} (not a regular file)`);
  }
  return out;
}

/** The package-relative name of a file:// URL inside DIR, or null when it is elsewhere. */
function insideName(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'file:' || (u.host !== '' && u.host !== 'localhost')) return null;
  const p = path.resolve(fileURLToPath(u));
  if (!p.startsWith(DIR + path.sep)) return null;
  return p.slice(DIR.length + 1).split(path.sep).join('/');
}

const fileUrl = (name) => pathToFileURL(path.join(DIR, ...name.split('/'))).href;
const withoutHash = (url) => url.split('#')[0];

// ---------------------------------------------------------------- 1 manifest and files

const S1 = '1';
const manifestPath = path.join(DIR, 'manifest.json');
let manifest;
try {
  manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  check(S1, '清单', 'manifest', 'manifest.json parses', isObj(manifest) ? true : 'not a JSON object');
} catch (e) {
  check(S1, '清单', 'manifest', 'manifest.json parses', fs.existsSync(manifestPath) ? `JSON: ${e.message}` : 'missing');
  finish();
}
if (!isObj(manifest)) finish();

{
  const m = manifest;
  const p = [];
  if (m.format !== FORMAT) p.push(`format is ${JSON.stringify(m.format)}, expected ${FORMAT}`);
  if (typeof m.pack_id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(m.pack_id) || m.pack_id.includes('..'))
    p.push(`pack_id ${JSON.stringify(m.pack_id)} is not a plain folder name`);
  if (!Number.isInteger(m.revision) || m.revision < 1) p.push(`revision ${JSON.stringify(m.revision)} is not a positive integer`);
  if (!nonEmpty(m.title)) p.push('title is empty');
  if (typeof m.content_hash !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(m.content_hash))
    p.push(`content_hash ${JSON.stringify(m.content_hash)} is not sha256:<64 hex>`);
  if (typeof m.base_path !== 'string' || !/^\/([^/\s?#]+\/)*$/.test(m.base_path))
    p.push(`base_path ${JSON.stringify(m.base_path)} is not a site path starting and ending with /`);
  if (typeof m.generated_at !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(m.generated_at) || Number.isNaN(Date.parse(m.generated_at)))
    p.push(`generated_at ${JSON.stringify(m.generated_at)} is not an RFC 3339 time`);
  if (!isObj(m.metadata)) p.push('metadata is missing');
  else {
    for (const [key, label] of META_LABELS) {
      if (!META_OPTIONAL.includes(key) && !nonEmpty(m.metadata[key])) p.push(`metadata.${key} (${label}) is empty`);
    }
    const ix = m.metadata.index_number;
    if (nonEmpty(ix) && !/^[0-9A-Z-]{6,20}\/\d{4}-\d{5}$/.test(ix)) p.push(`metadata.index_number ${JSON.stringify(ix)} is not <organisation code>/<year>-<5 digits>`);
    const va = m.metadata.validity;
    if (nonEmpty(va) && !VALIDITY.includes(va)) p.push(`metadata.validity ${JSON.stringify(va)} is not one of ${VALIDITY.join('、')}`);
    for (const key of ['written_on', 'published_on']) {
      const v = m.metadata[key];
      if (nonEmpty(v) && !/^\d{4}-\d\d-\d\d$/.test(v)) p.push(`metadata.${key} ${JSON.stringify(v)} is not YYYY-MM-DD`);
    }
  }
  if (!Array.isArray(m.pages) || m.pages.length === 0) p.push('pages is missing or empty');
  if (!Array.isArray(m.files) || m.files.length === 0) p.push('files is missing or empty');
  check(S1, '清单', 'manifest', `fields (format ${m.format}, pack ${m.pack_id}, revision ${m.revision})`, p);

  const listed = typeof m.manifest_sha256 === 'string' ? m.manifest_sha256 : '';
  const actual = seal(m);
  check(S1, '清单校验', 'manifest seal', 'manifest_sha256 = SHA-256 of the canonical JSON without it',
    listed === actual ? true : listed === '' ? 'manifest_sha256 is missing' : `listed ${listed.slice(0, 16)}…, computed ${actual.slice(0, 16)}…`);
}
if (!Array.isArray(manifest.pages) || !Array.isArray(manifest.files)) finish();

// Files: listed ones exist with the right hash and size; nothing else is there.
const listedFiles = new Map();
{
  for (const f of manifest.files) {
    const name = isObj(f) ? f.name : undefined;
    const subject = typeof name === 'string' ? name : JSON.stringify(f);
    const p = [];
    if (!safeName(name)) {
      check(S1, '文件', 'file', subject, 'not a safe package-relative name');
      continue;
    }
    if (name === 'manifest.json') p.push('the manifest must not list itself');
    if (listedFiles.has(name)) p.push('listed twice');
    listedFiles.set(name, f);
    if (typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) p.push('sha256 is not 64 lowercase hex digits');
    if (!Number.isInteger(f.bytes) || f.bytes < 0) p.push('bytes is not a size');
    const full = path.join(DIR, ...name.split('/'));
    if (fs.existsSync(full) && fs.lstatSync(full).isSymbolicLink()) {
      p.push('a symbolic link, not a file');
    } else if (!fs.existsSync(full) || !fs.statSync(full).isFile()) {
      p.push('missing');
    } else {
      const bytes = fs.readFileSync(full);
      if (bytes.length !== f.bytes) p.push(`size ${bytes.length} bytes, manifest says ${f.bytes}`);
      const h = sha256(bytes);
      if (h !== f.sha256) p.push(`sha256 ${h.slice(0, 16)}…, manifest says ${String(f.sha256).slice(0, 16)}…`);
    }
    check(S1, '文件', 'file', `${name} (${f.bytes} bytes, sha256 ${String(f.sha256).slice(0, 12)}…)`, p);
  }
  const unlisted = walk(DIR).filter((n) => n !== 'manifest.json' && !listedFiles.has(n));
  check(S1, '未列文件', 'unlisted files', unlisted.length ? `${unlisted.length} in the folder` : 'none',
    unlisted.map((n) => (n.endsWith('(not a regular file)') ? n : `${n} is not in manifest.files`)));
}

// Pages: well-formed entries, urls under base_path, exactly one policy page, files listed.
const pages = [];
{
  const p = [];
  const seen = new Set();
  for (const pg of manifest.pages) {
    if (!isObj(pg) || !safeName(pg.path)) {
      p.push(`page ${JSON.stringify(isObj(pg) ? pg.path : pg)} has no safe path`);
      continue;
    }
    if (seen.has(pg.path)) p.push(`${pg.path} is listed twice`);
    seen.add(pg.path);
    if (!pg.path.endsWith('.html')) p.push(`${pg.path} does not end in .html`);
    if (!KINDS.includes(pg.kind)) p.push(`${pg.path}: kind ${JSON.stringify(pg.kind)} is not one of ${KINDS.join(', ')}`);
    if (!nonEmpty(pg.title)) p.push(`${pg.path}: title is empty`);
    const url = `${manifest.base_path}${manifest.pack_id}/${pg.path}`;
    if (pg.url !== url) p.push(`${pg.path}: url ${JSON.stringify(pg.url)}, expected ${url}`);
    if (!listedFiles.has(pg.path)) p.push(`${pg.path} is not in manifest.files`);
    const links = Array.isArray(pg.links) ? pg.links : (p.push(`${pg.path}: links is not a list`), []);
    for (const l of links) {
      if (!isObj(l) || !RELS.includes(l.rel)) p.push(`${pg.path}: link rel ${JSON.stringify(isObj(l) ? l.rel : l)} is not one of ${RELS.join(', ')}`);
      else if (!nonEmpty(l.href)) p.push(`${pg.path}: a ${l.rel} link has no href`);
      else if (!nonEmpty(l.title)) p.push(`${pg.path}: link to ${l.href} has no title`);
    }
    pages.push({ ...pg, links: links.filter((l) => isObj(l) && RELS.includes(l.rel) && nonEmpty(l.href)) });
  }
  const policies = pages.filter((pg) => pg.kind === 'policy');
  if (policies.length !== 1) p.push(`${policies.length} pages of kind policy, expected exactly one`);
  const kinds = pages.map((pg) => `${pg.path} (${pg.kind})`).join(', ');
  check(S1, '页面清单', 'page list', `${pages.length} pages: ${kinds}`, p);
}
const pageByPath = new Map(pages.map((pg) => [pg.path, pg]));

// ---------------------------------------------------------------- the browser

let browser;
try {
  // Muted playback needs no gesture anyway; the flag keeps audio checks independent of policy.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--autoplay-policy=no-user-gesture-required'],
  });
} catch (e) {
  check(S1, '浏览器', 'browser', CHROMIUM, `cannot start Chromium: ${short(e.message, 200)}`);
  finish();
}

// Every request of every page goes through here: file:// inside DIR continues, the rest is
// aborted and remembered against the page being looked at.
let visiting = '';
const outside = new Map(); // page path → [url]
async function guard(route) {
  const url = route.request().url();
  if (insideName(url) !== null) return route.continue();
  if (!outside.has(visiting)) outside.set(visiting, []);
  const list = outside.get(visiting);
  if (!list.includes(url)) list.push(url);
  return route.abort('blockedbyclient');
}

async function newContext(javaScriptEnabled) {
  const ctx = await browser.newContext({
    javaScriptEnabled,
    viewport: { width: 1280, height: HEIGHT },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    serviceWorkers: 'block',
  });
  ctx.setDefaultTimeout(15000);
  await ctx.route('**/*', guard);
  return ctx;
}
const ctx = await newContext(true);
const ctxNoJs = await newContext(false);

/** Everything the checks need to know about a loaded page, read from its DOM. */
function readDom() {
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');
  const elements = [...document.querySelectorAll('*')];
  const handlers = [];
  const jsUrls = [];
  const outsideRefs = [];
  const isOutside = (v) => /^\s*(https?:)?\/\//i.test(v) || /^\s*[a-z][a-z0-9+.-]*:/i.test(v) && !/^\s*(data|mailto|tel|javascript|vbscript|#)/i.test(v);
  const describe = (el) => {
    let s = el.localName;
    if (el.id) s += `#${el.id}`;
    else if (el.classList.length) s += `.${[...el.classList].join('.')}`;
    return s;
  };
  for (const el of elements) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) handlers.push(`${describe(el)} ${a.name}="${a.value.slice(0, 40)}"`);
      const v = a.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (v.startsWith('javascript:') || v.startsWith('vbscript:')) jsUrls.push(`${describe(el)} ${a.name}="${a.value.slice(0, 40)}"`);
      if (['src', 'srcset', 'poster', 'data', 'background', 'action', 'formaction', 'xlink:href'].includes(name) ||
          (name === 'href' && !['a', 'area'].includes(el.localName))) {
        for (const part of name === 'srcset' ? a.value.split(',').map((s) => s.trim().split(/\s+/)[0]) : [a.value]) {
          if (isOutside(part)) outsideRefs.push(`${describe(el)} ${a.name}="${part}"`);
        }
      }
      if (name === 'style') {
        for (const m of a.value.matchAll(/url\(\s*['"]?([^'")]+)/gi)) if (isOutside(m[1])) outsideRefs.push(`${describe(el)} style url(${m[1]})`);
      }
    }
  }
  for (const st of document.querySelectorAll('style')) {
    for (const m of st.textContent.matchAll(/url\(\s*['"]?([^'")]+)/gi)) if (isOutside(m[1])) outsideRefs.push(`<style> url(${m[1]})`);
    for (const m of st.textContent.matchAll(/@import\s+(?:url\()?\s*['"]?([^'");\s]+)/gi)) outsideRefs.push(`<style> @import ${m[1]}`);
  }
  const forbidden = [];
  for (const el of document.querySelectorAll('link[rel~="stylesheet" i], link[rel~="preload" i], link[rel~="prefetch" i], link[rel~="preconnect" i], link[rel~="dns-prefetch" i], link[rel~="modulepreload" i], link[rel~="import" i]'))
    forbidden.push(`<link rel="${el.getAttribute('rel')}" href="${el.getAttribute('href')}"> (only inline <style>)`);
  for (const el of document.querySelectorAll('iframe, frame, object, embed, base, applet, portal'))
    forbidden.push(`<${el.localName}> ${el.getAttribute('src') || el.getAttribute('data') || el.getAttribute('href') || ''}`.trim());

  const anchors = [...document.querySelectorAll('a[href], area[href]')].map((a, index) => ({
    index,
    tag: a.localName,
    href: a.getAttribute('href'),
    abs: a.href,
    dataRel: a.getAttribute('data-rel'),
    rel: a.getAttribute('rel'),
    text: text(a),
    inRelated: !!a.closest('section.related'),
  }));
  const related = [...document.querySelectorAll('section.related')].map((s) => {
    const id = s.getAttribute('aria-labelledby');
    const h = id ? document.getElementById(id) : null;
    return { labelledby: id, headingTag: h ? h.localName : null, heading: text(h) };
  });
  const meta = [...document.querySelectorAll('dl.meta')].map((dl) => {
    const pairs = [];
    let dt = null;
    for (const c of dl.querySelectorAll(':scope > dt, :scope > dd, :scope > div > dt, :scope > div > dd')) {
      if (c.localName === 'dt') dt = text(c);
      else if (dt !== null) { pairs.push([dt, text(c)]); dt = null; }
    }
    return pairs;
  });
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({ level: Number(h.localName[1]), text: text(h) }));
  const images = [...document.querySelectorAll('img')].map((img) => ({
    src: img.getAttribute('src'),
    abs: img.src,
    alt: img.getAttribute('alt'),
    loaded: img.complete && img.naturalWidth > 0,
  }));
  const tables = [...document.querySelectorAll('table')].map((t, i) => ({
    index: i,
    caption: text(t.querySelector('caption')),
    th: t.querySelectorAll('th').length,
    thNoScope: [...t.querySelectorAll('th')].filter((th) => !['row', 'col', 'rowgroup', 'colgroup'].includes((th.getAttribute('scope') || '').toLowerCase())).map((th) => text(th)),
  }));
  const viewportMeta = document.querySelector('meta[name="viewport" i]');
  return {
    lang: document.documentElement.getAttribute('lang'),
    charset: document.characterSet,
    title: document.title,
    h1: [...document.querySelectorAll('h1')].map(text),
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id).concat([...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name'))),
    scripts: document.querySelectorAll('script').length,
    noscripts: document.querySelectorAll('noscript').length,
    refresh: !!document.querySelector('meta[http-equiv="refresh" i]'),
    handlers,
    jsUrls,
    outsideRefs,
    forbidden,
    anchors,
    related,
    meta,
    headings,
    images,
    tables,
    viewport: viewportMeta ? viewportMeta.getAttribute('content') : null,
    innerText: document.body ? document.body.innerText : '',
  };
}

async function load(page, pg) {
  visiting = pg.path;
  const errors = [];
  const onError = (e) => errors.push(`page error: ${short(e.message, 100)}`);
  page.on('pageerror', onError);
  let response = null;
  try {
    response = await page.goto(fileUrl(pg.path), { waitUntil: 'load' });
  } catch (e) {
    errors.push(short(e.message.split('\n')[0], 160));
  }
  page.off('pageerror', onError);
  return { response, errors };
}

// ---------------------------------------------------------------- per page: 1, 3, 4, 5

const dom = new Map(); // page path → readDom()
const page = await ctx.newPage();
const pageNoJs = await ctxNoJs.newPage();
const S2 = '2', S3 = '3', S4 = '4', S5 = '5', S6 = '6';

for (const pg of pages) {
  // 1: it loads, as UTF-8, with a heading.
  const full = path.join(DIR, ...pg.path.split('/'));
  if (!fs.existsSync(full)) {
    check(S1, '载入', 'loads', pg.path, 'the file is missing');
    continue;
  }
  const { response, errors } = await load(page, pg);
  if (errors.length && !response) {
    check(S1, '载入', 'loads', pg.path, errors);
    continue;
  }
  const d = await page.evaluate(readDom);
  dom.set(pg.path, d);
  {
    const p = [...errors];
    if (response && !response.ok()) p.push(`status ${response.status()}`);
    if (d.charset !== 'UTF-8') p.push(`decoded as ${d.charset}, not UTF-8`);
    // A browser only honours a charset declaration in the first 1024 bytes; without one a web
    // server's page may be guessed wrong even where Chromium's file:// detection gets it right.
    const head = fs.readFileSync(full).subarray(0, 1024).toString('latin1');
    if (!/<meta\s+charset\s*=\s*["']?utf-8["']?\s*\/?>/i.test(head)) p.push('no <meta charset="utf-8"> in the first 1024 bytes');
    if (!d.h1.length || !d.h1[0]) p.push('no non-empty <h1>');
    if (!nonEmpty(d.title)) p.push('empty <title>');
    check(S1, '载入', 'loads', `${pg.path} (h1 “${short(d.h1[0] || '', 40)}”)`, p);
    if (nonEmpty(d.title) && nonEmpty(pg.title) && !d.title.includes(pg.title.trim()) && !(d.h1[0] || '').includes(pg.title.trim()))
      warn(S1, '标题', 'title', pg.path, `manifest title “${short(pg.title, 40)}” is neither in <title> nor <h1>`);
  }

  // 1: the metadata block says what the manifest says.
  {
    const p = [];
    if (d.meta.length !== 1) p.push(`${d.meta.length} <dl class="meta"> blocks, expected one`);
    else if (isObj(manifest.metadata)) {
      const pairs = d.meta[0];
      const labels = pairs.map(([k]) => k);
      for (const [key, label] of META_LABELS) {
        const found = pairs.filter(([k]) => k === label);
        if (found.length === 0) p.push(`no <dt>${label}</dt>`);
        else if (found.length > 1) p.push(`<dt>${label}</dt> twice`);
        else if (found[0][1] !== metaShown(key, manifest.metadata[key]))
          p.push(`${label} shows “${found[0][1]}”, manifest metadata.${key} is “${manifest.metadata[key]}”`);
      }
      const order = labels.filter((l) => META_LABELS.some(([, x]) => x === l));
      const want = META_LABELS.map(([, x]) => x).filter((l) => order.includes(l));
      if (order.join() !== want.join()) p.push(`labels in the order ${order.join('、')}, expected ${want.join('、')}`);
    }
    check(S1, '元数据', 'metadata', `${pg.path} <dl class="meta">`, p);
  }

  // 4: no script, statically.
  {
    const p = [];
    if (d.scripts) p.push(`${d.scripts} <script> element(s)`);
    for (const h of d.handlers) p.push(`event handler ${h}`);
    for (const j of d.jsUrls) p.push(`script URL ${j}`);
    if (d.refresh) p.push('<meta http-equiv="refresh">');
    check(S4, '无脚本', 'no script', `${pg.path} (no <script>, on* attribute or javascript: URL)`, p);
  }

  // 4: the same text with JavaScript off.
  {
    const r = await load(pageNoJs, pg);
    const p = [...r.errors];
    if (!p.length) {
      const off = await pageNoJs.evaluate(() => document.body ? document.body.innerText : '');
      if (off !== d.innerText) {
        let i = 0;
        while (i < off.length && i < d.innerText.length && off[i] === d.innerText[i]) i++;
        p.push(`rendered text differs from character ${i}: with JS “${short(d.innerText.slice(i), 40)}”, without “${short(off.slice(i), 40)}”`);
      }
      if (d.noscripts) p.push(`${d.noscripts} <noscript> element(s)`);
    }
    check(S4, '无脚本渲染', 'same without JS', `${pg.path} (${d.innerText.length} characters of text)`, p);
  }

  // 5: structure the contract asks for.
  {
    check(S5, '语言', 'lang', `${pg.path} <html lang="${d.lang}">`, d.lang === 'zh-CN' ? true : `lang is ${JSON.stringify(d.lang)}, expected "zh-CN"`);
    const p = [];
    if (d.h1.length !== 1) p.push(`${d.h1.length} <h1> elements, expected exactly one`);
    if (d.headings.length && d.headings[0].level !== 1) p.push(`the first heading is <h${d.headings[0].level}> “${short(d.headings[0].text, 30)}”, not <h1>`);
    for (let i = 1; i < d.headings.length; i++) {
      const a = d.headings[i - 1], b = d.headings[i];
      if (b.level > a.level + 1) p.push(`<h${a.level}> “${short(a.text, 20)}” is followed by <h${b.level}> “${short(b.text, 20)}”`);
    }
    for (const h of d.headings) if (!h.text) p.push(`an empty <h${h.level}>`);
    check(S5, '标题层级', 'headings', `${pg.path} (${d.headings.map((h) => `h${h.level}`).join(' ')})`, p);
    const pi = [];
    for (const img of d.images) {
      if (img.alt === null || img.alt.trim() === '') pi.push(`<img src="${img.src}"> has ${img.alt === null ? 'no' : 'an empty'} alt`);
      const name = insideName(img.abs);
      if (name === null) pi.push(`<img src="${img.src}"> is outside the package`);
      // Chart images live under images/, the pack's own photos under media/.
      else if (!name.startsWith('images/') && !name.startsWith('media/')) pi.push(`<img src="${img.src}"> is not under images/ or media/`);
      else if (!img.loaded) pi.push(`<img src="${img.src}"> did not load`);
    }
    check(S5, '图片', 'images', `${pg.path} (${d.images.length} <img>)`, pi);
    const pt = [];
    for (const t of d.tables) {
      if (t.th === 0) pt.push(`table ${t.index + 1}${t.caption ? ` “${short(t.caption, 20)}”` : ''} has no <th>`);
      for (const th of t.thNoScope) pt.push(`table ${t.index + 1}: <th> “${short(th, 20)}” has no scope`);
      if (!t.caption) warn(S5, '表格', 'tables', pg.path, `table ${t.index + 1} has no <caption>`);
    }
    check(S5, '表格', 'tables', `${pg.path} (${d.tables.length} <table>)`, pt);
  }

  // 5: axe-core. It is a script injected for the test, after the no-script checks.
  {
    let results = null;
    try {
      await page.addScriptTag({ path: AXE_PATH });
      results = await page.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
      }, AXE_TAGS);
    } catch (e) {
      check(S5, '无障碍', 'axe', pg.path, `axe-core did not run: ${short(e.message, 160)}`);
    }
    if (results) {
      const bad = results.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const fmt = (v) => `${v.impact} ${v.id}: ${v.help} → ${v.targets.slice(0, 3).join(', ')}${v.targets.length > 3 ? ` (+${v.targets.length - 3} more)` : ''}`;
      check(S5, '无障碍', 'axe', `${pg.path} (${AXE_TAGS.join(', ')})`, bad.map(fmt));
      for (const v of results.filter((v) => !bad.includes(v))) warn(S5, '无障碍', 'axe', pg.path, fmt(v));
    }
  }

  // 6: responsive, at each width.
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    // Reload so that nothing of axe or the previous width stays; then let layout settle.
    visiting = pg.path;
    await page.goto(fileUrl(pg.path), { waitUntil: 'load' });
    const m = await page.evaluate((minPx) => {
      const de = document.documentElement;
      const vw = window.innerWidth;
      const wide = [];
      if (de.scrollWidth > vw + 1) {
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.right > vw + 1 && r.width > 0) {
            const p = el.parentElement && el.parentElement.getBoundingClientRect();
            if (!p || p.right <= vw + 1) wide.push(`${el.localName}${el.className ? `.${String(el.className).trim().split(/\s+/).join('.')}` : ''} (right edge ${Math.round(r.right)} px)`);
          }
          if (wide.length >= 3) break;
        }
      }
      const small = [];
      for (const el of document.body ? document.body.querySelectorAll('*') : []) {
        const direct = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '');
        if (!direct || !el.getClientRects().length) continue;
        const cs = getComputedStyle(el);
        if (cs.visibility === 'hidden' || cs.display === 'none') continue;
        const px = parseFloat(cs.fontSize);
        if (px < minPx) small.push({ px, what: `${el.localName} “${el.textContent.trim().slice(0, 16)}”` });
      }
      return {
        scrollWidth: de.scrollWidth,
        innerWidth: vw,
        bodyPx: document.body ? parseFloat(getComputedStyle(document.body).fontSize) : 0,
        wide,
        small,
      };
    }, MIN_FONT_PX);
    check(S6, '无横向溢出', 'no horizontal overflow', `${pg.path} @${width} (scrollWidth ${m.scrollWidth}, window ${m.innerWidth})`,
      m.scrollWidth <= m.innerWidth + 1 ? true : [`scrollWidth ${m.scrollWidth} > innerWidth ${m.innerWidth}`, ...m.wide.map((w) => `wider than the window: ${w}`)]);
    if (width === 375) {
      const p = [];
      if (m.bodyPx < MIN_FONT_PX) p.push(`body font-size ${m.bodyPx}px`);
      const seen = new Set();
      for (const s of m.small) {
        const k = `${s.px} ${s.what}`;
        if (seen.size < 5 && !seen.has(k)) { seen.add(k); p.push(`${s.px}px: ${s.what}`); }
      }
      if (m.small.length > 5) p.push(`… ${m.small.length} elements in all`);
      check(S6, '字号', 'font size', `${pg.path} @375 (body ${m.bodyPx}px, all text ≥ ${MIN_FONT_PX}px)`, p);
    }
    if (shotsDir) {
      fs.mkdirSync(shotsDir, { recursive: true });
      const base = pg.path.replace(/\.html$/, '').replace(/\//g, '_');
      await page.screenshot({ path: path.join(shotsDir, `${base}-${width}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: HEIGHT });
  check(S6, '视口', 'viewport meta', pg.path,
    d.viewport && /width\s*=\s*device-width/i.test(d.viewport) ? true : `no <meta name="viewport" content="width=device-width, …"> (phones would lay it out 980 px wide)`);
}

// ---------------------------------------------------------------- 2 links

/** The package-relative name an href of page `from` points at (without #fragment), or null. */
function target(from, href) {
  try {
    return insideName(withoutHash(new URL(href, fileUrl(from)).href));
  } catch {
    return null;
  }
}
const fragmentOf = (href) => (href.includes('#') ? decodeURIComponent(href.slice(href.indexOf('#') + 1)) : '');

for (const pg of pages) {
  const d = dom.get(pg.path);
  if (!d) continue;

  // The related block: present when the page has pair links, headed as the contract says.
  const pair = pg.links.filter((l) => PAIR_RELS.includes(l.rel));
  {
    const p = [];
    const want = RELATED_HEADING[pg.kind];
    if (pair.length === 0) p.push(`the manifest lists no ${pg.kind === 'policy' ? 'related_interpretation' : 'related_policy'} link`);
    if (d.related.length !== 1) p.push(`${d.related.length} <section class="related">, expected one`);
    else {
      const r = d.related[0];
      if (!r.labelledby || !r.headingTag) p.push('<section class="related"> has no aria-labelledby naming its heading');
      else if (r.headingTag !== 'h2') p.push(`its heading is <${r.headingTag}>, expected <h2>`);
      if (want && r.heading !== want) p.push(`its heading is “${r.heading}”, expected “${want}”`);
    }
    for (const a of d.anchors) if (a.dataRel && PAIR_RELS.includes(a.dataRel) && !a.inRelated) p.push(`<a data-rel="${a.dataRel}" href="${a.href}"> is outside <section class="related">`);
    check(S2, '相关区块', 'related block', `${pg.path} “${RELATED_HEADING[pg.kind] || ''}”`, p);
  }

  // Declared links, one by one: in the DOM, clickable, and linked back.
  for (const l of pair) {
    const p = [];
    const to = target(pg.path, l.href);
    const toPage = to && pageByPath.get(to);
    if (l.rel === 'related_interpretation' && pg.kind !== 'policy') p.push(`related_interpretation on a ${pg.kind} page (only the policy page has them)`);
    if (l.rel === 'related_policy' && pg.kind === 'policy') p.push('related_policy on the policy page');
    if (!toPage) p.push(`${l.href} is not a page of the manifest`);
    else if (l.rel === 'related_interpretation' && toPage.kind === 'policy') p.push(`${l.href} is a policy page`);
    else if (l.rel === 'related_policy' && toPage.kind !== 'policy') p.push(`${l.href} is a ${toPage.kind} page, not the policy`);
    const a = d.anchors.find((x) => x.dataRel === l.rel && x.href === l.href);
    if (!a) p.push(`no <a data-rel="${l.rel}" href="${l.href}"> in the page`);
    else if (!a.text) p.push(`<a href="${l.href}"> has no text`);
    if (toPage && !dom.has(to)) p.push(`${to} did not load`);
    else if (a && toPage) {
      try {
        visiting = pg.path;
        await page.goto(fileUrl(pg.path), { waitUntil: 'load' });
        const want = withoutHash(new URL(l.href, fileUrl(pg.path)).href);
        visiting = to;
        await Promise.all([
          page.waitForURL((u) => withoutHash(u.href) === want, { waitUntil: 'load' }),
          page.locator('a[href], area[href]').nth(a.index).click(),
        ]);
        const h1 = (await page.locator('h1').first().textContent({ timeout: 2000 }).catch(() => '')) || '';
        if (!h1.trim()) p.push(`after the click, ${to} shows no <h1>`);
      } catch (e) {
        p.push(`clicking it did not open ${to}: ${short(e.message.split('\n')[0], 120)}`);
      }
    }
    check(S2, '链接', 'links', `${pg.path} → ${l.href} (${l.rel})`, p);

    // The way back, in the manifest and in the target's DOM.
    if (toPage) {
      const rev = REVERSE[l.rel];
      const q = [];
      const back = (toPage.links || []).filter((x) => x.rel === rev && target(to, x.href) === pg.path);
      if (!back.length) q.push(`the manifest entry of ${to} has no ${rev} link to ${pg.path}`);
      const td = dom.get(to);
      if (!td) q.push(`${to} did not load`);
      else {
        const anchorsBack = td.anchors.filter((x) => x.dataRel === rev && target(to, x.href) === pg.path);
        if (!anchorsBack.length) q.push(`${to} has no <a data-rel="${rev}" href="…${pg.path}">`);
      }
      check(S2, '回链', 'back-link', `${to} → ${pg.path} (${rev})`, q);
    }
  }

  // Links in the DOM that the manifest does not declare.
  {
    const p = [];
    for (const a of d.anchors) {
      if (!a.dataRel) continue;
      if (!RELS.includes(a.dataRel)) p.push(`<a data-rel="${a.dataRel}" href="${a.href}">: unknown data-rel`);
      else if (!pg.links.some((l) => l.rel === a.dataRel && l.href === a.href)) p.push(`<a data-rel="${a.dataRel}" href="${a.href}"> is not in the manifest`);
    }
    for (const a of d.anchors) if (a.rel && RELS.some((r) => a.rel.split(/\s+/).includes(r))) p.push(`<a rel="${a.rel}">: the manifest rel belongs in data-rel (rel takes HTML link types)`);
    check(S2, '链接声明', 'declared links', `${pg.path} (${d.anchors.filter((a) => a.dataRel).length} data-rel links match the manifest)`, p);
  }

  // Supersession links: well-formed and listed, not followed.
  for (const l of pg.links.filter((x) => SUPERSEDE_RELS.includes(x.rel))) {
    const p = [];
    const h = l.href;
    let site = null;
    if (/^[a-z][a-z0-9+.-]*:/i.test(h)) p.push(`${h} has a scheme; expected a relative or site path`);
    else if (h.startsWith('//')) p.push(`${h} names a host; expected a relative or site path`);
    else if (/[\s\\]/.test(h)) p.push(`${h} contains white space or a backslash`);
    else {
      try {
        const u = new URL(h, `https://portal.invalid${pg.url || '/'}`);
        site = u.pathname + u.search + u.hash;
        if (u.pathname === pg.url) p.push('it points at the page itself');
        if (typeof manifest.base_path === 'string' && !u.pathname.startsWith(manifest.base_path))
          warn(S2, '替代关系', 'supersession', `${pg.path} → ${h}`, `resolves to ${u.pathname}, outside base_path ${manifest.base_path}`);
      } catch (e) {
        p.push(`${h} does not parse as a URL path`);
      }
    }
    if (!d.anchors.some((a) => a.dataRel === l.rel && a.href === h)) p.push(`no <a data-rel="${l.rel}" href="${h}"> in the page`);
    check(S2, '替代关系', 'supersession', `${pg.path} ${l.rel} ${h}${site ? ` (site path ${site}, not followed)` : ''}`, p);
  }

  // Every other link: relative ones must reach a file of the package; no outside links.
  {
    const p = [];
    let n = 0;
    for (const a of d.anchors) {
      if (a.dataRel && SUPERSEDE_RELS.includes(a.dataRel) && pg.links.some((l) => l.rel === a.dataRel && l.href === a.href)) continue;
      n++;
      const h = a.href.trim();
      if (/^(javascript|vbscript):/i.test(h.replace(/[\u0000-\u0020]/g, ''))) continue; // check 4 reports these
      if (/^(mailto|tel):/i.test(h)) continue;
      if (/^https?:/i.test(h) || h.startsWith('//')) { p.push(`<a href="${h}"> leaves the package (external link)`); continue; }
      if (/^[a-z][a-z0-9+.-]*:/i.test(h)) { p.push(`<a href="${h}">: scheme not allowed`); continue; }
      if (h.startsWith('/')) { p.push(`<a href="${h}"> is a site path: only supersedes/superseded_by links may use one`); continue; }
      if (h === '' || h.startsWith('#')) {
        const frag = fragmentOf(h);
        if (frag && !d.ids.includes(frag)) p.push(`<a href="${h}">: no element with id “${frag}” in the page`);
        continue;
      }
      const to = target(pg.path, h);
      if (to === null) { p.push(`<a href="${h}"> points outside the package`); continue; }
      const full = path.join(DIR, ...to.split('/'));
      if (!fs.existsSync(full) || !fs.statSync(full).isFile()) { p.push(`<a href="${h}">: ${to} does not exist`); continue; }
      if (!listedFiles.has(to)) p.push(`<a href="${h}">: ${to} is not in manifest.files`);
      const frag = fragmentOf(h);
      if (frag && dom.has(to) && !dom.get(to).ids.includes(frag)) p.push(`<a href="${h}">: no element with id “${frag}” in ${to}`);
    }
    check(S2, '断链', 'no broken links', `${pg.path} (${n} links)`, p);
  }
}

// ---------------------------------------------------------------- 3 outside resources

for (const pg of pages) {
  const d = dom.get(pg.path);
  if (!d) continue;
  const p = [];
  for (const u of outside.get(pg.path) || []) p.push(`request blocked: ${u}`);
  for (const r of d.outsideRefs) p.push(`names an outside resource: ${r}`);
  for (const f of d.forbidden) p.push(`not allowed: ${f}`);
  check(S3, '外部资源', 'no outside resources', `${pg.path} (every request a file:// inside the package)`, p);
}
for (const [where, urls] of outside) {
  if (!pageByPath.has(where)) check(S3, '外部资源', 'no outside resources', where || '(no page)', urls.map((u) => `request blocked: ${u}`));
}

// ---------------------------------------------------------------- 7 media

const S7 = '7';
for (const pg of pages) {
  if (!dom.has(pg.path)) continue;
  visiting = pg.path;
  await page.goto(fileUrl(pg.path), { waitUntil: 'load' });
  const results = await page.evaluate(async () => {
    const out = [];
    for (const img of document.querySelectorAll('img')) {
      if (!img.complete) await new Promise((r) => { img.onload = r; img.onerror = r; });
      const ok = img.naturalWidth > 0 ? true : 'does not decode';
      out.push({ kind: 'img', src: img.getAttribute('src'), ok, detail: `${img.naturalWidth}×${img.naturalHeight}` });
    }
    for (const m of document.querySelectorAll('video, audio')) {
      const src = m.currentSrc || m.querySelector('source')?.getAttribute('src') || m.getAttribute('src');
      const problems = [];
      if (!m.controls) problems.push('no controls');
      if (!m.closest('figure')?.querySelector('figcaption')?.textContent.trim()) problems.push('no <figcaption>');
      let detail = '';
      try {
        m.muted = true;
        await m.play();
        const t0 = m.currentTime;
        await new Promise((r) => setTimeout(r, 800));
        const t1 = m.currentTime;
        m.pause();
        if (!(t1 > t0)) problems.push(`time did not advance (${t0} → ${t1})`);
        if (m.error) problems.push(`media error ${m.error.code}: ${m.error.message}`);
        if (m.localName === 'video' && !(m.videoWidth > 0)) problems.push('no picture (videoWidth 0)');
        detail = `played ${t0.toFixed(2)} → ${t1.toFixed(2)} s of ${m.duration.toFixed(2)} s` +
          (m.localName === 'video' ? `, ${m.videoWidth}×${m.videoHeight}` : '');
      } catch (e) {
        problems.push(`${e.name}: ${e.message}${m.error ? ` (media error ${m.error.code})` : ''}`);
      }
      out.push({ kind: m.localName, src, ok: problems.length ? problems : true, detail });
    }
    return out;
  });
  for (const r of results) {
    check(S7, r.kind === 'img' ? '图片' : '播放', r.kind === 'img' ? 'decodes' : 'plays', `${pg.path} <${r.kind}> ${r.src}`, r.ok, r.detail ? [r.detail] : []);
  }
}

await browser.close();
finish();
