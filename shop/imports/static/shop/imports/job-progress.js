// The import job page's progress (issue #12): polls the job's JSON endpoint and reloads the page
// when the job has finished. A static file, no inline script (Content-Security-Policy).
(function () {
    "use strict";
    var box = document.getElementById("job_progress");
    if (!box) {
        return;
    }
    var bar = box.querySelector("[data-progress-bar]");
    var url = box.getAttribute("data-progress-url");

    function show(percent, processed, total) {
        bar.style.width = percent + "%";
        bar.textContent = total ? processed + " / " + total + " (" + percent + " %)" : percent + " %";
        bar.parentNode.setAttribute("aria-valuenow", String(percent));
    }

    show(parseInt(bar.getAttribute("data-width"), 10) || 0);

    function poll() {
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (response) { return response.json(); })
            .then(function (data) {
                show(data.percent, data.processed_rows, data.total_rows);
                if (data.finished) {
                    window.location.reload();
                } else {
                    window.setTimeout(poll, 2000);
                }
            })
            .catch(function () { window.setTimeout(poll, 5000); });
    }

    window.setTimeout(poll, 1000);
})();
