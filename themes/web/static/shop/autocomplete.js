/* Search box autocomplete (issue #13). For every input[data-suggest-url]: as the shopper types,
   after a short pause, ask the suggest endpoint and list products and brands in the listbox named
   by aria-controls. While an IME composes (Chinese pinyin, Japanese kana, Korean jamo) the text
   is not final: wait for compositionend. Arrow keys move, Enter follows, Escape closes.
   No inline script (CSP); entries are built with textContent, never innerHTML. */
(function () {
    "use strict";
    var DELAY = 180;

    function setup(input) {
        var list = document.getElementById(input.getAttribute("aria-controls"));
        if (!list) { return; }
        var url = input.getAttribute("data-suggest-url");
        var brandLabel = input.getAttribute("data-brand-label") || "";
        var timer = null, controller = null, active = -1, lastAsked = null, composing = false;

        function items() { return list.querySelectorAll("[role=option]"); }

        function close() {
            list.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            var options = items();
            if (!options.length) { return; }
            active = (index + options.length) % options.length;
            options.forEach(function (option, i) {
                option.classList.toggle("active", i === active);
                option.setAttribute("aria-selected", i === active ? "true" : "false");
            });
            input.setAttribute("aria-activedescendant", options[active].id);
        }

        function render(suggestions) {
            list.textContent = "";
            suggestions.forEach(function (entry, i) {
                var li = document.createElement("li");
                li.setAttribute("role", "option");
                li.id = list.id + "-" + i;
                var link = document.createElement("a");
                link.href = entry.url;
                link.tabIndex = -1;
                link.textContent = entry.text;
                if (entry.kind === "brand" && brandLabel) {
                    var kind = document.createElement("span");
                    kind.className = "suggestion-kind";
                    kind.textContent = brandLabel;
                    link.appendChild(kind);
                }
                li.appendChild(link);
                list.appendChild(li);
            });
            active = -1;
            if (suggestions.length) {
                list.hidden = false;
                input.setAttribute("aria-expanded", "true");
            } else {
                close();
            }
        }

        function ask() {
            var text = input.value.trim();
            if (text === lastAsked) { return; }
            lastAsked = text;
            if (!text) { render([]); return; }
            if (controller) { controller.abort(); }
            controller = typeof AbortController === "function" ? new AbortController() : null;
            fetch(url + "?q=" + encodeURIComponent(text), {
                headers: { "Accept": "application/json" },
                credentials: "same-origin",
                signal: controller ? controller.signal : undefined
            }).then(function (response) {
                return response.ok ? response.json() : { suggestions: [] };
            }).then(function (data) {
                if (input.value.trim() === text) { render(data.suggestions || []); }
            }).catch(function () { /* aborted or offline: keep the box usable */ });
        }

        function later() {
            clearTimeout(timer);
            timer = setTimeout(ask, DELAY);
        }

        input.addEventListener("compositionstart", function () { composing = true; });
        input.addEventListener("compositionend", function () { composing = false; later(); });
        input.addEventListener("input", function (event) {
            if (composing || event.isComposing) { return; }
            later();
        });
        input.addEventListener("keydown", function (event) {
            if (event.isComposing || composing) { return; }
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                if (list.hidden) { return; }
                event.preventDefault();
                highlight(active + (event.key === "ArrowDown" ? 1 : -1));
            } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
                event.preventDefault();
                window.location.href = items()[active].querySelector("a").href;
            } else if (event.key === "Escape") {
                close();
            }
        });
        input.addEventListener("blur", function () { setTimeout(close, 150); });
        input.addEventListener("focus", function () { if (items().length && input.value.trim()) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } });
        // a click on an entry must not blur the input before the link is followed
        list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    }

    function init() {
        document.querySelectorAll("input[data-suggest-url]").forEach(setup);
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
