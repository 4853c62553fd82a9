// The kiosk's hand-off screen (issue #14): poll the hand-off's status; once the phone opened
// the link, submit the "done" form, which resets the kiosk for the next shopper. A code that
// expired or was closed reloads the page, which then says so. No inline script (CSP).
(function () {
  "use strict";
  var box = document.getElementById("handoff");
  var form = document.getElementById("handoff-done-form");
  if (!box || !form || box.getAttribute("data-handoff-status") !== "pending") {
    return;
  }
  var url = box.getAttribute("data-handoff-status-url");
  var every = parseInt(box.getAttribute("data-handoff-poll-ms"), 10) || 2000;

  function later() {
    window.setTimeout(check, every);
  }

  function check() {
    window
      .fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && data.status === "opened") {
          form.submit();
        } else if (data && (data.status === "expired" || data.status === "closed")) {
          window.location.reload();
        } else {
          later();
        }
      })
      .catch(later);
  }

  later();
})();
