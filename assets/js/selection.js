/* The map's selection model: plotly's click and selection events carry no modifier key, so the state of
   shift at the press that starts a click, a box or a lasso is put in a store the server callback reads
   (shift adds to the selection; without it a click or a box replaces it). */
(function () {
  "use strict";
  let last = false;  // the store starts false (layouts/explorer.py); set only on a change
  function remember(event) {
    const map = document.getElementById("map");
    const clientside = window.dash_clientside;
    const shift = event.shiftKey === true;
    if (!map || !map.contains(event.target) || !clientside || !clientside.set_props || shift === last) { return; }
    last = shift;
    clientside.set_props("map-shift", { data: shift });
  }
  // Capture phase: before plotly's own handlers start the drag or the click.
  document.addEventListener("pointerdown", remember, true);
})();

/* The hover box of a city is drawn from the figure as it was when the pointer arrived: when a filter changes
   while it is up (a chip removed with the keyboard, a click), it would keep the old count. Redraw it from the
   new figure, or take it down when that point is gone. */
(function () {
  "use strict";
  function bind() {
    const gd = document.querySelector("#map .js-plotly-plot");
    if (!gd || gd.ascnHoverBound || typeof gd.on !== "function") { return; }
    gd.ascnHoverBound = true;
    let last = null;
    let drawn = null;
    gd.on("plotly_hover", function (event) {
      const p = event && event.points && event.points[0];
      last = p ? { curveNumber: p.curveNumber, pointNumber: p.pointNumber } : null;
      drawn = gd.data && gd.data[1] && gd.data[1].customdata;
    });
    gd.on("plotly_unhover", function () { last = null; });
    gd.on("plotly_afterplot", function () {
      const now = gd.data && gd.data[1] && gd.data[1].customdata;
      if (!last || now === drawn || !window.Plotly) { return; }
      drawn = now;
      const point = last;
      window.Plotly.Fx.unhover(gd);
      try { window.Plotly.Fx.hover(gd, [point], "geo"); } catch (err) { last = null; }
    });
  }
  document.addEventListener("pointerover", bind, true);
  document.addEventListener("focusin", bind, true);
})();
