/* Listing filters (issue #13): a ticked checkbox or radio button in a form[data-autosubmit]
   submits it at once, so the "Apply filters" button is only needed without JavaScript. */
(function () {
    "use strict";
    function init() {
        document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
            form.classList.add("autosubmit");
            form.addEventListener("change", function (event) {
                if (event.target.matches("input[type=checkbox], input[type=radio]")) {
                    form.submit();
                }
            });
        });
    }
    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
