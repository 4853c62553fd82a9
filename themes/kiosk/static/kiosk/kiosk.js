/* Kiosk behaviour (issue #14): idle countdown and reset, barcode scanner, attract loop,
   service worker. Values come from data-* attributes (#kiosk-config, #kiosk-attract). */
(function () {
    "use strict";

    var config = document.getElementById("kiosk-config");
    var data = config ? config.dataset : {};

    // --- Service worker: the offline page (root scope, kiosk only) ---------------------------
    if (data.serviceWorkerUrl && "serviceWorker" in navigator) {
        navigator.serviceWorker.register(data.serviceWorkerUrl, { scope: "/" }).catch(function () {});
    }

    // --- Attract loop ----------------------------------------------------------------------
    var attract = document.getElementById("kiosk-attract");
    if (attract) {
        var slides = attract.querySelectorAll(".kiosk-slide");
        var current = 0;
        var seconds = parseFloat(attract.dataset.slideSeconds || "6");
        if (slides.length > 1) {
            window.setInterval(function () {
                slides[current].classList.remove("is-active");
                current = (current + 1) % slides.length;
                slides[current].classList.add("is-active");
            }, seconds * 1000);
        }
        attract.addEventListener("click", function (event) {
            if (event.target.closest("a")) {
                return; // a language button or the start link: follow it
            }
            window.location.href = attract.dataset.startUrl;
        });
        return;
    }

    // --- Idle countdown, then the server-side reset --------------------------------------------
    var idleSeconds = parseFloat(data.idleSeconds || "60");
    var countdownSeconds = parseInt(data.countdownSeconds || "15", 10);
    var overlay = document.getElementById("kiosk-countdown");
    var number = document.getElementById("kiosk-countdown-seconds");
    var resetForm = document.getElementById("kiosk-reset-form");
    var idleTimer = null;
    var tick = null;
    var left = 0;

    function startOver() {
        Array.prototype.forEach.call(document.forms, function (form) {
            if (form !== resetForm) {
                form.reset();
            }
        });
        resetForm.submit();
    }

    function showCountdown() {
        left = countdownSeconds;
        number.textContent = String(left);
        overlay.hidden = false;
        tick = window.setInterval(function () {
            left -= 1;
            number.textContent = String(Math.max(left, 0));
            if (left <= 0) {
                window.clearInterval(tick);
                startOver();
            }
        }, 1000);
    }

    function activity() {
        if (tick !== null) {
            window.clearInterval(tick);
            tick = null;
            overlay.hidden = true;
        }
        window.clearTimeout(idleTimer);
        idleTimer = window.setTimeout(showCountdown, idleSeconds * 1000);
    }

    if (resetForm && overlay) {
        ["pointerdown", "touchstart", "keydown", "wheel", "input"].forEach(function (name) {
            document.addEventListener(name, activity, { capture: true, passive: true });
        });
        document.getElementById("kiosk-countdown-continue").addEventListener("click", activity);
        resetForm.addEventListener("submit", function () {
            Array.prototype.forEach.call(document.forms, function (form) {
                if (form !== resetForm) {
                    form.reset();
                }
            });
        });
        activity();
    }

    // --- Barcode scanner as keyboard: digits typed fast, then Enter ---------------------------
    // A scanner types a whole code in a burst (a few ms a key); a person needs well over
    // MAX_AVERAGE ms a key, so typing digits into a field is never taken for a scan. A scan
    // typed into a field is removed from it again.
    var MAX_AVERAGE = 50;
    var RUN_BREAK = 500;
    var MIN_DIGITS = 8;
    var MAX_DIGITS = 14;
    var digits = "";
    var times = [];
    var field = null;
    var fieldValue = null;

    document.addEventListener("keydown", function (event) {
        var now = window.performance.now();
        if (/^[0-9]$/.test(event.key)) {
            if (times.length && now - times[times.length - 1] > RUN_BREAK) {
                digits = "";
                times = [];
            }
            if (!times.length) {
                field = event.target && "value" in event.target ? event.target : null;
                fieldValue = field ? field.value : null;
            }
            digits += event.key;
            times.push(now);
            return;
        }
        var n = digits.length;
        if (event.key === "Enter" && n >= MIN_DIGITS && n <= MAX_DIGITS && data.scanUrl
                && (times[n - 1] - times[0]) / (n - 1) <= MAX_AVERAGE
                && now - times[n - 1] <= RUN_BREAK) {
            event.preventDefault();
            event.stopPropagation();
            if (field !== null) {
                field.value = fieldValue;
            }
            window.location.href = data.scanUrl + "?code=" + encodeURIComponent(digits);
        }
        digits = "";
        times = [];
    }, true);
})();
