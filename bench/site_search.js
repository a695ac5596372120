// Search libraries against the site's own index (docs/site.md, "Search"): index size, load and query time.
// In a scratch folder: npm install minisearch@7 lunr@2; then
// from that folder: NODE_PATH=node_modules node REPO/bench/site_search.js PAGES.json SITE/search-index.js
//   SITE/search.js   (PAGES.json from bench/site_search_docs.py; SITE from crosswalk site)
const fs = require("fs"), zlib = require("zlib");
const MiniSearch = require("minisearch"), lunr = require("lunr");
const docs = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).map((d, i) => ({ id: i, ...d }));
const queries = ["coach", "personalized learning", "family engagement", "equity", "data", "vision culture"];
function median(xs) { xs.sort((a, b) => a - b); return xs[xs.length >> 1]; }
function time(f) { const t = []; for (let r = 0; r < 15; r++) { const s = process.hrtime.bigint(); f(); t.push(Number(process.hrtime.bigint() - s) / 1e6); } return median(t); }
const gz = (s) => zlib.gzipSync(Buffer.from(s)).length;
const out = {};
// minisearch
let t0 = Date.now();
const ms = new MiniSearch({ fields: ["title", "kind", "text"], storeFields: ["path", "title", "kind"] });
ms.addAll(docs);
const msJson = JSON.stringify(ms);
out.minisearch = { build_ms: Date.now() - t0, bytes: msJson.length, gzip: gz(msJson),
  load_ms: time(() => MiniSearch.loadJSON(msJson, { fields: ["title", "kind", "text"], storeFields: ["path", "title", "kind"] })),
  query_ms: median(queries.map((q) => time(() => ms.search(q, { prefix: true, combineWith: "AND" })))),
  lib_bytes: fs.statSync("node_modules/minisearch/dist/umd/index.js").size };
// lunr
t0 = Date.now();
const li = lunr(function () { this.ref("id"); this.field("title"); this.field("text"); docs.forEach((d) => this.add(d), this); });
const lunrJson = JSON.stringify(li);
out.lunr = { build_ms: Date.now() - t0, bytes: lunrJson.length, gzip: gz(lunrJson),
  load_ms: time(() => lunr.Index.load(JSON.parse(lunrJson))),
  query_ms: median(queries.map((q) => time(() => li.search(q.split(" ").map((w) => "+" + w + "*").join(" "))))),
  lib_bytes: fs.statSync("node_modules/lunr/lunr.min.js").size };
// ours
const own = fs.readFileSync(process.argv[3], "utf8");
const sandbox = {}; new Function("window", own)(sandbox);
const index = sandbox.CROSSWALK_SEARCH;
function words(text) { return (text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").match(/[\p{L}\p{N}]{2,}/gu) || []); }
function lower(list, w) { let lo = 0, hi = list.length; while (lo < hi) { const m = (lo + hi) >> 1; if (list[m] < w) lo = m + 1; else hi = m; } return lo; }
function find(q) { let found = null; for (const w of words(q)) { const hits = new Set(); for (let i = lower(index.words, w); i < index.words.length && index.words[i].startsWith(w); i++) for (const d of index.hits[i]) hits.add(d); found = found === null ? hits : new Set([...found].filter((d) => hits.has(d))); } return found ? [...found] : []; }
out.own = { bytes: own.length, gzip: gz(own), load_ms: time(() => new Function("window", own)({})),
  query_ms: median(queries.map((q) => time(() => find(q)))), lib_bytes: fs.statSync(process.argv[4]).size };
out.results = Object.fromEntries(queries.map((q) => [q, { own: find(q).length, minisearch: ms.search(q, { prefix: true, combineWith: "AND" }).length }]));
console.log(JSON.stringify(out, null, 1));
