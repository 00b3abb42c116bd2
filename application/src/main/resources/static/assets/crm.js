// The dashboard's only script: CSRF tokens on htmx requests, and charts drawn from the data in their canvas.
(function () {
    'use strict';

    function meta(name) {
        var element = document.querySelector('meta[name="' + name + '"]');
        return element ? element.getAttribute('content') : null;
    }

    document.addEventListener('htmx:configRequest', function (event) {
        var header = meta('csrf-header');
        var token = meta('csrf-token');
        if (header && token) {
            event.detail.headers[header] = token;
        }
    });

    var palette = ['#1e88e5', '#43a047', '#fb8c00', '#8e24aa', '#e53935', '#00897b', '#6d4c41', '#546e7a'];

    function draw(canvas) {
        if (canvas.dataset.drawn || typeof Chart === 'undefined') {
            return;
        }
        var data = JSON.parse(canvas.dataset.chart);
        canvas.dataset.drawn = 'true';
        new Chart(canvas, {
            type: data.type,
            data: {
                labels: data.labels,
                datasets: data.series.map(function (series, i) {
                    var color = palette[i % palette.length];
                    return {label: series.label, data: series.values, borderColor: color,
                        backgroundColor: data.type === 'line' ? color : color + 'cc', tension: 0.2};
                })
            },
            options: {
                animation: false,
                responsive: true,
                interaction: {mode: 'index', intersect: false},
                plugins: {tooltip: {enabled: true}, legend: {display: data.series.length > 1}},
                scales: data.type === 'pie' || data.type === 'doughnut' ? {} : {y: {beginAtZero: true, ticks: {precision: 0}}}
            }
        });
    }

    function drawAll(root) {
        (root || document).querySelectorAll('canvas[data-chart]').forEach(draw);
    }

    document.addEventListener('DOMContentLoaded', function () {
        drawAll(document);
    });
    document.addEventListener('htmx:load', function (event) {
        drawAll(event.target);
    });

    // A transcript opens at its newest message, and stays there as new ones arrive
    function toBottom(root) {
        var transcript = (root && root.id === 'transcript') ? root : document.getElementById('transcript');
        if (transcript) {
            transcript.scrollTop = transcript.scrollHeight;
        }
    }
    var shown = -1;
    function newMessages() {
        var transcript = document.getElementById('transcript');
        if (transcript && transcript.childElementCount !== shown) {
            shown = transcript.childElementCount;
            toBottom(transcript);
        }
    }
    document.addEventListener('DOMContentLoaded', newMessages);
    document.addEventListener('htmx:afterSettle', newMessages);

    // Buttons that add a step to a list typed one per line, once:
    // <button type="button" data-append-step="elevate:hook" data-target="funnel-steps-input">
    document.addEventListener('click', function (event) {
        var button = event.target.closest ? event.target.closest('[data-append-step]') : null;
        var field = button ? document.getElementById(button.dataset.target) : null;
        if (!field) {
            return;
        }
        var lines = field.value.split(/[\r\n,]+/).map(function (line) {
            return line.trim();
        }).filter(function (line) {
            return line.length > 0;
        });
        if (lines.indexOf(button.dataset.appendStep) < 0) {
            lines.push(button.dataset.appendStep);
        }
        field.value = lines.join('\n');
        field.focus();
    });

    // Buttons that ask before acting: <button data-confirm="Are you sure?">
    document.addEventListener('submit', function (event) {
        var button = event.submitter;
        if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
            event.preventDefault();
        }
    }, true);
})();
