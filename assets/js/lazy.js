/* Charts (and the table's rows) drawn when they are in view. Every chart but the map gets its figure through a
   store (the filter change's answer, or the story's figure in the layout), the table its rows; drawInView hands a
   store's value on only while its chart is on screen or near it, so a change of view redraws what the user sees and
   a chart below the fold is drawn with the latest view when it is scrolled to. */
(function () {
  "use strict";
  const MARGIN = 200;  // px: drawn a little before it scrolls in, so the user sees it drawn, not drawing
  const latest = {};  // chart id -> the newest figure its store holds
  const drawn = {};  // chart id -> the figure last handed to it
  const inView = new Set();
  const watched = new WeakSet();
  let observer = null;

  // Whether a chart is on screen or near it, from the page as it is now (the observer below only says when to look
  // again: it reports after the next frame, and an answer that moves a chart into view is drawn before that). A chart
  // shown but not yet given its height (an embed's, before the frame's fit) counts: the observer already counts it in
  // view and will not report it again, so left undrawn it would wait for ever.
  function nearView(id) {
    const chart = document.getElementById(id);
    if (!chart || !window.IntersectionObserver) { return Boolean(chart); }
    const box = chart.getBoundingClientRect();
    return box.width > 0 && box.bottom > -MARGIN && box.top < window.innerHeight + MARGIN;
  }

  // A chart scrolled to, shown or hidden: the ids in view go to the charts-in-view store, which asks drawInView again.
  function report(entries) {
    let changed = false;
    entries.forEach(function (entry) {
      const id = entry.target.id;
      if (entry.isIntersecting === inView.has(id)) { return; }
      if (entry.isIntersecting) { inView.add(id); } else { inView.delete(id); }
      changed = true;
    });
    if (changed && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("charts-in-view", { data: Array.from(inView).sort() });
    }
  }

  function watch() {
    if (!window.IntersectionObserver) { return; }
    observer = observer || new IntersectionObserver(report, { rootMargin: MARGIN + "px 0px" });
    document.querySelectorAll(".drawn-in-view[id]").forEach(function (chart) {
      if (!watched.has(chart)) { watched.add(chart); observer.observe(chart); }
    });
  }
  new MutationObserver(watch).observe(document.documentElement, { childList: true, subtree: true });

  // The charts (and the table) in view that do not show their latest figure (rows) yet (a test's "settled" waits for none).
  window.ascnChartsBehind = function () {
    return Object.keys(latest).filter(id => latest[id] && drawn[id] !== latest[id] && nearView(id));
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside);
  window.dash_clientside.ascn = Object.assign({}, window.dash_clientside.ascn, {
    // Each store's value (a chart's figure, the table's rows) for its output, or no_update while it is out of view
    // or already shown; the last argument is the charts-in-view store, which only asks again.
    drawInView: function () {
      const values = Array.prototype.slice.call(arguments, 0, -1);
      const outputs = window.dash_clientside.callback_context.outputs_list;
      const answer = values.map(function (value, i) {
        const id = (Array.isArray(outputs) ? outputs[i] : outputs).id;
        latest[id] = value;
        if (value && value.drawn === true) { drawn[id] = value; return window.dash_clientside.no_update; }  // drawn by the answer
        if (!value || drawn[id] === value || !nearView(id)) { return window.dash_clientside.no_update; }
        drawn[id] = value;
        return value;
      });
      return Array.isArray(outputs) ? answer : answer[0];
    }
  });

  // An export needs the chart as the view is now: one not drawn since the last change is drawn first, and the
  // promise resolves once Plotly has drawn it (or after a second, whatever happened).
  // A figure handed on (by drawInView, just before) but not drawn yet is waited for too: dcc.Graph draws it a little
  // later, and an export in between would picture the chart as it was (dcc.Graph gives Plotly the figure's own data).
  window.ascnDrawnNow = function (id) {
    const figure = latest[id];
    const gd = document.querySelector("#" + id + " .js-plotly-plot");
    if (!figure || figure.drawn === true || !gd || !gd.on) { return Promise.resolve(); }
    const shown = gd.data === figure.data && !gd.classList.contains("dash-graph--pending");
    if (drawn[id] === figure && shown) { return Promise.resolve(); }
    return new Promise(function (resolve) {
      const done = function () { gd.removeListener("plotly_afterplot", done); resolve(); };
      gd.on("plotly_afterplot", done);
      setTimeout(done, 1000);
      if (drawn[id] !== figure) {
        drawn[id] = figure;
        window.dash_clientside.set_props(id, { figure: figure });
      }
    });
  };
})();
