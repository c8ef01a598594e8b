// A profile page: draw its two figures from the page's JSON data block, copy a fact with its source, print the
// brief. Loaded from this host (the CSP allows no inline script); plotly.js is the explorer's own bundle.
(function () {
  "use strict";

  function absolute(link) {
    return new URL(link, window.location.href).href;  // the page's own address when no public address is set
  }

  function fillAddresses() {
    document.querySelectorAll("[data-address]").forEach(function (el) {
      var path = window.location.pathname;
      if (el.textContent.indexOf(path) >= 0 && el.textContent.indexOf("://") < 0) {
        el.textContent = el.textContent.replace(path, absolute(path));
      }
    });
  }

  function drawFigures() {
    var block = document.getElementById("profile-figures-data");
    if (!block || !window.Plotly) { return Promise.resolve(); }
    var figures = JSON.parse(block.textContent);
    // topojsonURL: our own copy (plotly.js would fetch its world outline from a CDN: offline the map would draw nothing).
    var config = {displayModeBar: false, responsive: false, scrollZoom: false, topojsonURL: "/assets/topojson/"};
    return Promise.all([
      window.Plotly.newPlot("profile-map", figures.map.data, figures.map.layout, config),
      window.Plotly.newPlot("profile-chart", figures.chart.data, figures.chart.layout, config)
    ]);
  }

  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");  // older browsers and plain http: a selection copied by hand
    area.value = text;
    document.body.appendChild(area);
    area.select();
    document.execCommand("copy");
    area.remove();
    return Promise.resolve();
  }

  function onCopy(event) {
    var button = event.currentTarget;
    var text = button.dataset.copy + "\n" + absolute(button.dataset.link);
    var label = button.textContent;
    var status = document.getElementById("copy-status");
    copyText(text).then(function () {
      button.textContent = button.dataset.done || label;
      if (status) { status.textContent = button.textContent; }
      window.setTimeout(function () { button.textContent = label; }, 2000);
    });
  }

  function ready() {
    fillAddresses();
    document.querySelectorAll(".copy-fact").forEach(function (button) {
      button.dataset.done = document.body.dataset.copied || "";
      button.addEventListener("click", onCopy);
    });
    var print = document.getElementById("print-brief");
    if (print) { print.addEventListener("click", function () { window.print(); }); }
    drawFigures().then(function () { document.body.dataset.ready = "1"; });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
}());
