// The diplograph view. Reads the JSON block, draws it with vis-network, and renders every
// string from the graph with textContent or on the canvas: no data is ever parsed as HTML.
"use strict";
(() => {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const { people, interactions: events, articles, places, topics, countries } = data;
  const $ = (id) => document.getElementById(id);
  const container = $("network");
  const TIP_EVENTS = 4;                        // interactions listed in a hover card; a click shows them all
  const state = { language: data.language, from: "", to: "", undated: true, topic: -1, layers: new Set(), colourBy: "country", mode: "people" };

  // ---- the network: people and pairs now, layers when asked for ----------------------------
  // A person's node id is their row in data.people; pairs are numbered; layer ids are strings.
  const personNodes = [], pairEdges = [], layerNodes = { topics: [], countries: [], announced: [] },
    layerEdges = { topics: [], countries: [], announced: [] };
  for (const node of data.nodes) (node.layer ? layerNodes[node.layer] : personNodes).push(node);
  for (const edge of data.edges) (edge.layer ? layerEdges[edge.layer] : pairEdges).push(edge);
  const nodeById = new Map(data.nodes.map((node) => [node.id, node]));
  const edgeById = new Map(data.edges.map((edge) => [edge.id, edge]));
  const pairsOf = new Map(personNodes.map((node) => [node.id, []]));
  for (const edge of pairEdges) { pairsOf.get(edge.from).push(edge); pairsOf.get(edge.to).push(edge); }
  const nodes = new vis.DataSet(personNodes);
  const edges = new vis.DataSet(pairEdges);
  // Country mode: countries as nodes, contacts between their office holders as edges, in data sets of their own.
  const countryNodes = data.countryMode.nodes, countryEdges = data.countryMode.edges;
  for (const node of countryNodes) nodeById.set(node.id, node);
  for (const edge of countryEdges) edgeById.set(edge.id, edge);
  const countrySet = new vis.DataSet(countryNodes), countryEdgeSet = new vis.DataSet(countryEdges);

  // ---- words, names, dates -----------------------------------------------------------------
  function t(key, values = {}) {
    let text = (data.ui[state.language] || {})[key] ?? data.ui.en[key] ?? key;
    for (const [name, value] of Object.entries(values)) text = text.replaceAll(`{${name}}`, String(value));
    return text;
  }
  // Each language's calendar and digits (view_strings.json "locales"): Solar Hijri and Persian digits for fa.
  const locale = () => data.locales[state.language] || state.language;
  const formats = new Map();   // Intl formatters are slow to make: one per language and kind
  function format(kind, options) {
    const key = `${state.language} ${kind}`;
    if (!formats.has(key)) {
      formats.set(key, kind === "number" || kind === "digit" ? new Intl.NumberFormat(locale(), { useGrouping: kind === "number" })
        : new Intl.DateTimeFormat(locale(), options));
    }
    return formats.get(key);
  }
  const number = (n) => format("number").format(n);
  function pick(names) {
    if (!names) return "?";
    for (const language of [state.language, "en", "ar", "fa", "ru", "und"]) if (names[language]) return names[language];
    return Object.values(names).sort()[0] ?? "?";
  }
  const personName = (i) => pick(people[i].names);
  const topicName = (k) => pick(topics[k].names);
  const countryName = (code) => (code && countries[code] ? pick(countries[code].names) : code || t("unknownCountry"));
  const roleName = (role) => (data.roles[role] ? pick(data.roles[role]) : role.replaceAll("_", " "));
  function formatYear(day) {
    const when = new Date(`${day}T00:00:00Z`);
    return Number.isNaN(when.getTime()) ? day.slice(0, 4) : format("year", { year: "numeric", timeZone: "UTC" }).format(when);
  }
  function formatDate(day) {
    if (!day) return t("dateUnknown");
    const when = new Date(`${day}T00:00:00Z`);
    if (Number.isNaN(when.getTime())) return day;
    const dates = format("date", { dateStyle: "medium", timeZone: "UTC" });
    if (dates.resolvedOptions().calendar === "gregory") return dates.format(when);
    // A Solar Hijri date (Persian) is followed by the Gregorian one the articles mostly use, in the same digits.
    return `${dates.format(when)} (${format("gregorian", { dateStyle: "medium", timeZone: "UTC", calendar: "gregory" }).format(when)})`;
  }

  // The date inputs are text in the page's calendar and digits, in the order its readers write a date;
  // they also take an ISO date (2024-03-20) and digits of any of the scripts.
  const localDigits = /[\u0660-\u0669\u06f0-\u06f9]/g;
  const latin = (text) => text.replace(localDigits, (c) => String(c.charCodeAt(0) - (c >= "\u06f0" ? 0x06f0 : 0x0660)));
  const calendar = () => format("date", { dateStyle: "medium", timeZone: "UTC" }).resolvedOptions().calendar;
  function calendarParts(when, calendarName) {   // [year, month, day] of a UTC day, in Latin digits
    const key = `parts ${calendarName}`;
    if (!formats.has(key)) {
      formats.set(key, new Intl.DateTimeFormat(`en-u-ca-${calendarName}-nu-latn`, { year: "numeric", month: "numeric", day: "numeric", timeZone: "UTC" }));
    }
    const parts = Object.fromEntries(formats.get(key).formatToParts(when).map((part) => [part.type, part.value]));
    return [Number(parts.year ?? parts.relatedYear), Number(parts.month), Number(parts.day)];
  }
  const inputOrder = () => data.dateInput[state.language] || data.dateInput.en;
  function inputText(day) {   // 2024-03-20 as the page writes it: ۱۴۰۳/۰۱/۰۱ in Persian
    if (!day) return "";
    const [y, m, d] = calendarParts(new Date(`${day}T00:00:00Z`), calendar());
    const pad = (n, width) => String(n).padStart(width, "0").replace(/[0-9]/g, (c) => format("digit").format(Number(c)));
    const { order, separator } = inputOrder();
    return [...order].map((part) => (part === "y" ? pad(y, 4) : part === "m" ? pad(m, 2) : pad(d, 2))).join(separator);
  }
  function parseInput(text) {   // the ISO day a date input means, "" for none, null if it means no day
    const numbers = latin(text).trim().split(/[^0-9]+/).filter(Boolean).map(Number);
    if (!numbers.length) return "";
    if (numbers.length !== 3) return null;
    const yearFirst = numbers[0] > 31;
    const [y, m, d] = yearFirst ? numbers : inputOrder().order === "dmy" ? [numbers[2], numbers[1], numbers[0]] : numbers;
    const own = calendar();
    if (own !== "gregory" && y < 1700) return fromCalendar(own, y, m, d);   // a year of the page's calendar
    const when = new Date(Date.UTC(y, m - 1, d));
    return when.getUTCFullYear() === y && when.getUTCMonth() === m - 1 && when.getUTCDate() === d ? when.toISOString().slice(0, 10) : null;
  }
  function fromCalendar(calendarName, y, m, d) {   // the Gregorian day of a date in another calendar: days are in order, so bisect
    const wanted = [y, m, d], compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    let low = Date.UTC(1000, 0, 1) / 864e5, high = Date.UTC(2600, 0, 1) / 864e5;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (compare(calendarParts(new Date(middle * 864e5), calendarName), wanted) < 0) low = middle + 1; else high = middle;
    }
    const found = new Date(low * 864e5);
    return compare(calendarParts(found, calendarName), wanted) === 0 ? found.toISOString().slice(0, 10) : null;
  }

  // ---- DOM building: textContent only ----------------------------------------------------------
  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function free(tag, text, className, language) {   // a string from the graph: it takes its own direction
    const node = el(tag, text, className);
    node.dir = "auto";
    if (language && language !== "und") node.lang = language;
    return node;
  }
  function joined(parts, separator = " · ", className = undefined) {
    const line = el("div", null, className);
    parts.filter((part) => part !== null && part !== undefined && part !== "").forEach((part, i) => {
      if (i) line.append(separator);
      line.append(free("bdi", part));
    });
    return line;
  }
  function list(title, items) {
    const box = el("div");
    if (!items.length) return box;
    const ul = el("ul");
    for (const item of items) {   // the list keeps the page's direction; each entry is isolated in its own
      const entry = el("li");
      entry.append(item instanceof Node ? item : free("bdi", item));
      ul.append(entry);
    }
    box.append(el("h4", title), ul);
    return box;
  }
  function safeLink(url) {
    let parsed;
    try { parsed = new URL(url); } catch { return null; }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
    const link = el("a", url);
    link.href = parsed.href;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  // ---- cards: the hover tooltip and the click panel -----------------------------------------
  function personCard(i, full = false) {
    const person = people[i], card = el("div", null, "card");
    const eventsOf = new Set(pairsOf.get(i).flatMap((edge) => edge.interactions));
    card.append(free("h3", personName(i)));
    card.append(el("div", t("summary", { interactions: number(eventsOf.size), people: number(pairsOf.get(i).length) }), "note"));
    card.append(list(t("names"), Object.entries(person.names).map(([language, name]) => free("bdi", name, null, language))));
    card.append(list(t("offices"), person.offices.map(([role, code, start, end]) => {
      const term = `${start ? formatDate(start) : "?"} – ${end ? formatDate(end) : t("present")}`;
      return `${roleName(role)}${t("comma")}${countryName(code)} (${term})`;
    })));
    card.append(list(t("topTopics"), person.topics.map(([k, count]) => `${topicName(k)} (${number(count)})`)));
    if (full) card.append(focusControls(i), timeline(i, eventsOf), statementsByTopic(i, eventsOf));
    return card;
  }
  function focusControls(i) {   // one or two steps of neighbourhood around the person clicked
    const line = el("div", null, "note focus");
    line.append(el("span", t("focusSteps")), " ");
    for (const steps of [1, 2]) {
      const button = el("button", number(steps));
      button.type = "button";
      button.className = focus && focus.id === i && focus.steps === steps ? "on" : "";
      button.dataset.steps = String(steps);
      button.addEventListener("click", () => frame(setFocus(i, steps)));
      line.append(button, " ");
    }
    return line;
  }
  function articleLine(a) {   // an article as its headline and outlet, with a link when it has a web address
    const article = articles[a], line = joined([article.headline, article.publisher], " · ", "source");
    const link = article.url ? safeLink(article.url) : null;
    line.append(" ", link || free("bdi", article.file));
    return line;
  }
  function timeline(i, eventsOf) {   // their contacts by date, newest first, each with its counterparts and articles
    const box = el("div", null, "timeline");
    const shown = [...eventsOf].filter((k) => passes[k]).sort((a, b) => (events[b].date || "").localeCompare(events[a].date || "") || a - b);
    if (!shown.length) return box;
    box.append(el("h4", t("timeline", { n: number(shown.length) })));
    const pairsOfEvent = new Map();
    for (const edge of pairsOf.get(i)) for (const k of edge.interactions) pairsOfEvent.set(k, [...(pairsOfEvent.get(k) || []), edge.from === i ? edge.to : edge.from]);
    let year = null;
    for (const k of shown) {
      const event = events[k], y = event.date ? formatYear(event.date) : t("dateUnknown");
      if (y !== year) { box.append(el("div", y, "year")); year = y; }
      const entry = el("div", null, "event");
      entry.append(joined([formatDate(event.date), t(event.kind), (pairsOfEvent.get(k) || []).map(personName).join(t("comma")),
        event.place === null ? null : pick(places[event.place])], " · ", "head"));
      for (const a of event.src) entry.append(articleLine(a));
      box.append(entry);
    }
    return box;
  }
  function statementsByTopic(i, eventsOf) {   // what they said during these contacts, under each topic
    const byTopic = new Map();
    for (const k of eventsOf) {
      if (!passes[k]) continue;
      for (const statement of events[k].said) {
        if (!statement.by.includes(i)) continue;
        for (const topic of statement.topics.length ? statement.topics : [-1]) {
          if (!byTopic.has(topic)) byTopic.set(topic, []);
          byTopic.get(topic).push([k, statement]);
        }
      }
    }
    const box = el("div", null, "statements");
    if (!byTopic.size) return box;
    box.append(el("h4", t("statements")));
    const name = (topic) => (topic < 0 ? t("noTopic") : topicName(topic));
    for (const topic of [...byTopic.keys()].sort((a, b) => byTopic.get(b).length - byTopic.get(a).length || name(a).localeCompare(name(b)))) {
      const group = el("div", null, "topic-group");
      group.append(el("div", `${name(topic)} (${number(byTopic.get(topic).length)})`, "head"));
      for (const [k, statement] of byTopic.get(topic)) {
        for (const [text, language] of statement.text) group.append(free("p", text, "quote", language));
        const when = el("div", formatDate(events[k].date), "note");
        group.append(when);
        for (const a of events[k].src) group.append(articleLine(a));
      }
      box.append(group);
    }
    return box;
  }
  function eventBlock(k, full) {
    const event = events[k], block = el("div", null, "event");
    block.append(joined([formatDate(event.date), t(event.kind), event.place === null ? null : pick(places[event.place])],
      " · ", "head"));
    if (event.by !== null) block.append(el("div", t("calledBy", { name: personName(event.by) }), "note"));
    for (const [text, language] of event.say) block.append(free("p", text, "quote", language));
    if (event.topics.length) block.append(joined(event.topics.map(topicName), t("comma"), "note"));
    if (full) {
      for (const statement of event.said) {
        const said = el("div", null, "said");
        said.append(joined(statement.by.map(personName), t("comma"), "note"));
        for (const [text, language] of statement.text) {
          if (!event.say.some(([sentence]) => sentence === text)) said.append(free("p", text, "quote", language));
        }
        said.append(joined(statement.topics.map(topicName), t("comma"), "note"));
        block.append(said);
      }
    }
    for (const a of event.src) {
      const article = articles[a], source = el("div", null, "source");
      const quoted = event.say.some(([sentence]) => sentence === article.headline);   // often the evidence itself
      if (article.headline && !quoted) source.append(free("div", article.headline));
      const line = joined([article.publisher, article.file]);
      const link = full && article.url ? safeLink(article.url) : null;
      if (link) line.append(" ", link);
      source.append(line);
      block.append(source);
    }
    return block;
  }
  function pairCard(edge, full) {
    const card = el("div", null, "card"), title = el("h3");
    title.append(free("bdi", personName(edge.from)), " — ", free("bdi", personName(edge.to)));
    card.append(title);
    const shown = edge.interactions.filter((k) => passes[k]);
    const listed = full ? shown : shown.slice(0, TIP_EVENTS);
    for (const k of listed) card.append(eventBlock(k, full));
    if (listed.length < shown.length) card.append(el("div", t("more", { n: number(shown.length - listed.length) }), "note"));
    const hidden = edge.interactions.length - shown.length;
    if (hidden) card.append(el("div", t("hiddenByFilters", { n: number(hidden) }), "note"));
    return card;
  }
  function layerCard(node) {
    const card = el("div", null, "card");
    const names = node.layer === "topics" ? topics[node.key].names : countries[node.key].names;
    card.append(free("h3", pick(names)));
    const members = layerEdges[node.layer].filter((edge) => edge.to === node.id).length;
    card.append(el("div", t(node.layer === "topics" ? "speakers" : "members", { n: number(members) }), "note"));
    card.append(list(t("names"), Object.entries(names).map(([language, name]) => free("bdi", name, null, language))));
    return card;
  }
  function announcedCard(edge) {   // contacts the articles announce, request, imagine or deny: none reported as held
    const card = el("div", null, "card"), title = el("h3");
    title.append(free("bdi", personName(edge.from)), " — ", free("bdi", personName(edge.to)));
    card.append(title, el("div", t("announcedNote"), "note"));
    for (const k of edge.reports) {
      const report = data.reports[k], block = el("div", null, "event");
      block.append(joined([formatDate(report.date), t(`modality_${report.modality}`),
        t(report.kind === "phone" ? "PhoneCall" : report.kind === "meeting" ? "Meeting" : "Interaction")], " · ", "head"));
      for (const [text, language] of report.say) block.append(free("p", text, "quote", language));
      for (const a of report.src) block.append(articleLine(a));
      card.append(block);
    }
    return card;
  }
  function countryCard(node) {
    const card = el("div", null, "card");
    card.append(free("h3", countryName(node.key)));
    const partners = countryEdges.filter((edge) => !hiddenCountryEdges.has(edge.id) && (edge.from === node.id || edge.to === node.id));
    card.append(el("div", t("countrySummary", { people: number(node.weight), countries: number(partners.length) }), "note"));
    card.append(list(t("partners"), partners
      .map((edge) => [nodeById.get(edge.from === node.id ? edge.to : edge.from).key, edge.interactions.filter((k) => passes[k]).length])
      .sort((a, b) => b[1] - a[1]).map(([code, n]) => `${countryName(code)} (${number(n)})`)));
    return card;
  }
  function countryPairCard(edge, full) {
    const card = el("div", null, "card"), title = el("h3");
    title.append(free("bdi", countryName(nodeById.get(edge.from).key)), " — ", free("bdi", countryName(nodeById.get(edge.to).key)));
    card.append(title);
    const shown = edge.interactions.filter((k) => passes[k]);
    const listed = full ? shown : shown.slice(0, TIP_EVENTS);
    for (const k of listed) {
      const block = eventBlock(k, full);
      block.prepend(joined(pairsOfEvent(k).map(personName), t("comma"), "note"));
      card.append(block);
    }
    if (listed.length < shown.length) card.append(el("div", t("more", { n: number(shown.length - listed.length) }), "note"));
    return card;
  }
  const peopleOfEvent = new Map();
  for (const edge of pairEdges) for (const k of edge.interactions) {
    if (!peopleOfEvent.has(k)) peopleOfEvent.set(k, new Set());
    peopleOfEvent.get(k).add(edge.from).add(edge.to);
  }
  const pairsOfEvent = (k) => [...(peopleOfEvent.get(k) || [])];
  function cardFor(kind, id, full) {
    if (kind === "node") {
      const node = nodeById.get(id);
      if (node && node.mode === "countries") return countryCard(node);
      return node ? (node.layer ? layerCard(node) : personCard(node.id, full)) : null;
    }
    const edge = edgeById.get(id);
    if (!edge) return null;
    if (edge.mode === "countries") return countryPairCard(edge, full);
    if (edge.layer === "announced") return announcedCard(edge);
    return edge.layer ? layerCard(nodeById.get(edge.to)) : pairCard(edge, full);
  }

  const tip = $("tip");
  function showTooltip(kind, id, x = 0, y = 0) {
    const card = cardFor(kind, id, false);
    if (!card) return hideTooltip();
    tip.replaceChildren(card);
    tip.hidden = false;
    const box = tip.getBoundingClientRect();
    tip.style.left = `${Math.max(4, Math.min(x + 14, innerWidth - box.width - 8))}px`;
    tip.style.top = `${Math.max(4, Math.min(y + 14, innerHeight - box.height - 8))}px`;
    return tip;
  }
  function hideTooltip() { tip.hidden = true; tip.replaceChildren(); return null; }
  let details = null;
  function showDetails(kind, id) {
    const card = cardFor(kind, id, true);
    if (!card) return closeDetails();
    $("details-body").replaceChildren(card);
    $("details").hidden = false;
    details = { kind, id };
    return $("details");
  }
  function closeDetails() {
    $("details").hidden = true;
    $("details-body").replaceChildren();
    details = null;
    clearFocus();
    return null;
  }

  // ---- focus: a person's neighbourhood, one or two steps, everything else faded -----------------
  let focus = null;   // { id, steps }
  const FADED = { node: 0.12, edge: "rgba(160,168,179,0.08)" };
  function neighbourhood(id, steps) {
    const reached = new Set([id]);
    let edge = [id];
    for (let step = 0; step < steps; step++) {
      const next = [];
      for (const at of edge) {
        for (const pair of pairsOf.get(at) || []) {
          if (hiddenEdges.has(pair.id)) continue;
          const other = pair.from === at ? pair.to : pair.from;
          if (!reached.has(other)) { reached.add(other); next.push(other); }
        }
      }
      edge = next;
    }
    return reached;
  }
  function showFocus() {
    const inside = focus ? neighbourhood(focus.id, focus.steps) : null;
    const nodeUpdates = [], edgeUpdates = [];
    for (const node of personNodes) {
      const out = inside !== null && !inside.has(node.id);
      if (out === faded.has(node.id)) continue;
      if (out) faded.add(node.id); else faded.delete(node.id);
      nodeUpdates.push({ id: node.id, opacity: out ? FADED.node : 1 });
    }
    for (const edge of pairEdges) {
      const out = inside !== null && !(inside.has(edge.from) && inside.has(edge.to));
      if (out === fadedEdges.has(edge.id)) continue;
      if (out) fadedEdges.add(edge.id); else fadedEdges.delete(edge.id);
      edgeUpdates.push({ id: edge.id, color: { color: out ? FADED.edge : data.options.edges.color.color } });
    }
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
  }
  function inSight(id) {   // on the canvas and not under the card or the legend
    const at = network.canvasToDOM(network.getPositions([id])[id]), box = container.getBoundingClientRect();
    const x = box.left + at.x, y = box.top + at.y;
    const under = (element) => { if (element.hidden) return false; const r = element.getBoundingClientRect();
      return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom; };
    return x > box.left && x < box.right && y > box.top && y < box.bottom && !under($("details")) && !under($("legend"));
  }
  function frame(ids) {   // the neighbourhood in view, beside the card rather than under it
    if (ids.length < 2 || ids.every(inSight)) return;   // already in sight: the view stays where the reader put it
    $("legend").open = false;   // it would hide part of the neighbourhood; one click opens it again
    network.fit({ nodes: ids, animation: false });
    const panel = $("details").hidden ? 0 : $("details").getBoundingClientRect().width + 16;
    const width = container.clientWidth, room = Math.max(width - panel, width / 3);
    network.moveTo({ position: network.getViewPosition(), scale: network.getScale() * room / width,
      offset: { x: (document.documentElement.dir === "rtl" ? 1 : -1) * (width - room) / 2, y: 0 } });
  }
  function setFocus(id, steps = 1) {
    focus = { id, steps };
    showFocus();
    if (details && details.kind === "node" && details.id === id) showDetails("node", id);
    return [...neighbourhood(id, steps)];
  }
  function clearFocus() {
    if (!focus) return;
    focus = null;
    showFocus();
  }
  $("details-close").addEventListener("click", closeDetails);

  // ---- filters: date range, undated, topic ------------------------------------------------------
  const ancestors = topics.map((_, k) => {
    const seen = new Set();
    for (let at = k; at !== null && at !== undefined && !seen.has(at); at = topics[at].broader) seen.add(at);
    return seen;
  });
  function eventPasses(event) {
    if (event.date) {
      if ((state.from && event.date < state.from) || (state.to && event.date > state.to)) return false;
    } else if (!state.undated) return false;
    return state.topic < 0 || event.topics.some((k) => ancestors[k].has(state.topic));
  }
  let passes = events.map(eventPasses);
  // Node and edge ids overlap (both count from 0): each kind has its own set.
  const hiddenCountryNodes = new Set(), hiddenCountryEdges = new Set();
  const hiddenNodes = new Set(), hiddenEdges = new Set(), widths = new Map(pairEdges.map((edge) => [edge.id, edge.width]));
  function setHidden(hiddenSet, id, hidden, updates, extra = {}) {
    if (hidden === hiddenSet.has(id) && !Object.keys(extra).length) return;
    if (hidden) hiddenSet.add(id); else hiddenSet.delete(id);
    updates.push({ id, hidden, ...extra });
  }
  function applyFilters() {
    passes = events.map(eventPasses);
    const nodeUpdates = [], edgeUpdates = [], reached = new Set();
    let pairs = 0;
    for (const edge of pairEdges) {
      const shown = edge.interactions.reduce((n, k) => n + (passes[k] ? 1 : 0), 0);
      const visible = edge.interactions.length ? shown > 0 : state.undated && state.topic < 0;
      const width = edge.interactions.length ? data.edgeWidths[shown] : edge.width;
      const extra = visible && widths.get(edge.id) !== width ? { width } : {};
      if (extra.width !== undefined) widths.set(edge.id, width);
      setHidden(hiddenEdges, edge.id, !visible, edgeUpdates, extra);
      if (visible) { pairs += 1; reached.add(edge.from); reached.add(edge.to); }
    }
    for (const node of personNodes) setHidden(hiddenNodes, node.id, !reached.has(node.id), nodeUpdates);
    for (const edge of state.layers.has("announced") ? layerEdges.announced : []) {   // both people shown, a report in the period
      const inPeriod = edge.reports.some((k) => { const day = data.reports[k].date;
        return day ? !((state.from && day < state.from) || (state.to && day > state.to)) : state.undated; });
      setHidden(hiddenEdges, edge.id, !(inPeriod && reached.has(edge.from) && reached.has(edge.to)), edgeUpdates);
    }
    for (const layer of state.layers) {
      if (layer === "announced") continue;
      const linked = new Set();
      for (const edge of layerEdges[layer]) {
        setHidden(hiddenEdges, edge.id, !reached.has(edge.from), edgeUpdates);
        if (reached.has(edge.from)) linked.add(edge.to);
      }
      for (const node of layerNodes[layer]) setHidden(hiddenNodes, node.id, !linked.has(node.id), nodeUpdates);
    }
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
    const countryNodeUpdates = [], countryEdgeUpdates = [], linked = new Set();
    for (const edge of countryEdges) {
      const shown = edge.interactions.reduce((n, k) => n + (passes[k] ? 1 : 0), 0);
      setHidden(hiddenCountryEdges, edge.id, !shown, countryEdgeUpdates, shown ? { width: data.edgeWidths[Math.min(shown, data.edgeWidths.length - 1)] } : {});
      if (shown) { linked.add(edge.from); linked.add(edge.to); }
    }
    for (const node of countryNodes) setHidden(hiddenCountryNodes, node.id, !linked.has(node.id), countryNodeUpdates);
    countrySet.update(countryNodeUpdates);
    countryEdgeSet.update(countryEdgeUpdates);
    counts.people = reached.size;
    counts.pairs = pairs;
    counts.interactions = passes.reduce((n, pass) => n + (pass ? 1 : 0), 0);
    showCounts();
    if (focus) showFocus();
    if (details) showDetails(details.kind, details.id);
    drawStrip();
  }
  const counts = { people: personNodes.length, pairs: pairEdges.length, interactions: events.length };
  function showCounts() {
    const { people: p, pairs, interactions } = counts;
    $("counts").textContent = t("counts", { people: number(p), pairs: number(pairs), interactions: number(interactions) });
    const shown = data.window;   // set when the graph is bigger than one view: say which part this is
    $("window-note").hidden = !shown;
    if (shown) {
      $("window-note").textContent = t("window", { shown: number(shown.shown), total: number(shown.total),
        first: formatDate(shown.first), last: formatDate(shown.last) });
    }
  }
  const dated = events.map((event) => event.date).filter(Boolean).sort();
  for (const input of [$("date-from"), $("date-to")]) {
    input.addEventListener("change", () => {
      const from = parseInput($("date-from").value), to = parseInput($("date-to").value);
      $("date-from").setAttribute("aria-invalid", String(from === null));
      $("date-to").setAttribute("aria-invalid", String(to === null));
      if (from !== null && to !== null) setDates(from, to);
    });
  }
  function showDates() {
    $("date-from").value = inputText(state.from);
    $("date-to").value = inputText(state.to);
    for (const input of [$("date-from"), $("date-to")]) { input.placeholder = t("datePlaceholder"); input.removeAttribute("aria-invalid"); }
  }
  function setDates(from, to) {
    state.from = from || "";
    state.to = to || "";
    showDates();
    applyFilters();
    drawStrip();
  }

  // ---- the time strip: contacts per month under the network; drag across it to choose a period ----
  const strip = $("strip"), stripBox = { pad: 6, axis: 14 };
  const monthKey = (day) => day.slice(0, 7);
  const months = [];   // "YYYY-MM" from the first dated contact to the last
  if (dated.length) {
    let [y, m] = dated[0].split("-").map(Number);
    const [lastY, lastM] = dated[dated.length - 1].split("-").map(Number);
    while (y < lastY || (y === lastY && m <= lastM)) {
      months.push(`${y}-${String(m).padStart(2, "0")}`);
      if (++m > 12) { m = 1; y += 1; }
    }
  }
  const monthIndex = new Map(months.map((key, i) => [key, i]));
  const lastDay = (key) => { const [y, m] = key.split("-").map(Number); return `${key}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`; };
  const rtl = () => document.documentElement.dir === "rtl";   // time runs the way the page reads
  function monthAt(clientX) {
    const box = strip.getBoundingClientRect(), width = box.width - 2 * stripBox.pad;
    let fraction = (clientX - box.left - stripBox.pad) / width;
    if (rtl()) fraction = 1 - fraction;
    return Math.max(0, Math.min(months.length - 1, Math.floor(fraction * months.length)));
  }
  let dragging = null;   // the month where the drag began, and where it is now
  function drawStrip() {
    if (!months.length) { strip.hidden = true; return; }
    const ratio = window.devicePixelRatio || 1, width = strip.clientWidth, height = strip.clientHeight;
    strip.width = Math.round(width * ratio);
    strip.height = Math.round(height * ratio);
    const ctx = strip.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const all = new Array(months.length).fill(0), kept = new Array(months.length).fill(0);
    events.forEach((event, k) => {
      if (!event.date) return;
      const i = monthIndex.get(monthKey(event.date));
      all[i] += 1;
      if (passes[k]) kept[i] += 1;
    });
    const most = Math.max(1, ...all), inner = width - 2 * stripBox.pad, bars = height - stripBox.axis - 2;
    const step = inner / months.length;
    const left = (i) => stripBox.pad + (rtl() ? months.length - 1 - i : i) * step;
    const chosen = dragging ? [Math.min(...dragging), Math.max(...dragging)]
      : [state.from ? monthIndex.get(monthKey(state.from)) ?? 0 : 0, state.to ? monthIndex.get(monthKey(state.to)) ?? months.length - 1 : months.length - 1];
    ctx.fillStyle = "rgba(31,95,168,0.10)";
    const a = left(chosen[0]), b = left(chosen[1]);
    ctx.fillRect(Math.min(a, b), 0, Math.abs(b - a) + step, bars + 2);
    for (let i = 0; i < months.length; i++) {
      const h = (all[i] / most) * bars, hk = (kept[i] / most) * bars;
      ctx.fillStyle = "#c9ced6";
      ctx.fillRect(left(i) + step * 0.1, bars + 2 - h, Math.max(step * 0.8, 1), h);
      ctx.fillStyle = "#1f5fa8";
      ctx.fillRect(left(i) + step * 0.1, bars + 2 - hk, Math.max(step * 0.8, 1), hk);
    }
    ctx.fillStyle = "#555";
    ctx.font = `11px ${data.fontFaces}`;
    ctx.textBaseline = "bottom";
    ctx.textAlign = "center";
    let lastX = -Infinity, lastYear = null;
    for (let i = 0; i < months.length; i++) {   // a year's name where it starts (in the page's calendar), if there is room
      const label = formatYear(`${months[i]}-15`);
      if (label === lastYear) continue;
      lastYear = label;
      const w = ctx.measureText(label).width, x = Math.max(w / 2 + 2, Math.min(width - w / 2 - 2, left(i) + step / 2));
      if (Math.abs(x - lastX) < w + 12) continue;
      ctx.fillText(label, x, height);
      lastX = x;
    }
  }
  strip.addEventListener("pointerdown", (event) => {
    if (!months.length) return;
    strip.setPointerCapture(event.pointerId);
    dragging = [monthAt(event.clientX), monthAt(event.clientX)];
    drawStrip();
  });
  strip.addEventListener("pointermove", (event) => {
    if (!dragging) return;
    dragging[1] = monthAt(event.clientX);
    drawStrip();
  });
  strip.addEventListener("pointerup", () => {
    if (!dragging) return;
    const [first, last] = [Math.min(...dragging), Math.max(...dragging)];
    dragging = null;
    setDates(`${months[first]}-01`, lastDay(months[last]));
  });
  strip.addEventListener("dblclick", () => setDates(dated[0] || "", dated[dated.length - 1] || ""));   // the whole period again
  window.addEventListener("resize", () => drawStrip());
  $("undated").addEventListener("change", (event) => { state.undated = event.target.checked; applyFilters(); });
  function setTopic(k) {
    state.topic = Number(k);
    $("topic").value = String(state.topic);
    applyFilters();
  }
  $("topic").addEventListener("change", (event) => setTopic(event.target.value));
  function fillTopics() {
    const children = new Map();
    topics.forEach((topic, k) => {
      const parent = topic.broader ?? -1;
      if (!children.has(parent)) children.set(parent, []);
      children.get(parent).push(k);
    });
    const options = [el("option", t("allTopics"))];
    options[0].value = "-1";
    const walk = (parent, depth) => {
      for (const k of (children.get(parent) || []).sort((a, b) => topicName(a).localeCompare(topicName(b), state.language))) {
        const option = el("option", "\u2003".repeat(depth) + topicName(k));
        option.value = String(k);
        options.push(option);
        walk(k, depth + 1);
      }
    };
    walk(-1, 0);
    $("topic").replaceChildren(...options);
    $("topic").value = String(state.topic);
  }

  // ---- layers: topics and countries ---------------------------------------------------------------
  function layerLabel(node) { return pick(node.layer === "topics" ? topics[node.key].names : countries[node.key].names); }
  function setLayer(layer, on) {
    $(`layer-${layer}`).checked = on;
    if (on === state.layers.has(layer)) return;
    if (on) {
      state.layers.add(layer);
      nodes.add(layerNodes[layer].map((node) => ({ ...node, name: layerLabel(node) })));
      edges.add(layerEdges[layer]);
    } else {
      state.layers.delete(layer);
      nodes.remove(layerNodes[layer].map((node) => node.id));
      edges.remove(layerEdges[layer].map((edge) => edge.id));
      for (const node of layerNodes[layer]) hiddenNodes.delete(node.id);
      for (const edge of layerEdges[layer]) hiddenEdges.delete(edge.id);
    }
    applyFilters();
  }
  for (const layer of ["topics", "countries", "announced"]) {
    $(`layer-${layer}`).addEventListener("change", (event) => setLayer(layer, event.target.checked));
  }

  // ---- colours and legend: by country (the same colour in every graph) or by community ---------
  const communityTop = new Map();   // community → its most connected person: how the legend names it
  for (const node of personNodes) {
    const best = communityTop.get(node.community);
    if (best === undefined || node.weight > nodeById.get(best).weight) communityTop.set(node.community, node.id);
  }
  const countryColour = (code) => (code && countries[code] ? countries[code].colour : data.unknownColour);
  const nodeColour = (node) => (state.colourBy === "community" ? data.communityColours[node.community]
    : countryColour(people[node.id].country));
  function setColourBy(mode) {
    state.colourBy = mode === "community" ? "community" : "country";
    $("colour-by").value = state.colourBy;
    nodes.update(personNodes.map((node) => ({ id: node.id, color: nodeColour(node) })));
    fillLegend();
  }
  $("colour-by").addEventListener("change", (event) => setColourBy(event.target.value));
  function legendRow(swatchClass, colour, name, count) {
    const item = el("li"), swatch = el("span", null, swatchClass);
    if (colour) swatch.style.background = colour;
    item.append(swatch, free("bdi", name));
    if (count !== undefined) item.append(el("span", number(count), "count"));
    return item;
  }
  function fillLegend() {
    const tally = new Map();
    for (const node of personNodes) {
      const key = state.colourBy === "community" ? node.community : people[node.id].country || "";
      tally.set(key, (tally.get(key) || 0) + 1);
    }
    const byCommunity = state.colourBy === "community";
    const name = (key) => (byCommunity ? t("communityOf", { name: personName(communityTop.get(key)) }) : countryName(key));
    const rows = [...tally].sort((a, b) => b[1] - a[1] || String(name(a[0])).localeCompare(name(b[0]), state.language));
    const head = el("li", null, "head");
    head.append(el("span", byCommunity ? t("legendCommunity") : t("legendCountry")), el("span", t("legendPeople"), "count"));
    $("legend-list").replaceChildren(head, ...rows.map(([key, n]) =>
      legendRow("swatch", byCommunity ? data.communityColours[key] : countryColour(key), name(key), n)));
    $("legend-shapes").replaceChildren(
      legendRow("shape dot", null, t("shapePerson")),
      legendRow("shape diamond", null, t("shapeTopic")),
      legendRow("shape square", null, t("shapeCountry")),
      legendRow("shape dashed", null, t("shapeAnnounced")));
  }

  // ---- names on the canvas: the most connected first, never one over another ------------------
  // vis-network would draw every name at once; these are drawn after it, in screen pixels, in
  // order of priority: the hovered, selected and searched people and their neighbours, then by
  // interactions, at most a screenful. A name whose box would touch one already drawn, or that comes
  // after the screenful, waits until the reader zooms in.
  const LABEL = { min: 11, max: 16, pad: 2, gap: 2, lineHeight: 1.3, budget: 70, reach: 300 };   // screen pixels; names per screen
  const measurer = document.createElement("canvas").getContext("2d");
  const textWidths = new Map();
  const labelPx = (node) => Math.min(LABEL.max, LABEL.min + Math.log2(1 + (node.weight || 0)));
  function textWidth(text, px) {
    const key = `${px}\u0000${text}`;
    if (!textWidths.has(key)) { measurer.font = `${px}px ${data.fontFaces}`; textWidths.set(key, measurer.measureText(text).width); }
    return textWidths.get(key);
  }
  const byPriority = personNodes.map((node) => node.id).sort((a, b) => nodeById.get(b).weight - nodeById.get(a).weight || a - b);
  const countryByPriority = countryNodes.map((node) => node.id)
    .sort((a, b) => nodeById.get(b).weight - nodeById.get(a).weight || a.localeCompare(b));
  const hovered = new Set();
  let drawnLabels = [];
  function pinned() {   // whose names are always drawn
    const chosen = new Set([...hovered, ...network.getSelectedNodes()]);
    if (focus) chosen.add(focus.id);
    const around = new Set(chosen);
    for (const id of chosen) for (const edge of pairsOf.get(id) || []) if (!hiddenEdges.has(edge.id)) { around.add(edge.from); around.add(edge.to); }
    return around;
  }
  function drawLabels(ctx) {
    const body = network.body.nodes, scale = network.getScale(), ratio = network.canvas.pixelRatio || 1;
    const width = container.clientWidth, height = container.clientHeight;
    const always = state.mode === "countries" ? new Set(hovered) : pinned(), order = [...always];
    if (state.mode === "countries") {
      for (const id of countryByPriority) if (!always.has(id)) order.push(id);
    } else {
      for (const layer of state.layers) for (const node of layerNodes[layer]) order.push(node.id);   // few, and they explain the rest
      for (const id of byPriority) if (!always.has(id)) order.push(id);
    }
    const grid = new Map(), cell = 64, placed = [];
    let named = 0;
    const cells = (box) => {
      const keys = [];
      for (let gx = Math.floor(box.x / cell); gx <= Math.floor((box.x + box.w) / cell); gx++) {
        for (let gy = Math.floor(box.y / cell); gy <= Math.floor((box.y + box.h) / cell); gy++) keys.push(`${gx},${gy}`);
      }
      return keys;
    };
    const clashes = (box) => cells(box).some((key) => (grid.get(key) || []).some((other) =>
      box.x < other.x + other.w && other.x < box.x + box.w && box.y < other.y + other.h && other.y < box.y + box.h));
    for (const id of order) {
      const shown = body[id], node = nodeById.get(id);
      if (!shown || shown.options.hidden || faded.has(id)) continue;
      const at = network.canvasToDOM({ x: shown.x, y: shown.y });
      if (at.x < -LABEL.reach || at.y < -LABEL.reach || at.x > width + LABEL.reach || at.y > height + LABEL.reach) continue;
      const name = node.mode === "countries" ? countryName(node.key) : node.layer ? layerLabel(node) : personName(id);
      const px = node.layer ? LABEL.min : labelPx(node);   // a country's weight is its people
      const w = textWidth(name, px) + 2 * LABEL.pad, h = px * LABEL.lineHeight, r = (shown.options.size || 8) * scale + LABEL.gap;
      // below the node, else above, after or before it, else at one of its corners: the first place that is free
      const c = r * Math.SQRT1_2;
      const spots = [[at.x - w / 2, at.y + r], [at.x - w / 2, at.y - r - h], [at.x + r, at.y - h / 2], [at.x - r - w, at.y - h / 2],
        [at.x + c, at.y + c], [at.x - c - w, at.y + c], [at.x + c, at.y - c - h], [at.x - c - w, at.y - c - h]];
      const boxes = spots.map(([x, y]) => ({ id, name, px, x, y, w, h }))
        .filter((box) => box.x + w > 0 && box.y + h > 0 && box.x < width && box.y < height);
      const box = always.has(id) ? boxes[0] : boxes.find((candidate) => !clashes(candidate));
      if (!box) continue;
      if (!always.has(id) && ++named > LABEL.budget) break;   // a screenful of names is enough: zoom in for more
      placed.push(box);
      for (const key of cells(box)) { if (!grid.has(key)) grid.set(key, []); grid.get(key).push(box); }
    }
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    for (const box of placed) {
      ctx.font = `${always.has(box.id) ? "600 " : ""}${box.px}px ${data.fontFaces}`;
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(255,255,255,0.9)";
      ctx.fillStyle = faded.size && !always.has(box.id) ? "#888" : "#1d1d1d";
      ctx.strokeText(box.name, box.x + box.w / 2, box.y + box.h / 2);
      ctx.fillText(box.name, box.x + box.w / 2, box.y + box.h / 2);
    }
    ctx.restore();
    drawnLabels = placed.map(({ id, name, px, x, y, w, h }) => ({ id, name, px, x, y, w, h }));
  }
  const faded = new Set(), fadedEdges = new Set();   // outside a focused person's neighbourhood: no names drawn

  // ---- search: any name in any language, Arabic and Persian letter forms folded ----------------
  const fold = (text) => text.normalize("NFKD")
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640\u200c\u200d]/g, "")
    .replace(/[\u06cc\u0649]/g, "\u064a").replace(/\u06a9/g, "\u0643").replace(/\u0629/g, "\u0647")
    .toLowerCase();
  let folded = null;
  function search(query, focus = false) {
    const wanted = fold(query.trim());
    if (!wanted) { network.unselectAll(); $("found").textContent = ""; return []; }
    folded ??= personNodes.map((node) => Object.values(people[node.id].names).map(fold).join("\n"));
    const ids = personNodes.filter((node, i) => !hiddenNodes.has(node.id) && folded[i].includes(wanted)).map((node) => node.id);
    network.selectNodes(ids, false);
    $("found").textContent = t("found", { n: number(ids.length) });
    if (focus && ids.length === 1) { network.focus(ids[0], { scale: Math.max(network.getScale(), 1) }); showDetails("node", ids[0]); }
    else if (focus && ids.length) network.fit({ nodes: ids });
    return ids;
  }
  let typing = 0;
  $("search").addEventListener("input", (event) => { clearTimeout(typing); typing = setTimeout(() => search(event.target.value), 250); });
  $("search").addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    clearTimeout(typing);
    search(event.target.value, true);
  });

  // ---- mode: people or countries ------------------------------------------------------------------
  function setMode(mode) {
    const next = mode === "countries" ? "countries" : "people";
    $("mode").value = next;
    if (next === state.mode) return;
    closeDetails();
    hideTooltip();
    hovered.clear();
    state.mode = next;
    network.setData(next === "countries" ? { nodes: countrySet, edges: countryEdgeSet } : { nodes, edges });
    network.fit();
    for (const id of ["layers", "colour-by"]) $(id).disabled = next === "countries";
  }
  $("mode").addEventListener("change", (event) => setMode(event.target.value));

  // ---- language --------------------------------------------------------------------------------------------
  function showWords() {   // everything on the page but the canvas labels, in state.language
    const root = document.documentElement;
    root.lang = state.language;
    root.dir = data.rtl.includes(state.language) ? "rtl" : "ltr";
    $("language").value = state.language;
    for (const node of document.querySelectorAll("[data-ui]")) node.textContent = t(node.dataset.ui);
    $("search").placeholder = t("searchPlaceholder");
    strip.title = t("stripHelp");
    showDates();
    fillTopics();
    fillLegend();
    showCounts();
    drawStrip();
    if (details) showDetails(details.kind, details.id);
    hideTooltip();
  }
  function setLanguage(language) {
    state.language = data.ui[language] ? language : "en";
    const relabelled = personNodes.map((node) => ({ id: node.id, name: personName(node.id) }));
    for (const layer of state.layers) for (const node of layerNodes[layer]) relabelled.push({ id: node.id, name: layerLabel(node) });
    nodes.update(relabelled);
    countrySet.update(countryNodes.map((node) => ({ id: node.id, name: countryName(node.key) })));
    showWords();
  }
  $("language").addEventListener("change", (event) => setLanguage(event.target.value));

  // ---- start ---------------------------------------------------------------------------------------------------
  if (!personNodes.length) {
    const note = el("p");
    note.id = "empty";
    note.dataset.ui = "empty";
    $("stage").append(note);
  }
  const network = new vis.Network(container, { nodes, edges }, data.options);
  const atPointer = (params) => {
    const box = container.getBoundingClientRect();
    return [box.left + params.pointer.DOM.x, box.top + params.pointer.DOM.y];
  };
  network.on("afterDrawing", drawLabels);
  network.on("hoverNode", (params) => {
    hovered.clear();
    hovered.add(params.node);
    network.redraw();   // their names and their neighbours'
    showTooltip("node", params.node, ...atPointer(params));
  });
  network.on("blurNode", () => { hovered.clear(); network.redraw(); });
  network.on("hoverEdge", (params) => showTooltip("edge", params.edge, ...atPointer(params)));
  for (const name of ["blurNode", "blurEdge", "dragStart", "zoom"]) network.on(name, hideTooltip);
  network.on("click", (params) => {
    hideTooltip();
    const person = params.nodes.length && !nodeById.get(params.nodes[0]).layer ? params.nodes[0] : null;
    if (person !== null) {
      const around = setFocus(person, focus && focus.id === person ? focus.steps : 1);
      showDetails("node", person);
      frame(around);
    }
    else if (params.nodes.length) { clearFocus(); showDetails("node", params.nodes[0]); }
    else if (params.edges.length) { clearFocus(); showDetails("edge", params.edges[0]); }
    else closeDetails();
  });
  network.once("afterDrawing", () => {
    window.diplographReadyAt = performance.now();
    window.diplographReady = true;
  });
  state.from = dated[0] || "";
  state.to = dated[dated.length - 1] || "";
  showWords();   // the labels came in state.language already
  // For tests and the curious: the page's own handles, nothing the page depends on.
  window.diplograph = {
    network, nodes, edges, data, state, counts, setLanguage, setDates, setTopic, setLayer, search, setColourBy,
    labelBoxes: () => drawnLabels.map((box) => ({ ...box })),
    showTooltip, hideTooltip, showDetails, closeDetails, applyFilters, setFocus, clearFocus, focused: () => focus && { ...focus },
    faded: () => [...faded], setMode, months, parseInput, inputText, countryNodes: countrySet, countryEdges: countryEdgeSet,
  };
})();
