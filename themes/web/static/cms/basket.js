/* Add to basket without leaving a CMS page (issue #11).
 *
 * Product cards inside [data-inline-basket] keep Oscar's normal add-to-basket form (it works
 * without JavaScript). With JavaScript the form is sent with fetch; Oscar answers with a redirect
 * back to this page, whose fresh copy carries the updated mini basket and Oscar's translated
 * confirmation message. Both are copied into the current page. No inline code (CSP).
 */
(function () {
    "use strict";

    function statusFor(form) {
        var status = form.parentNode.querySelector(".cms-basket-status");
        if (!status) {
            status = document.createElement("p");
            status.className = "cms-basket-status small mt-2";
            status.setAttribute("role", "status");
            status.setAttribute("aria-live", "polite");
            form.parentNode.appendChild(status);
        }
        return status;
    }

    function refreshMiniBasket(doc) {
        document.querySelectorAll(".basket-mini, [data-basket-count]").forEach(function (node) {
            var selector = node.hasAttribute("data-basket-count") ? "[data-basket-count]" : ".basket-mini";
            var fresh = doc.querySelector(selector);
            if (fresh) {
                node.innerHTML = fresh.innerHTML;
            }
        });
    }

    function serverMessage(doc) {
        // Oscar's alert_messages partial: the success message for the line just added.
        var alert = doc.querySelector(".alert-success .alertinner, .alert-success");
        return alert ? alert.textContent.replace(/\s+/g, " ").trim() : "";
    }

    function onSubmit(event) {
        var form = event.target;
        var box = form.closest("[data-inline-basket]");
        if (!box || !form.matches("form[action*='/basket/add/']") || !window.fetch) {
            return;
        }
        event.preventDefault();
        var button = form.querySelector("[type=submit]");
        var status = statusFor(form);
        // Oscar's ui.js swaps the label for data-loading-text and disables the button after a
        // click (it expects the page to go away): remember the label to put it back.
        var label = button ? button.innerHTML : "";
        if (button) {
            button.disabled = true;
        }
        fetch(form.action, {
            method: "POST",
            body: new FormData(form),
            credentials: "same-origin",
            headers: {"X-Requested-With": "fetch"}
        })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.text();
            })
            .then(function (html) {
                var doc = new DOMParser().parseFromString(html, "text/html");
                var error = doc.querySelector(".alert-danger, .alert-error");
                if (error) {
                    status.className = "cms-basket-status small mt-2 text-danger";
                    status.textContent = error.textContent.replace(/\s+/g, " ").trim() || box.dataset.errorText;
                    return;
                }
                refreshMiniBasket(doc);
                status.className = "cms-basket-status small mt-2 text-success";
                status.textContent = box.dataset.addedText || serverMessage(doc);
            })
            .catch(function () {
                status.className = "cms-basket-status small mt-2 text-danger";
                status.textContent = box.dataset.errorText;
            })
            .then(function () {
                if (button) {
                    button.innerHTML = label;
                    button.disabled = false;
                    button.removeAttribute("disabled");
                    button.classList.remove("disabled");
                }
            });
    }

    document.addEventListener("submit", onSubmit);
})();
