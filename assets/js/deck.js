/* My deck: a scene is dragged to a new place in the list; layouts/deck.py reorders the deck (keyboard: its ↑ ↓ buttons). */
(function () {
  "use strict";
  let from = null;
  function item(target) { return target && target.closest ? target.closest("#deck-panel .deck-item") : null; }
  document.addEventListener("dragstart", function (event) {
    const li = item(event.target);
    if (!li) { return; }
    from = Number(li.dataset.index);
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", String(from));
  });
  document.addEventListener("dragover", function (event) { if (from !== null && item(event.target)) { event.preventDefault(); } });
  document.addEventListener("drop", function (event) {
    const li = item(event.target);
    if (from === null || !li) { return; }
    event.preventDefault();
    const to = Number(li.dataset.index);
    if (to !== from && window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props("deck-move", { data: [from, to] });
    }
    from = null;
  });
  document.addEventListener("dragend", function () { from = null; });
})();

/* The deck's "Open deck" file field is named by its button's words (Dash's upload draws the field without a label). */
(function () {
  "use strict";
  function name() {
    const input = document.querySelector("#deck-open input[type=file]");
    if (input && !input.hasAttribute("aria-label")) { input.setAttribute("aria-label", document.getElementById("deck-open").textContent.trim()); }
  }
  new MutationObserver(name).observe(document.documentElement, { childList: true, subtree: true });
})();
