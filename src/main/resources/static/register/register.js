// The registration page's progressive enhancement; every page works without it.
(function () {
    'use strict';

    // Start page: the link carries the token after '#', which browsers never send to a server. Move it
    // into the form, drop it from the address bar and history, and post it.
    var open = document.getElementById('open-form');
    if (open && window.location.hash.length > 1) {
        var code = document.getElementById('code');
        code.value = window.location.hash.substring(1);
        history.replaceState(null, '', window.location.pathname + window.location.search);
        document.documentElement.classList.add('opening');
        open.submit();
    }

    // The error summary takes the focus, so that a screen reader reads it first; its links move the focus
    // to their field, with the field's label in view (a bare link would only scroll).
    var summary = document.getElementById('error-summary');
    if (summary) {
        summary.focus();
        summary.addEventListener('click', function (event) {
            var link = event.target.closest('a');
            var field = link && document.getElementById(link.getAttribute('href').substring(1));
            if (field) {
                event.preventDefault();
                var label = document.querySelector('label[for="' + field.id + '"]');
                (label || field).scrollIntoView();
                field.focus({preventScroll: true});
            }
        });
    }

    // The rules under a field, checked as the person types; the server checks them again.
    var username = document.getElementById('username');
    var password = document.getElementById('password');
    function mark(rule, met) {
        if (!rule) {
            return;
        }
        rule.classList.toggle('met', met);
        var state = rule.querySelector('.rule-state');
        state.textContent = met ? state.getAttribute('data-met') : state.getAttribute('data-unmet');
    }
    function length(text) {
        return Array.from(text).length;
    }
    function check() {
        var name = username.value;
        var secret = password.value;
        var nameRule = document.querySelector('[data-rule="username"]');
        mark(nameRule, /^[A-Za-z0-9._@-]+$/.test(name)
            && name.length >= Number(nameRule.getAttribute('data-min'))
            && name.length <= Number(nameRule.getAttribute('data-max')));
        var lengthRule = document.querySelector('[data-rule="min-length"]');
        mark(lengthRule, length(secret) >= Number(lengthRule.getAttribute('data-min'))
            && length(secret) <= Number(lengthRule.getAttribute('data-max')));
        mark(document.querySelector('[data-rule="not-username"]'),
            secret.length > 0 && (name.trim() === '' || secret.toLowerCase().indexOf(name.toLowerCase()) < 0));
    }
    if (username && password) {
        username.addEventListener('input', check);
        password.addEventListener('input', check);
        check();

        var toggle = document.getElementById('show-password');
        var show = toggle.textContent;
        var hide = toggle.getAttribute('data-hide');
        toggle.hidden = false;
        toggle.addEventListener('click', function () {
            var visible = password.type === 'password';
            password.type = visible ? 'text' : 'password';
            toggle.textContent = visible ? hide : show;
        });
    }
}());
