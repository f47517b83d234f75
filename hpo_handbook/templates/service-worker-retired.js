/* sw.js of the live preview (`mkdocs serve`), written by hpo_handbook/offline_cache.py.
 *
 * A browser that once opened a built handbook at this address still has its worker, which would keep serving the
 * cached pages instead of the preview. Asked for an update, it gets this file instead: it deletes the caches that
 * served this folder (a handbook's caches whose files lie under this worker's scope, no one else's), unregisters,
 * and reloads the open pages from the server.
 */
"use strict";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const scope = self.registration.scope;
    const names = (await caches.keys()).filter((n) => /^hpo-handbook@[0-9a-f]+:/.test(n));
    const retired = new Set();  // handbooks whose precached files all lie in this folder
    for (const name of names.filter((n) => n.endsWith(":precache"))) {
      const keys = await (await caches.open(name)).keys();
      if (keys.length && keys.every((r) => r.url.startsWith(scope))) retired.add(name.split(":")[0]);
    }
    await Promise.all(names.filter((n) => retired.has(n.split(":")[0])).map((n) => caches.delete(n)));
    await self.registration.unregister();
    for (const client of await self.clients.matchAll({ type: "window" })) client.navigate(client.url);
  })());
});
