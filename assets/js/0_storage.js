/* A frame whose storage the browser refuses (an embed in a slide deck opened from disk: "Access is denied for this
   document") would stop the whole page, because the deck's and presentation's stores read it as the page starts.
   There, this page keeps its stores in memory instead: nothing is kept after the frame closes, which is what an
   embed needs. Runs before Dash starts (assets load in name order, before the renderer). */
(function () {
  function memoryStorage() {
    const items = new Map();
    return {
      get length() { return items.size; },
      key: (i) => Array.from(items.keys())[i] ?? null,
      getItem: (k) => (items.has(String(k)) ? items.get(String(k)) : null),
      setItem: (k, v) => { items.set(String(k), String(v)); },
      removeItem: (k) => { items.delete(String(k)); },
      clear: () => { items.clear(); },
    };
  }
  for (const name of ["localStorage", "sessionStorage"]) {
    try {
      window[name].getItem("ascn");
    } catch (refused) {
      Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
    }
  }
})();
