/* The kiosk's offline page (issue #14): try the server again every few seconds and reload the
   page the kiosk wanted as soon as it answers. */
(function () {
    "use strict";
    var page = document.getElementById("kiosk-offline");
    var seconds = parseFloat(page.dataset.retrySeconds || "5");
    function retry() {
        window.fetch(page.dataset.pingUrl, { cache: "no-store", credentials: "same-origin" })
            .then(function (response) {
                if (response.ok) {
                    window.location.reload();
                } else {
                    window.setTimeout(retry, seconds * 1000);
                }
            })
            .catch(function () {
                window.setTimeout(retry, seconds * 1000);
            });
    }
    window.setTimeout(retry, seconds * 1000);
})();
