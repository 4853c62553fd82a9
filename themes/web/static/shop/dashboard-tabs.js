/* The dashboard product page's tabs (issue #12): a required field left empty in a tab that is
   not shown (a language tab, or a section of the sidebar) would block saving without a word —
   the browser cannot point at a hidden field. When the browser finds a field invalid, show the
   tabs that hold it (outermost first) and mark its language tab, so the browser's message
   appears next to the field. "invalid" does not bubble: listen in the capture phase. */
(function () {
    "use strict";
    function showTab(pane) {
        var link = document.querySelector('[data-toggle="tab"][href="#' + pane.id + '"]');
        if (link && !pane.classList.contains("active") && window.jQuery) {
            window.jQuery(link).tab("show");
        }
        return link;
    }
    document.addEventListener("invalid", function (event) {
        var panes = [];
        var pane = event.target.closest(".tab-pane");
        while (pane) {
            panes.unshift(pane);
            pane = pane.parentElement && pane.parentElement.closest(".tab-pane");
        }
        panes.forEach(function (each) {
            var link = showTab(each);
            if (link && link.closest("#product_language_tabs")) {
                link.classList.add("text-danger");
                link.setAttribute("data-has-errors", "true");
            }
        });
    }, true);
})();

/* Each language tab's completeness badge follows what is typed: the share of the language's
   counted fields (data-completeness-language, title and description) holding a non-space
   character — the rule of shop/apps/catalogue/completeness.py. A rich-text description is read
   from its editor (TinyMCE), which writes its textarea only when the form is sent. */
(function () {
    "use strict";
    var LEVELS = ["badge-success", "badge-warning", "badge-secondary"];
    function value(field) {
        var editor = window.tinymce && field.id && window.tinymce.get(field.id);
        return editor ? editor.getContent() : field.value;
    }
    function update(language) {
        var badge = document.querySelector('[data-completeness-badge="' + language + '"]');
        var fields = document.querySelectorAll('[data-completeness-language="' + language + '"]');
        if (!badge || !fields.length) {
            return;
        }
        var filled = 0;
        fields.forEach(function (field) {
            if (/\S/.test(value(field) || "")) {
                filled += 1;
            }
        });
        var percent = Math.floor(filled * 100 / fields.length);
        badge.setAttribute("data-percent", String(percent));
        badge.textContent = badge.textContent.replace(/\d+/, String(percent));
        badge.classList.remove.apply(badge.classList, LEVELS);
        badge.classList.add(percent >= 100 ? LEVELS[0] : percent > 0 ? LEVELS[1] : LEVELS[2]);
    }
    document.addEventListener("input", function (event) {
        var language = event.target.getAttribute && event.target.getAttribute("data-completeness-language");
        if (language) {
            update(language);
        }
    });
    if (window.tinymce) {
        window.tinymce.on("AddEditor", function (event) {
            var editor = event.editor;
            editor.on("input change undo redo", function () {
                var field = document.getElementById(editor.id);
                var language = field && field.getAttribute("data-completeness-language");
                if (language) {
                    update(language);
                }
            });
        });
    }
})();
