// One redraw per change.
// 1. The partners and commitments charts set their own height (it grows with their rows); Plotly.react draws them
//    at it, dcc.Graph then sees its box change size and asks Plotly.Plots.resize for a second full redraw about
//    150 ms later that changes nothing. A chart whose figure fixes its height and whose width is unchanged has
//    nothing to resize: skip that redraw. Width changes (window, phone rotation) still resize.
// 2. In presentation the map and each chart take exactly their cell in the screen's grid (ascn.js fits them). A
//    figure drawn at the server's height, or at the map's last size (Plotly.react keeps an autosized plot's size),
//    was drawn again at the cell's at once: draw it at the cell's size the first time instead.
(function () {
  "use strict";
  // The size a chart or the map must take in presentation (its cell's), or null: not presenting, or not shown.
  window.ascnCellSize = function (gd) {
    const root = document.getElementById("root");
    const box = root && root.classList.contains("mode-present") && gd && gd.closest && gd.closest("[data-chart]");
    if (!box || box.offsetParent === null) { return null; }
    const cell = box.querySelector('[role="figure"]');
    return cell ? { height: Math.max(160, Math.floor(cell.clientHeight)), width: Math.floor(cell.clientWidth) } : null;
  };

  function sized(gd, data, layout) {
    const el = typeof gd === "string" ? document.getElementById(gd) : gd;
    const size = el && window.ascnCellSize(el);
    if (!size) { return null; }
    if (data && !Array.isArray(data) && typeof data === "object") {  // react(gd, {data, layout, config, frames})
      return [Object.assign({}, data, { layout: Object.assign({}, data.layout, size) })];
    }
    return [data, Object.assign({}, layout, size)];
  }

  function install() {
    var P = window.Plotly;
    if (!P || !P.Plots) { return false; }
    if (P.Plots.ascnOneRedraw) { return true; }
    var resize = P.Plots.resize;
    P.Plots.resize = function (gd) {
      var el = typeof gd === "string" ? document.getElementById(gd) : gd;
      var full = el && el._fullLayout;
      if (el && el.offsetParent === null) { return Promise.resolve(el); }  // hidden (a scene without it): nothing to fit
      if (full && el.layout && el.layout.height && full.height === el.layout.height &&
          Math.abs(parseFloat(window.getComputedStyle(el).width) - full.width) < 1) {
        return Promise.resolve(el);
      }
      return resize.apply(this, arguments);
    };
    ["react", "newPlot"].forEach(function (name) {
      var draw = P[name];
      P[name] = function (gd, data, layout) {
        var args = Array.prototype.slice.call(arguments);
        var fitted = sized(gd, data, layout);
        if (fitted) { args.splice(1, fitted.length, ...fitted); }
        return draw.apply(this, args);
      };
    });
    P.Plots.ascnOneRedraw = true;
    return true;
  }
  // The plotly bundle is a later asset: install once it has run.
  if (!install()) { window.addEventListener("load", install); }
})();
