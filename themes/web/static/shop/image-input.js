/* Oscar's dashboard image input, without inline handlers (issue #10: the Content-Security-Policy
   refuses them). When the preview of a chosen file loads, hide its "Upload Image" button; when it
   is not an image, show the button again and say so. load/error do not bubble: listen in the
   capture phase, so images added by dashboard.js for further uploads are covered too. */
(function () {
    "use strict";
    function button(img) {
        var container = img.closest(".image-input");
        return container && container.querySelector("[id^='upload_button_']");
    }
    document.addEventListener("load", function (event) {
        var img = event.target;
        if (img.tagName === "IMG" && img.hasAttribute("data-image-error") && button(img)) {
            button(img).style.display = "none";
        }
    }, true);
    document.addEventListener("error", function (event) {
        var img = event.target;
        if (img.tagName === "IMG" && img.hasAttribute("data-image-error") && img.getAttribute("src")) {
            if (button(img)) {
                button(img).style.display = "";
            }
            window.alert(img.getAttribute("data-image-error"));
        }
    }, true);
})();
