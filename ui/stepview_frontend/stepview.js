// Step through the steps the server sent, in the browser (ui/stepview.py builds them).
//
// Streamlit's component protocol is four postMessage types, written here by hand so that
// nothing has to be built: componentReady, render (the server's args), setComponentValue and
// setFrameHeight. A step redraws this frame at once; the step is then reported to the server
// (once a burst of clicks has settled) so that links, downloads and the panels below follow.
"use strict";

(function () {
  const SETTLE_MS = 150; // report a step once the clicks have paused this long
  const view = document.getElementById("view");
  const slider = document.getElementById("slider");
  const sliderLabel = document.getElementById("slider-label");
  const loading = document.getElementById("loading");
  const buttons = Object.fromEntries(
    [...document.querySelectorAll("[data-move]")].map((b) => [b.dataset.move, b])
  );

  let args = null; // the latest render's args
  let version = null; // args.version of the steps held
  let order = []; // every step's id, in stepping order
  let current = null; // the step shown
  let sent = 0; // sequence number of the last value sent
  let pending = null; // timer of a step not yet reported
  let choices = {}; // the option picked in each step's choice block (neuron i per layer)
  let pages = {}; // step id -> {el, drawn}: each step's blocks, drawn once
  let store = {}; // step id -> {key, blocks}: every step received, kept while its key holds

  function post(type, extra) {
    window.parent.postMessage(Object.assign({ isStreamlitMessage: true, type: type }, extra), "*");
  }

  function report(extra) {
    clearTimeout(pending);
    pending = null;
    sent += 1;
    // `held`: the steps this frame has, so that the server sends only the others
    const held = Object.fromEntries(Object.entries(store).map(([id, s]) => [id, s.key]));
    const value = Object.assign({ step: current, n: sent, choices: choices, held: held }, extra);
    post("streamlit:setComponentValue", { value: value, dataType: "json" });
  }

  function reportLater() {
    clearTimeout(pending);
    pending = setTimeout(report, SETTLE_MS);
  }

  // ---- blocks ----------------------------------------------------------------------------
  function tex(el, lines) {
    for (const line of lines) {
      const div = document.createElement("div");
      div.className = "tex";
      try {
        katex.render(line, div, { displayMode: true, throwOnError: false });
      } catch (e) {
        div.textContent = line;
      }
      el.appendChild(div);
    }
  }

  function inlineTex(el) {
    // html blocks mark inline maths with <span class="math">, escaped by the server
    for (const span of el.querySelectorAll("span.math")) {
      try {
        katex.render(span.textContent, span, { throwOnError: false });
      } catch (e) {
        /* leave the source text */
      }
    }
  }

  // What Streamlit's chart theme sets (st.plotly_chart draws with it): the page's font and text
  // colour, a 16 px semi-bold title, 14 px axis titles and 12 px ticks (not enlarged:
  // presentation mode scales the figure's own fonts), white plot, axes that make room.
  const plotTheme = { font: "Source Sans Pro, sans-serif", text: "rgb(49, 51, 63)" };
  function template() {
    const axis = {
      title: { font: { size: 14, color: plotTheme.text } },
      tickfont: { size: 12, color: plotTheme.text },
      automargin: true,
      showgrid: false,
      zeroline: false,
    };
    return {
      layout: {
        font: { family: plotTheme.font, color: plotTheme.text },
        title: { font: { size: 16, weight: 600, color: plotTheme.text } },
        paper_bgcolor: "rgba(0,0,0,0)",
        plot_bgcolor: "white",
        xaxis: axis,
        yaxis: axis,
        hoverlabel: { font: { family: plotTheme.font, size: 12 } },
      },
    };
  }

  function figure(el, block) {
    const plot = document.createElement("div");
    plot.className = "plot";
    el.appendChild(plot);
    const fig = block.figure;
    const config = Object.assign({ responsive: true }, args.config || {});
    const layout = Object.assign({ template: template() }, fig.layout || {});
    const drawn = Plotly.newPlot(plot, fig.data || [], layout, config);
    if (block.clickable) {
      plot.on("plotly_click", (event) => {
        const point = event && event.points && event.points[0];
        if (point && Array.isArray(point.customdata)) report({ click: point.customdata });
      });
    }
    return drawn;
  }

  function choice(el, block, stepId) {
    const label = document.createElement("label");
    label.className = "choice";
    label.textContent = block.label + " ";
    const select = document.createElement("select");
    block.options.forEach((option, index) => {
      const o = document.createElement("option");
      o.value = String(index);
      o.textContent = option.label;
      select.appendChild(o);
    });
    const picked = choices[stepId] !== undefined ? choices[stepId] : block.value;
    select.value = String(Math.min(picked, block.options.length - 1));
    label.appendChild(select);
    el.appendChild(label);
    const body = document.createElement("div");
    el.appendChild(body);
    const show = () => {
      body.replaceChildren();
      return drawBlocks(body, block.options[Number(select.value)].blocks, stepId);
    };
    select.addEventListener("change", () => {
      choices[stepId] = Number(select.value);
      show();
      report(); // a new neuron: the server redraws what it highlights
    });
    return show();
  }

  function drawBlock(el, block, stepId) {
    el.className = "slot " + block.kind;
    if (block.kind === "figure") return figure(el, block);
    if (block.kind === "choice") return choice(el, block, stepId);
    if (block.kind === "tex") tex(el, block.lines);
    else {
      el.innerHTML = block.html; // heading, html, note: escaped on the server
      inlineTex(el);
    }
    return null;
  }

  function drawBlocks(parent, blocks, stepId) {
    return Promise.all(
      blocks.map((block) => {
        const el = document.createElement("div");
        parent.appendChild(el);
        return drawBlock(el, block, stepId);
      })
    );
  }

  // ---- pages: every step sent is drawn once; a step then only swaps the visible page -------
  function dropPages(keep) {
    // the pages of steps no longer sent, or whose content changed (their key), go
    cancelIdle();
    document.body.dataset.ready = "";
    for (const [id, page] of Object.entries(pages)) {
      if (keep(id, page)) continue;
      for (const plot of page.el.querySelectorAll(".plot")) Plotly.purge(plot);
      page.el.remove();
      delete pages[id];
    }
  }

  function buildPage(stepId) {
    const el = document.createElement("div");
    el.className = "page off";
    el.dataset.step = stepId;
    view.appendChild(el);
    const step = store[stepId].blocks;
    const promises = [];
    for (const row of args.layout) {
      const rowEl = document.createElement("div");
      rowEl.className = "row";
      row.slots.forEach((column, c) => {
        const colEl = document.createElement("div");
        colEl.className = "column";
        colEl.style.flex = String((row.cols || [1])[c] || 1);
        for (const name of column) {
          if (!step[name]) continue;
          const slot = document.createElement("div");
          slot.dataset.slot = name;
          colEl.appendChild(slot);
          promises.push(drawBlock(slot, step[name], stepId));
        }
        rowEl.appendChild(colEl);
      });
      el.appendChild(rowEl);
    }
    pages[stepId] = { el: el, drawn: Promise.all(promises), key: store[stepId].key };
    return pages[stepId];
  }

  let idle = null;
  function cancelIdle() {
    clearTimeout(idle);
    idle = null;
  }

  function prebuild() {
    // the other steps while the browser is idle, nearest first: they are the ones clicked next
    cancelIdle();
    const at = order.indexOf(current);
    const distance = (id) => Math.abs(order.indexOf(id) - at);
    const todo = order.filter((id) => store[id] && !pages[id]);
    if (!todo.length) {
      document.body.dataset.ready = "1"; // every step sent is drawn: a step is a swap now
      return;
    }
    todo.sort((a, b) => distance(a) - distance(b));
    idle = setTimeout(() => {
      idle = null;
      buildPage(todo[0]).drawn.then(prebuild);
    }, 20);
  }

  function controls() {
    const at = order.indexOf(current);
    const last = order.length - 1;
    buttons.first.disabled = buttons.prev.disabled = at <= 0;
    buttons.next.disabled = buttons.last.disabled = at >= last;
    slider.max = String(last);
    slider.value = String(Math.max(at, 0));
    slider.hidden = order.length < 2;
    sliderLabel.textContent = (args.labels || {})[current] || String(current);
  }

  function draw() {
    const started = performance.now();
    controls();
    document.body.dataset.drawn = "";
    for (const page of Object.values(pages)) page.el.classList.add("off");
    const held = Boolean(store[current]);
    loading.hidden = held;
    if (!held) {
      // outside the steps sent (a large network): the server is asked for it
      loading.textContent = "Loading " + sliderLabel.textContent + "…";
      return;
    }
    const page = pages[current] || buildPage(current);
    page.el.classList.remove("off");
    const id = current;
    page.drawn.then(() => {
      if (id !== current) return;
      // read by the benchmark and the browser tests: which step is on screen, drawn in how long
      document.body.dataset.ms = (performance.now() - started).toFixed(1);
      document.body.dataset.drawn = String(id);
      document.body.dataset.draws = String(Number(document.body.dataset.draws || 0) + 1);
      prebuild();
    });
  }

  function go(index) {
    const target = order[Math.max(0, Math.min(order.length - 1, index))];
    if (target === undefined || target === current) return;
    current = target;
    draw();
    if (store[current]) reportLater();
    else report(); // the server has to send this step: ask now
  }

  const MOVES = {
    first: () => go(0),
    prev: () => go(order.indexOf(current) - 1),
    next: () => go(order.indexOf(current) + 1),
    last: () => go(order.length - 1),
  };
  for (const [move, button] of Object.entries(buttons)) {
    button.addEventListener("click", MOVES[move]);
  }
  slider.addEventListener("input", () => go(Number(slider.value)));

  // ←, →, Home and End step, on the whole page, unless the user is typing somewhere
  const KEYS = { ArrowLeft: "prev", ArrowRight: "next", Home: "first", End: "last" };
  function onKey(event) {
    const move = KEYS[event.key];
    if (!move || !args || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const t = event.target;
    const tag = t && t.tagName ? t.tagName.toLowerCase() : "";
    if (["input", "textarea", "select"].includes(tag) || (t && t.isContentEditable)) return;
    if (t && t.getAttribute && t.getAttribute("role") === "slider") return; // Streamlit's own
    event.preventDefault();
    MOVES[move]();
  }
  document.addEventListener("keydown", onKey);
  try {
    const parentDoc = window.parent.document; // same origin: Streamlit serves this frame
    parentDoc.addEventListener("keydown", onKey);
    window.addEventListener("pagehide", () => parentDoc.removeEventListener("keydown", onKey));
  } catch (e) {
    /* another origin: the keys work while this frame has the focus */
  }

  // The page's own fonts (Streamlit serves them; same origin): the frame's text and figures
  // then look like the rest of the page. Without them the browser's sans-serif is used.
  function borrowFonts() {
    const css = [];
    try {
      for (const sheet of window.parent.document.styleSheets) {
        let rules = [];
        try {
          rules = sheet.cssRules;
        } catch (e) {
          continue; // a stylesheet of another origin
        }
        const base = sheet.href || window.parent.location.href;
        for (const rule of rules) {
          if (!(rule instanceof window.parent.CSSFontFaceRule)) continue;
          css.push(
            rule.cssText.replace(/url\((["']?)([^"')]+)\1\)/g, (m, q, u) => {
              return 'url("' + new URL(u, base).href + '")';
            })
          );
        }
      }
    } catch (e) {
      return;
    }
    const style = document.createElement("style");
    style.textContent = css.join("\n");
    document.head.appendChild(style);
  }
  borrowFonts();

  // ---- the server's side -----------------------------------------------------------------
  function applyTheme(theme, scale) {
    // Streamlit's theme (light or dark, the user's colours and font) and presentation mode
    const style = document.documentElement.style;
    if (theme) {
      if (theme.textColor) style.setProperty("--text", theme.textColor);
      if (theme.textColor) plotTheme.text = theme.textColor;
      if (theme.font) plotTheme.font = theme.font;
      if (theme.primaryColor) style.setProperty("--primary", theme.primaryColor);
      if (theme.backgroundColor) style.setProperty("--background", theme.backgroundColor);
      if (theme.font) style.setProperty("--font", theme.font);
      document.body.classList.toggle("dark", theme.base === "dark");
    }
    style.setProperty("--scale", String(scale || 1));
  }

  function keep(keys, steps) {
    // the steps sent now, and the ones received before whose key is still the server's
    for (const id of Object.keys(store)) {
      if (keys[id] !== store[id].key) delete store[id];
    }
    for (const [id, blocks] of Object.entries(steps)) {
      if (keys[id] !== undefined) store[id] = { key: keys[id], blocks: blocks };
    }
  }

  function onRender(newArgs) {
    const first = args === null;
    if (first) sent = newArgs.ack || 0; // a new frame goes on numbering where the last stopped
    const fresh = first || newArgs.version !== version;
    args = newArgs;
    order = args.order;
    // The server's step wins when it has seen every step sent from here (a link, a reset);
    // otherwise it is an echo of an older click and the step shown here stays.
    const caughtUp = args.ack === sent && pending === null;
    const before = current;
    if (first || (caughtUp && args.current !== current) || !order.includes(current)) {
      current = args.current;
    }
    const keys = args.keys || {};
    keep(keys, args.steps || {});
    if (fresh) {
      version = args.version;
      choices = Object.assign({}, args.choices || {});
      dropPages((id, page) => keys[id] !== undefined && keys[id] === page.key);
    }
    if (fresh || current !== before) draw();
    if (keys[current] !== undefined && !store[current]) report(); // sent before, not here (a new
    // frame in the old one's place): the server sends again what this frame says it holds
  }

  window.addEventListener("message", (event) => {
    const data = event.data;
    if (data && data.type === "streamlit:render") {
      applyTheme(data.theme, data.args.scale);
      onRender(data.args);
    }
  });

  new ResizeObserver(() => {
    // the body's own height: the document's scrollHeight is never less than the frame, so a
    // shorter step would leave the frame as tall as the tallest one before
    post("streamlit:setFrameHeight", { height: Math.ceil(document.body.getBoundingClientRect().height) });
  }).observe(document.body);

  post("streamlit:componentReady", { apiVersion: 1 });
})();
