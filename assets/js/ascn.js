/* Keyboard steps through presentation scenes, and chart exports that carry their source. */
(function () {
  "use strict";

  // Presentation: arrows step through scenes, Escape leaves (only in presentation mode, never while typing).
  // Key presses queue and each one steps: a press while the scene bar still shows the scene before is kept until the
  // bar has the next scene's links (a clicker's double fire, or a presenter skipping ahead, is never lost).
  const SETTLE_MS = 4000;  // a step whose bar never changes (an error) stops holding the queue after this long
  const queue = [];
  let waiting = null;  // {links: the bar's links when the step was taken, since: its time}

  function barLinks() {
    return ["scene-prev", "scene-next"].map(id => { const a = document.getElementById(id); return a ? a.getAttribute("href") : ""; }).join(" ");
  }

  function step() {
    if (waiting && (barLinks() !== waiting.links || performance.now() - waiting.since > SETTLE_MS)) { waiting = null; }
    while (!waiting && queue.length) {
      const link = document.getElementById(queue.shift());
      if (link) { waiting = { links: barLinks(), since: performance.now() }; link.click(); }
    }
    if (waiting) { setTimeout(step, 30); }
  }

  document.addEventListener("keydown", function (event) {
    const root = document.getElementById("root");
    if (!root || !root.classList.contains("mode-present")) { return; }
    const tag = (event.target && event.target.tagName) || "";
    if (["INPUT", "TEXTAREA", "SELECT"].includes(tag) || event.altKey || event.ctrlKey || event.metaKey) { return; }
    const target = { ArrowRight: "scene-next", PageDown: "scene-next", ArrowLeft: "scene-prev", PageUp: "scene-prev",
                     Escape: "scene-exit" }[event.key];
    if (!target) { return; }
    event.preventDefault();
    if (target === "scene-exit") { queue.length = 0; waiting = null; }
    queue.push(target);
    step();
  });

  // A file name from a title: a line break (<br>) parts words like a space ("partner United<br>States").
  function slug(text) {
    return (text || "chart").toLowerCase().replace(/<[^>]*>/g, " ").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
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
        text: (document.getElementById("map-credit") || {}).textContent || "",  // the page's credit for the rows shown
        xref: "paper", yref: "paper", x: 1, y: 0, yshift: -34, xanchor: "right", yanchor: "bottom", showarrow: false,
        font: { size: 11, color: "#595959" } }]);
      // Every city named, as placed for this view by the figure builder.
      const labels = data[3];
      if (labels && labels.meta && labels.meta.every) {
        labels.text = labels.meta.every.text;
        labels.textposition = labels.meta.every.textposition;
        labels.marker = Object.assign({}, labels.marker, labels.meta.every.marker);
        labels.lat = data[1].lat;  // beside its own circle (a projector moves crowded names away)
        labels.lon = data[1].lon;
        labels.textfont = Object.assign({}, labels.textfont, { size: 13 });
      }
      if (data[5]) { data[5] = Object.assign({}, data[5], { lat: [], lon: [] }); }  // nor the projector's leader lines
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
      { format: format, filename: name.startsWith("ascn-") ? name : "ascn-" + name, width: fig.width, height: fig.height, scale: format === "png" ? 2 : 1 });
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

/* Embeds fit their frame: /embed?chart=... sizes its one chart to the frame's height (title, legend, source and the
   link back stay in view, nothing scrolls), and tells the page around it the height it would like, for the
   responsive snippet (the embed panel's second box) to resize the iframe. */
(function () {
  "use strict";
  const MIN_HEIGHT = 110;  // below this a chart is not readable: the frame scrolls rather than squash it further
  let queued = false;
  let posted = 0;

  function embedded() {
    const root = document.getElementById("root");
    const match = root && root.classList.contains("mode-embed") && !root.classList.contains("embed-refused") &&
      root.className.match(/embed-([a-z]+)/);
    const box = match && document.querySelector('[data-chart="' + match[1] + '"]');
    const gd = box && box.querySelector(".js-plotly-plot");
    return gd && gd._fullLayout ? { name: match[1], box: box, gd: gd } : null;
  }

  function plainText(markup) {  // the figure's escaped source line as text (DOMParser runs no script)
    return new DOMParser().parseFromString(markup.replace(/<br\s*\/?>/g, " "), "text/html").body.textContent;
  }

  function fit() {
    queued = false;
    const chart = embedded();
    if (!chart || !window.Plotly) { return; }
    const gd = chart.gd;
    if (!gd.__ascnHooked) { gd.on("plotly_afterplot", schedule); gd.__ascnHooked = true; }
    const main = document.querySelector("main");
    const drawn = gd.getBoundingClientRect().height;
    const chrome = main.getBoundingClientRect().bottom + window.scrollY - drawn;
    const target = Math.max(MIN_HEIGHT, Math.floor(window.innerHeight - chrome - 2));
    let natural;
    if (chart.name === "map") {
      const holder = chart.box.querySelector(".map-graph");
      if (Math.abs(holder.offsetHeight - target) > 1) { holder.style.height = target + "px"; window.Plotly.Plots.resize(gd); }
      natural = chrome + Math.round(gd._fullLayout.width * 0.97);  // the region's view is about square
      // In a frame this small the size legend would cover the region and names would run into each other:
      // the hover still names a city and gives its count.
      if (gd._fullLayout.height < 240 || gd._fullLayout.width < 320) {
        if ((gd.layout.shapes || []).length) { window.Plotly.relayout(gd, { shapes: [], annotations: [] }); }
        if (gd.data[3] && gd.data[3].visible !== false) { window.Plotly.restyle(gd, { visible: false }, [3]); }
      }
    } else {
      if (gd.layout.height !== gd.__ascnFitted) { gd.__ascnNatural = gd.layout.height || 340; }  // a new figure from the server
      const update = {};
      const notes = gd.layout.annotations || [];
      const source = notes.findIndex(a => (a.text || "").startsWith("Source"));
      if (source >= 0 && notes[source].visible !== false) {
        // The source moves under the chart, into one line of the footer: three lines inside the figure cost 100 px.
        document.getElementById("embed-source").textContent = plainText(notes[source].text);
        update["annotations[" + source + "].visible"] = false;
        update["margin.b"] = 8;
        update["xaxis.automargin"] = true;
      }
      if (Math.abs(gd._fullLayout.height - target) > 1) { update.height = target; }
      // Drawn before the page knew it was an embed (a phone's wider matrix, say): measured again at the frame's width.
      if (Math.abs(gd._fullLayout.width - chart.box.clientWidth) > 2) { update.autosize = true; }
      // A short plot has no room for a rotated axis title beside it (the title and the ticks say enough).
      if (target < 230 && gd.layout.yaxis && gd.layout.yaxis.title && gd.layout.yaxis.title.text) { update["yaxis.title.text"] = ""; }
      if (Object.keys(update).length) {
        gd.__ascnFitted = update.height || gd.layout.height;
        window.Plotly.relayout(gd, update);
      }
      natural = chrome + gd.__ascnNatural - 70;
    }
    natural = Math.ceil(natural);
    if (window.parent !== window && Math.abs(natural - posted) > 1) {
      posted = natural;
      // Only a height goes out: nothing private, so any host page may read it ("*").
      window.parent.postMessage({ type: "ascn-embed-height", chart: chart.name, height: natural }, "*");
    }
  }

  function schedule() {
    if (!queued) { queued = true; window.requestAnimationFrame(fit); }
  }
  window.addEventListener("resize", schedule);
  new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true, attributes: true,
                                                                    attributeFilter: ["class"] });
  window.ascnFitEmbed = fit;
})();

/* A chart title wider than its chart (a phone, a small embed, a long list of filters) is broken into more lines,
   so the filters it names are never cut. The server wraps for the usual card width; this catches the narrower ones. */
(function () {
  "use strict";
  function plainText(markup) {
    return new DOMParser().parseFromString(markup.replace(/<br\s*\/?>/g, " "), "text/html").body.textContent;
  }
  function fitTitle(gd) {
    const shown = gd.querySelector(".gtitle");
    const layout = gd._fullLayout;
    if (!shown || !layout || !gd.layout.title || !window.Plotly || gd.id === "map") { return; }
    const room = layout.width - 16;
    if (shown.getBBox().width <= room) { return; }
    const title = gd.layout.title;
    const size = (title.font && title.font.size) || 15;
    // Measured from the server's title, margin and height, never from this function's own last answer: Dash may
    // draw the figure again with some of them (the margin) as it left them, and a second wrap would add its lines again.
    const own = gd.__ascnTitleFit || {};
    const top = gd.layout.margin.t, height = gd.layout.height || layout.height;
    const server = { text: title.text === own.text ? own.serverText : title.text, top: top === own.top ? own.serverTop : top,
                     height: height === own.height ? own.serverHeight : height };
    const before = (server.text.match(/<br>/g) || []).length + 1;
    const lines = window.ascnTitleLines(plainText(server.text), room, size);
    const extra = Math.round(1.3 * size) * (lines.length - before);
    if (lines.length <= before || (title.text === lines.join("<br>") && top === server.top + extra)) { return; }
    gd.__ascnTitleFit = { text: lines.join("<br>"), top: server.top + extra, height: server.height + extra,
                          serverText: server.text, serverTop: server.top, serverHeight: server.height };
    window.Plotly.relayout(gd, { "title.text": lines.join("<br>"), "title.pad.t": 8 + Math.ceil(0.75 * size),
                                 "margin.t": server.top + extra, height: server.height + extra });
  }
  function hook() {
    document.querySelectorAll(".dash-graph .js-plotly-plot").forEach(function (gd) {
      if (!gd.__ascnTitleHook && gd.on) { gd.on("plotly_afterplot", function () { fitTitle(gd); }); gd.__ascnTitleHook = true; fitTitle(gd); }
    });
  }
  new MutationObserver(hook).observe(document.documentElement, { childList: true, subtree: true });
})();

/* Presentation mode: each chart the scene shows takes exactly the height of its cell in the screen's grid
   (css .mode-present), so a scene fits the projector without scrolling. */
(function () {
  "use strict";
  let queued = false;
  // A presentation on a phone, upright or on its side, is drawn with the explorer's type and names (the server does it
  // when the screen store says "narrow"; css/1_app.css lays it out in one column at the same sizes): said once, and
  // again if the screen changes. A projector's screen, the usual case, sends nothing.
  const NARROW = window.matchMedia("(max-width: 575.98px), (max-height: 499.98px)");
  let screenSaid = "wide";
  function tellScreen() {
    const now = NARROW.matches ? "narrow" : "wide";
    if (now !== screenSaid && window.dash_clientside && window.dash_clientside.set_props) {
      screenSaid = now;
      window.dash_clientside.set_props("screen", { data: now });
    }
  }
  function fit() {
    queued = false;
    const root = document.getElementById("root");
    if (!root || !root.classList.contains("mode-present") || !window.Plotly) { return; }
    tellScreen();
    const behind = window.ascnChartsBehind ? window.ascnChartsBehind() : [];
    document.querySelectorAll(".mode-present [data-chart]").forEach(function (box) {
      const gd = box.querySelector(".js-plotly-plot");
      if (!gd || !gd._fullLayout || box.offsetParent === null) { return; }
      if (!gd.__ascnPresentHook) { gd.on("plotly_afterplot", schedule); gd.__ascnPresentHook = true; }
      const graph = gd.closest(".dash-graph");
      if (graph && behind.includes(graph.id)) { return; }  // its next figure is on its way, drawn at the cell's size
      const size = window.ascnCellSize(gd);  // assets/js/redraw.js: new figures are drawn at it already
      if (size && (Math.abs(gd._fullLayout.height - size.height) > 2 || Math.abs(gd._fullLayout.width - size.width) > 2)) {
        window.Plotly.relayout(gd, size);
      }
    });
  }
  function schedule() {
    if (!queued) { queued = true; window.requestAnimationFrame(fit); }
  }
  window.addEventListener("resize", schedule);
  new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true, attributes: true,
                                                                    attributeFilter: ["class"] });
})();

/* The partnerships table: on a laptop the columns the chooser above it switches on; on a phone one column, each row a
   card (PartnershipCard) that names its partners, cities and source. */
(function () {
  "use strict";
  const PHONE = "(max-width: 575.98px)";
  window.dash_clientside = Object.assign({}, window.dash_clientside);
  window.dash_clientside.ascn = Object.assign({}, window.dash_clientside.ascn, {
    tableColumns: function (chosen, options, defs) {
      const phone = window.matchMedia(PHONE).matches;
      const optional = (options || []).map(o => o.value);  // the chooser's columns; the others always show
      return (defs || []).map(function (d) {
        const card = d.colId === "card";
        const hide = phone ? !card : card || (optional.includes(d.field) && !(chosen || []).includes(d.field));
        return Object.assign({}, d, { hide: hide });
      });
    }
  });
  // The pager while the grid has rows, none while it has none (their overlay says why: on their way, or no match).
  window.dashAgGridFunctions = Object.assign({}, window.dashAgGridFunctions, {
    ascnPagerFollowsRows: function (event) {
      const none = event.api.getDisplayedRowCount() === 0;
      if (event.api.getGridOption("suppressPaginationPanel") !== none) { event.api.setGridOption("suppressPaginationPanel", none); }
    }
  });
  window.dashAgGridComponentFunctions = Object.assign({}, window.dashAgGridComponentFunctions, {
    PartnershipCard: function (props) {
      const h = window.React.createElement;
      const row = props.data || {};
      const labels = props.labels || {};
      const link = /\]\((https?:[^)]*)\)$/.exec(row.link || "");
      const line = (key, extra) => row[key] ? h("div", { className: "card-line" }, h("span", { className: "card-label" }, labels[key] + ": "), row[key], extra || null) : null;
      return h("div", { className: "partnership-card" },
        h("div", { className: "card-meta" }, [props.number + " " + row.partnership_id, row.year, row.focus].filter(Boolean).join(" · ")),
        h("div", { className: "card-title" }, row.title),
        line("partners"), line("cities"),
        line("source", link ? h("a", { href: link[1], target: "_blank", rel: "noopener noreferrer", className: "ms-1" }, props.open) : null),
        line("provenance"));
    }
  });
})();
