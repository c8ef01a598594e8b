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

/* A scene moved with its ↑ or ↓ button keeps the keyboard's focus: the panel is drawn again after the move, and the
   same button of the moved scene, in its new place, takes the focus back (the other one at the top or the bottom). */
(function () {
  "use strict";
  let moved = null;
  function button(type, index) { return document.getElementById(JSON.stringify({ index: index, type: type })); }
  document.addEventListener("click", function (event) {
    const target = event.target && event.target.closest ? event.target.closest("#deck-panel button") : null;
    let id = null;
    try { id = target ? JSON.parse(target.id) : null; } catch (e) { id = null; }
    if (!id || (id.type !== "deck-up" && id.type !== "deck-down")) { return; }
    const title = target.closest(".deck-item").querySelector("input");
    const move = { type: id.type, index: id.index + (id.type === "deck-up" ? -1 : 1), title: title ? title.value : null };
    moved = move;
    window.setTimeout(function () { if (moved === move) { moved = null; } }, 10000);  // a move that never came: forget it
  }, true);
  new MutationObserver(function () {
    if (!moved) { return; }
    const there = document.querySelectorAll("#deck-panel .deck-item")[moved.index];
    const title = there ? there.querySelector("input") : null;
    if (!title || title.value !== moved.title) { return; }  // not drawn again yet
    const other = moved.type === "deck-up" ? "deck-down" : "deck-up";
    const again = [button(moved.type, moved.index), button(other, moved.index)].find(b => b && !b.disabled);
    if (again && document.activeElement !== again) { again.focus(); moved = null; }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
