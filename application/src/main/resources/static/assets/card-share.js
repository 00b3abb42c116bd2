// A card's public page: "Copy link" copies the link and counts the share without leaving the page. Without this
// script the form still counts the share (it answers 204, so the page stays) and the link can be selected by hand.
(function () {
    'use strict';

    function selectLink(field) {
        field.focus();
        field.select();
        try {
            return document.execCommand('copy');
        } catch (e) {
            return false;
        }
    }

    document.addEventListener('DOMContentLoaded', function () {
        var form = document.getElementById('copy-link');
        var field = document.getElementById('card-link');
        var status = document.getElementById('copy-status');
        if (!form || !field || !status) {
            return;
        }
        form.addEventListener('submit', function (event) {
            event.preventDefault();
            var copied = navigator.clipboard && window.isSecureContext
                ? navigator.clipboard.writeText(field.value).then(function () {
                    return true;
                }, function () {
                    return selectLink(field);
                })
                : Promise.resolve(selectLink(field));
            copied.then(function (ok) {
                status.textContent = ok ? form.dataset.copied : form.dataset.failed;
                if (!ok) {
                    field.focus();
                    field.select();
                }
            });
            // the share counts whether the copy worked or the visitor copies by hand
            fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form)),
                credentials: 'same-origin'});
        });
    });
})();
