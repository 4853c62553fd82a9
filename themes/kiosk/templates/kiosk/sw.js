{% autoescape off %}/* The kiosk's service worker (issue #14): keeps the offline page; when the server cannot be
   reached, a page load shows it instead of the browser's error, and the offline page retries by
   itself. Nothing else is cached: no shopper's page is ever kept. */
"use strict";
const CACHE = {{ version }};
const OFFLINE_URLS = {{ offline_urls }};
const ASSETS = {{ assets }};

self.addEventListener("install", (event) => {
    event.waitUntil(
        caches.open(CACHE)
            .then((cache) => cache.addAll([...OFFLINE_URLS, ...ASSETS]))
            .then(() => self.skipWaiting())
    );
});

self.addEventListener("activate", (event) => {
    event.waitUntil(
        caches.keys()
            .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
            .then(() => self.clients.claim())
    );
});

function offlinePageFor(url) {
    const path = new URL(url).pathname;
    return OFFLINE_URLS.find((page) => path.startsWith(page.split("/").slice(0, 2).join("/") + "/")) || OFFLINE_URLS[0];
}

self.addEventListener("fetch", (event) => {
    const request = event.request;
    if (request.method !== "GET") {
        return;
    }
    if (request.mode === "navigate") {
        event.respondWith(
            fetch(request).catch(() => caches.open(CACHE).then((cache) => cache.match(offlinePageFor(request.url))))
        );
        return;
    }
    if (ASSETS.includes(new URL(request.url).pathname)) {
        event.respondWith(fetch(request).catch(() => caches.match(request)));
    }
});
{% endautoescape %}
