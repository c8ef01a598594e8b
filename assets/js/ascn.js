/* Keyboard steps through presentation scenes, and chart exports that carry their source. */
(function () {
  "use strict";

  // Presentation: arrows step through scenes, Escape leaves (only in presentation mode, never while typing).
  document.addEventListener("keydown", function (event) {
    const root = document.getElementById("root");
    if (!root || !root.classList.contains("mode-present")) { return; }
    const tag = (event.target && event.target.tagName) || "";
    if (["INPUT", "TEXTAREA", "SELECT"].includes(tag) || event.altKey || event.ctrlKey || event.metaKey) { return; }
    const target = { ArrowRight: "scene-next", PageDown: "scene-next", ArrowLeft: "scene-prev", PageUp: "scene-prev",
                     Escape: "scene-exit" }[event.key];
    const link = target && document.getElementById(target);
    if (link) { event.preventDefault(); link.click(); }
  });

  function slug(text) {
    return (text || "chart").toLowerCase().replace(/<[^>]*>/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
  }

  // Plotly reads a title as a little HTML and never wraps it: escape the text and break it into lines that fit
  // ``width`` pixels at ``size`` (a cut title would drop the filters it names from the image).
  window.ascnTitleLines = function (text, width, size) {
    const perLine = Math.max(20, Math.floor(width / (size * 0.6)));
    const lines = [];
    let line = "";
    text.split(/\s+/).filter(Boolean).forEach(function (word) {
      if (line && (line + " " + word).length > perLine) { lines.push(line); line = word; } else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines.map(l => l.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
  };

  // The figure as exported: the on-screen one plus its legend, and for the map a title and source line.
  window.ascnExportFigure = function (graphId) {
    const gd = document.querySelector("#" + graphId + " .js-plotly-plot");
    if (!gd) { return null; }
    const layout = JSON.parse(JSON.stringify(gd.layout));
    const data = JSON.parse(JSON.stringify(gd.data));
    const summary = document.getElementById("summary");
    if (graphId !== "map") { layout.title = Object.assign({}, layout.title, { pad: Object.assign({}, (layout.title || {}).pad, { l: 12 }) }); }
    let extra = 0;  // height the title's further lines add
    if (graphId === "map") {
      // A fixed frame the shape of the map's view (lon 91..129, lat -11.5..24.5, mercator): no blank side margins.
      const width = 900, inner = width - 20;
      const merc = lat => Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)) * 180 / Math.PI;
      const mapHeight = Math.round(inner * (merc(24.5) - merc(-11.5)) / 38);
      const lines = window.ascnTitleLines("ASCN cities: " + (summary ? summary.textContent : ""), width - 30, 16);
      extra = 22 * (lines.length - 1);
      layout.title = { text: lines.join("<br>"), x: 0, xanchor: "left", yref: "container", y: 1, yanchor: "top",
                       pad: { t: lines.length > 1 ? 20 : 12, l: 12 }, font: { size: 16 } };
      layout.margin = { l: 10, r: 10, t: 50 + extra, b: 40 };
      layout.annotations = (layout.annotations || []).concat([{
        text: "Source: Martinus (2020), ISEAS Perspective 2020/32, Table 2. Map: Natural Earth.",
        xref: "paper", yref: "paper", x: 1, y: 0, yshift: -34, xanchor: "right", yanchor: "bottom", showarrow: false,
        font: { size: 11, color: "#595959" } }]);
      // Every city named, as placed for this view by the figure builder.
      const labels = data[3];
      if (labels && labels.meta && labels.meta.every) {
        labels.text = labels.meta.every.text;
        labels.textposition = labels.meta.every.textposition;
        labels.marker = Object.assign({}, labels.marker, labels.meta.every.marker);
        labels.textfont = Object.assign({}, labels.textfont, { size: 13 });
      }
      data.splice(2, 1, { type: "scattergeo", lat: [], lon: [] });  // table highlight rings are not part of the picture
      return { data: data, layout: Object.assign(layout, { paper_bgcolor: "white", autosize: false }),
               config: { topojsonURL: "/assets/topojson/" }, width: width, height: mapHeight + 90 + extra };
    } else {
      const legendItems = data.filter(t => t.showlegend !== false && t.name).length;
      layout.showlegend = legendItems > 1;
      layout.legend = { orientation: "h", x: 0, y: -0.25, yanchor: "top" };
      layout.margin = Object.assign({}, layout.margin, { b: 150 });
      (layout.annotations || []).forEach(a => { if ((a.text || "").startsWith("Source")) { a.yshift = -140; } });
    }
    layout.paper_bgcolor = "white";
    // d3-geo fetches its world topojson again for the image: point it at our own copy.
    return { data: data, layout: layout, config: { topojsonURL: "/assets/topojson/" },
             width: gd._fullLayout.width, height: gd._fullLayout.height + 90 + extra };
  };

  window.ascnExport = function (graphId, format) {
    const fig = window.ascnExportFigure(graphId);
    if (!fig || !window.Plotly) { return null; }
    const name = slug((fig.layout.title && fig.layout.title.text) || graphId);
    window.Plotly.downloadImage({ data: fig.data, layout: fig.layout, config: fig.config },
      { format: format, filename: "ascn-" + name, width: fig.width, height: fig.height, scale: format === "png" ? 2 : 1 });
    return graphId + "." + format;
  };
})();

/* Dash 4's dropdown takes keyboard focus through a read-only input marked aria-hidden, which hides a
   focusable control from screen readers (axe: aria-hidden-focus). Name it after its label instead. */
(function () {
  "use strict";
  function label(wrapper) {
    const button = wrapper.querySelector(".dash-dropdown");
    const tag = button && button.id && document.querySelector('label[for="' + button.id + '"]');
    return tag ? tag.textContent : "Choose";
  }
  function mend() {
    document.querySelectorAll(".dash-dropdown-wrapper .dash-dropdown-focus-target[aria-hidden]").forEach(function (input) {
      input.removeAttribute("aria-hidden");
      input.setAttribute("aria-label", label(input.closest(".dash-dropdown-wrapper")));
    });
  }
  new MutationObserver(mend).observe(document.documentElement, { childList: true, subtree: true });
})();
