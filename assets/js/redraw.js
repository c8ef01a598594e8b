// One redraw per filter change. The partners and commitments charts set their own height (it grows with their
// rows); Plotly.react draws them at it, dcc.Graph then sees its box change size and asks Plotly.Plots.resize for
// a second full redraw about 150 ms later that changes nothing. A chart whose figure fixes its height and whose
// width is unchanged has nothing to resize: skip that redraw. Width changes (window, phone rotation) still resize.
(function () {
  "use strict";
  function install() {
    var P = window.Plotly;
    if (!P || !P.Plots) { return false; }
    if (P.Plots.ascnOneRedraw) { return true; }
    var resize = P.Plots.resize;
    P.Plots.resize = function (gd) {
      var el = typeof gd === "string" ? document.getElementById(gd) : gd;
      var full = el && el._fullLayout;
      if (full && el.layout && el.layout.height && full.height === el.layout.height &&
          Math.abs(parseFloat(window.getComputedStyle(el).width) - full.width) < 1) {
        return Promise.resolve(el);
      }
      return resize.apply(this, arguments);
    };
    P.Plots.ascnOneRedraw = true;
    return true;
  }
  // The plotly bundle is a later asset: install once it has run.
  if (!install()) { window.addEventListener("load", install); }
})();
