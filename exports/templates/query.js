// The query page of `diplograph serve`: run the editor's SPARQL on this server's /query and draw the answer.
// Every value reaches the page as text (textContent, never innerHTML): a label in the graph is data, not markup.
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("config").textContent);
  const editor = document.getElementById("query");
  const runButton = document.getElementById("run");
  const status = document.getElementById("status");
  const errorBox = document.getElementById("error");
  const results = document.getElementById("results");
  // SELECT and ASK answer in SPARQL JSON results, CONSTRUCT and DESCRIBE in Turtle: the server picks.
  const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9, text/plain;q=0.1";

  function element(name, text, className) {
    const made = document.createElement(name);
    if (text !== undefined) made.textContent = text;
    if (className) made.className = className;
    return made;
  }

  function shortIri(iri) {
    for (const [name, namespace] of Object.entries(config.prefixes)) {
      const rest = iri.slice(namespace.length);
      if (iri.startsWith(namespace) && rest && !/[\s/#?]/.test(rest)) return name + ":" + rest;
    }
    return "<" + iri + ">";
  }

  function cell(term) {
    const td = element("td");
    if (!term) return td;
    if (term.type === "uri") {
      td.append(element("span", shortIri(term.value), "iri"));
      td.title = term.value;
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.append(document.createTextNode(term.value));
      if (term["xml:lang"]) td.append(element("span", "@" + term["xml:lang"], "lang"));
      else if (term.datatype) td.title = shortIri(term.datatype);
    }
    return td;
  }

  function table(document_) {
    const columns = document_.head.vars || [];
    const rows = document_.results.bindings;
    const shown = rows.slice(0, config.rowLimit);
    const grid = element("table");
    const head = grid.createTHead().insertRow();
    for (const column of columns) head.append(element("th", column));
    const body = grid.createTBody();
    for (const row of shown) {
      const tr = body.insertRow();
      for (const column of columns) tr.append(cell(row[column]));
    }
    const count = rows.length === 1 ? "1 row" : rows.length.toLocaleString("en") + " rows";
    say(shown.length < rows.length ? `${count}; the first ${shown.length.toLocaleString("en")} shown` : count);
    return grid;
  }

  function say(text) { status.textContent = text; }

  function showError(title, detail) {
    errorBox.textContent = detail ? title + "\n" + detail : title;
    errorBox.hidden = false;
    say("");
  }

  function show(contentType, text) {
    if (contentType === "application/sparql-results+json") {
      const answer = JSON.parse(text);
      if (typeof answer.boolean === "boolean") {
        results.append(element("p", answer.boolean ? "yes" : "no", "answer"));
        say("ASK: " + (answer.boolean ? "true" : "false"));
      } else {
        results.append(table(answer));
      }
    } else {
      results.append(element("pre", text));
      say(text.trim() ? "the triples, as " + contentType : "no triples");
    }
  }

  async function run() {
    errorBox.hidden = true;
    results.replaceChildren();
    runButton.disabled = true;
    document.body.dataset.state = "running";
    say("running…");
    const started = performance.now();
    try {
      const response = await fetch(config.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": ACCEPT },
        body: new URLSearchParams({ query: editor.value }),
      });
      const text = await response.text();
      if (!response.ok) {
        showError(`The server refused the query (HTTP ${response.status} ${response.statusText}):`, text.trim());
      } else {
        show((response.headers.get("Content-Type") || "").split(";")[0].trim(), text);
        status.textContent += ` (${((performance.now() - started) / 1000).toFixed(2)} s)`;
      }
    } catch (problem) {
      showError("The server did not answer: is `diplograph serve` still running?", String(problem));
    } finally {
      runButton.disabled = false;
      document.body.dataset.state = "done";
    }
  }

  function listExamples() {
    const list = document.getElementById("examples");
    config.examples.forEach((example, index) => {
      const button = element("button", example.label);
      button.type = "button";
      button.title = example.summary;
      button.setAttribute("aria-pressed", String(index === 0));
      button.addEventListener("click", () => {
        editor.value = example.query;
        for (const other of list.querySelectorAll("button")) other.setAttribute("aria-pressed", String(other === button));
        editor.focus();
      });
      const item = element("li");
      item.append(button);
      list.append(item);
    });
  }

  function linkTheView() {
    const link = document.getElementById("view-link");
    const view = new URL("/graph.html", location.href);   // this server's host, the view's port
    view.port = String(config.viewPort);
    link.href = view.href;
  }

  listExamples();
  linkTheView();
  runButton.addEventListener("click", run);
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
  window.diplographReady = true;
})();
