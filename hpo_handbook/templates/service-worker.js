/* The handbook's service worker: readable offline after one visit.
 *
 * Written into the built site as sw.js by hpo_handbook/offline_cache.py, which fills in the list of files below
 * (every page, style, script, font and image the site needs, and the search index, each with a hash of its
 * content, so that search works offline from the first visit, on the pages of the same edition): edit this
 * template, not the copy in the site. A new build changes this file whenever any listed file changed, so the
 * browser installs the new worker, which fetches only the files whose hash is new; the page tells the reader a
 * new edition is ready and switches on request (overrides/partials/offline-app.html). Until then the worker keeps
 * serving the edition it installed, all of one build, never a mix.
 */
"use strict";

const SCOPE = "__HB_SCOPE__";            // hpo-handbook@<hash of site_url and office name>: this handbook only
const PRECACHE = SCOPE + ":precache";
const FILES = __HB_FILES__;               // [path from this file's folder, content hash]

const BASE = new URL("./", self.location.href);
const keyOf = (path, hash) => new URL(path, BASE).href + "?hb=" + hash;
const KEYS = new Map(FILES.map(([path, hash]) => [new URL(path, BASE).href, keyOf(path, hash)]));

/* The address a request is kept under: no query or fragment, and a folder's index.html as the folder. */
function normalise(url) {
  const u = new URL(url);
  u.search = "";
  u.hash = "";
  if (u.pathname.endsWith("/index.html")) u.pathname = u.pathname.slice(0, -"index.html".length);
  return u.href;
}

/* A redirected response cannot answer a navigation: keep its body and headers only. */
async function plain(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText,
                                                headers: response.headers });
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(PRECACHE);
    const have = new Set((await cache.keys()).map((r) => r.url));
    const wanted = FILES.filter(([path, hash]) => !have.has(keyOf(path, hash)));
    // A few at a time, bypassing the HTTP cache (a file of this build, not an older copy); one failure fails
    // the install, and the browser tries again later, so a half-fetched edition is never used.
    let next = 0;
    async function worker() {
      while (next < wanted.length) {
        const [path, hash] = wanted[next++];
        const response = await fetch(new URL(path, BASE).href, { cache: "reload", credentials: "same-origin" });
        if (!response.ok) throw new Error(path + ": " + response.status);
        await cache.put(keyOf(path, hash), await plain(response));
      }
    }
    await Promise.all([1, 2, 3, 4, 5, 6].map(worker));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    // Only this handbook's caches, only what this edition no longer lists (and the ":search" cache of earlier
    // editions, which kept the index only once the reader had searched online).
    const keep = new Set(KEYS.values());
    const cache = await caches.open(PRECACHE);
    await Promise.all((await cache.keys()).filter((r) => !keep.has(r.url)).map((r) => cache.delete(r)));
    await Promise.all((await caches.keys()).filter((n) => n.startsWith(SCOPE + ":") && n !== PRECACHE)
      .map((n) => caches.delete(n)));
    await self.clients.claim();  // the first visit's page too
  })());
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "hb-activate") self.skipWaiting();
});

async function fromPrecache(request, key) {
  const cached = await (await caches.open(PRECACHE)).match(key);
  return cached || fetch(request);
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(BASE.href)) return;
  const url = normalise(request.url);
  const key = KEYS.get(url);
  if (key) event.respondWith(fromPrecache(request, key));
  // Anything else (pdf/, download/, calendar files, other pages' assets) goes to the network as without a worker.
});
