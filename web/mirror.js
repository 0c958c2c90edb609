// The HTML mirror of the explainer: all four panels as ordinary HTML for screen readers,
// keyboard users and readers whose browser cannot run the canvas. The article with every
// annotation a button, the timeline as an ordered list of dated events, the quotes as
// block quotations with speaker and role, and the map as a list of places and the
// distances the pack checks. Each item selects its entity in the explainer (the canvas
// follows); the selected entity's items carry aria-current, and every selection is
// announced in a live region. Pack text is set with textContent only, never as HTML.
//
// Loaded before page.js (the reader's page) and before editor.js (edit.html, whose preview
// carries the same mirror and rebuilds it after every edit), which drive it through
// window.ExplainerMirror.
//
// Index
// - [SECTION] Building blocks
// - [SECTION] Article
// - [SECTION] Sources and corrections
// - [SECTION] Timeline, quotes, map
// - [SECTION] Current item and announcements
// - [SECTION] Plain article (no engine)
window.ExplainerMirror = (function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  let select = () => {};          // selects an entity in the explainer (set by build)
  let entities = new Map();       // id -> entity (Explainer.entities()), for announcements
  let countries = null;           // place id -> country name; null until the basemap is in
  let current = null;             // the selected entity's id
  let built = false;              // build() has run
  let unannounced;                // a link's selection, made before the mirror could say it (see announce)
  let controlsOf = new Map();     // entity id -> its controls in the mirror (build fills it)
  let marked = [];                // the controls marked as current
  let packLanguage = '';          // the article's BCP 47 tag ("uk"), '' when the pack states none

  // [SECTION] Building blocks ----------------------------------------------------------------

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  // Marks `node` as text in `language` (a BCP 47 tag) for screen readers and the browser;
  // without one it reads as the page does (the explainer's own words are English).
  function setLanguage(node, language) {
    if (language) node.lang = language;
    else node.removeAttribute('lang');
  }

  // The language a text's own script tells, where the pack says none: Korean for Hangul,
  // Japanese for kana, so that "서울" in an English article is not read with an English
  // voice. Ideographs alone are Chinese's and Japanese's both: they say nothing.
  function scriptLanguage(text) {
    if (/[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7A3]/.test(text)) return 'ko';
    if (/[\u3040-\u30FF\u31F0-\u31FF]/.test(text)) return 'ja';
    return '';
  }

  // A control that selects entity `id`: one button, never inside another control. Its
  // text is the pack's (a name, a mention), in the article's language unless its script
  // tells another.
  function control(id, text, className) {
    const button = element('button', className, text);
    const language = scriptLanguage(text) || packLanguage;
    if (language) button.lang = language;
    button.type = 'button';
    button.dataset.entity = id;
    const controls = controlsOf.get(id);
    if (controls) controls.push(button);
    else controlsOf.set(id, [button]);
    return button;
  }

  let describedCount = 0;
  // Gives `node` an id (for aria-describedby) and returns it.
  function idOf(node) {
    if (!node.id) node.id = 'mirror-d' + ++describedCount;
    return node.id;
  }

  // Fills one panel's section: its items, or a sentence saying there are none (never an
  // empty list).
  function fillSection(sectionId, items, emptyText, build) {
    const section = $(sectionId);
    const content = section.querySelector('.mirror-items');
    content.textContent = '';
    section.hidden = false;
    if (!items.length) {
      content.appendChild(element('p', 'mirror-empty', emptyText));
      return;
    }
    build(content);
  }

  // Every control in the mirror selects its entity; Enter and Space are the button's own.
  function listen() {
    const mirror = $('mirror');
    if (mirror.dataset.listening) return;
    mirror.dataset.listening = '1';
    mirror.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-entity]');
      if (button) select(button.dataset.entity);
    });
    // Escape leaves the text view for the interactive one.
    mirror.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') $('canvas').focus();
    });
  }

  // [SECTION] Article -------------------------------------------------------------------------
  // Mentions nest ("the French capital" holds "French"; a quote holds the names in it).
  // ARIA allows no control inside another, so each mention gets a control of its own: the
  // outermost carries the whole phrase, and the ones inside it follow at once as small
  // controls named by their entity ("French: France, place").

  function mentionLabel(span, words) {
    return `${words}: ${span.name}, ${span.type}. ${span.description}`;
  }

  // A mention's control, named "words: name, type. description". Words in another language
  // than the pack's (a quotation's, `wordsLanguage`) are the control's own text in an
  // element of that language, and the rest follows unseen in the pack's: one aria-label
  // would have read all of it in one language.
  function mentionControl(span, words, className, wordsLanguage) {
    const nested = className === 'mention-nested';
    const classes = `mention mention-${span.type}${className ? ' ' + className : ''}`;
    if (!wordsLanguage || wordsLanguage === packLanguage) {
      const button = control(span.id, nested ? span.name : words, classes);
      button.setAttribute('aria-label', mentionLabel(span, words));
      return button;
    }
    const button = control(span.id, '', classes);
    const said = button.appendChild(element('span', nested ? 'visually-hidden' : '', words));
    setLanguage(said, wordsLanguage);
    button.appendChild(element('span', 'visually-hidden', `: ${span.name}, ${span.type}. ${span.description}`));
    if (nested) button.appendChild(element('span', '', span.name)).setAttribute('aria-hidden', 'true');
    return button;
  }

  // The paragraph text between byte offsets `from` and `to`, with one control per mention.
  // `spans` are sorted outermost first; a span that overlaps another without nesting in
  // it is left out (the first one wins), as in the canvas.
  function appendMentions(parent, from, to, spans, text) {
    let at = from;
    while (spans.length && spans[0].begin < to) {
      const span = spans.shift();
      if (span.begin < at) continue;
      if (span.begin > at) parent.appendChild(document.createTextNode(text(at, span.begin)));
      const inside = [];
      while (spans.length && spans[0].end <= span.end) inside.push(spans.shift());
      const words = text(span.begin, span.end);
      parent.appendChild(mentionControl(span, words, '', span.language || scriptLanguage(words)));
      if (inside.length) {
        const group = element('span', 'mention-group');
        for (const inner of inside)
          group.appendChild(mentionControl(inner, text(inner.begin, inner.end), 'mention-nested', inner.language || span.language));
        parent.appendChild(group);
      }
      at = span.end;
    }
    if (at < to) parent.appendChild(document.createTextNode(text(at, to)));
  }

  // "Source · date. Attribution": the source's name and the attribution are the pack's
  // words, in its language; the date is the explainer's, in the page's.
  function buildSourceLine(article) {
    const line = $('mirror-source');
    line.textContent = '';
    const packWords = (text) => { const span = element('span', '', text); setLanguage(span, packLanguage); return span; };
    if (article.source) line.append(packWords(article.source));
    if (article.published) line.append(article.source ? ' · ' : '', article.published);
    if (article.attribution) line.append('. ', packWords(article.attribution));
  }

  function buildArticle(article) {
    $('mirror-headline').textContent = article.headline;
    setLanguage($('mirror-headline'), packLanguage);
    setLanguage($('mirror-body'), packLanguage);
    buildSourceLine(article);
    const body = $('mirror-body');
    body.textContent = '';
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    for (const paragraph of article.paragraphs) {
      const p = element('p');
      p.id = 'mirror-' + paragraph.id;
      // A paragraph whose first letter is Hangul or kana is in that language (as its
      // direction comes from its first strong letter).
      const language = scriptLanguage(paragraph.text.match(/\p{L}/u)?.[0] || '');
      if (language && language !== packLanguage) p.lang = language;
      const bytes = encoder.encode(paragraph.text);
      const text = (from, to) => decoder.decode(bytes.subarray(from, to));
      appendMentions(p, 0, bytes.length, paragraph.spans.slice(), text);
      if (paragraph.link) {
        const url = httpUrl(paragraph.link.url);
        p.appendChild(document.createTextNode(' '));
        const a = element(url ? 'a' : 'span', '', paragraph.link.text);
        if (url) { a.href = url; a.rel = 'noopener'; }
        p.appendChild(a);
      }
      body.appendChild(p);
    }
  }

  // [SECTION] Sources and corrections -----------------------------------------------------------

  // Only http(s) links reach the page: a pack is untrusted input.
  function httpUrl(url) {
    try {
      const parsed = new URL(String(url));
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch (e) { return null; }
  }

  // Corrections under the source line, and "Sources and notes" after the text: every
  // source once, linked, with what it supports.
  function buildNotes(article) {
    const body = $('mirror-body');
    const container = body.parentNode;
    for (const id of ['mirror-corrections', 'mirror-sources']) { const old = $(id); if (old) old.remove(); }
    const corrections = Array.isArray(article.corrections) ? article.corrections : [];
    if (corrections.length) {
      const list = element('ul');
      list.id = 'mirror-corrections';
      for (const correction of corrections) list.appendChild(element('li', '', correction.line));
      container.insertBefore(list, body);
    }
    const sources = Array.isArray(article.sources) ? article.sources : [];
    if (!sources.length) return;
    const section = element('section');
    section.id = 'mirror-sources';
    section.setAttribute('aria-labelledby', 'mirror-sources-title');
    const heading = element('h2', '', 'Sources and notes');
    heading.id = 'mirror-sources-title';
    section.appendChild(heading);
    const list = element('ol');
    for (const source of sources) {
      const item = element('li');
      const url = httpUrl(source.url);
      const cite = element(url ? 'a' : 'span', '', source.line);
      if (url) {
        cite.setAttribute('href', url);
        cite.setAttribute('rel', 'noopener noreferrer');
      }
      item.appendChild(cite);
      item.appendChild(element('span', 'supports', '. Supports: ' + source.supports.map((s) => String(s.name)).join(', ') + '.'));
      list.appendChild(item);
    }
    section.appendChild(list);
    container.appendChild(section);
  }

  // [SECTION] Timeline, quotes, map -------------------------------------------------------------

  // Events in time order: the date (<time datetime>), the event, and its places, each a
  // control of its own.
  function buildTimeline(events) {
    fillSection('mirror-timeline', events, 'The article dates no events.', (content) => {
      const list = element('ol', 'mirror-list');
      for (const event of events) {
        const item = element('li');
        const when = element(event.datetime ? 'time' : 'span', 'when', event.when);
        if (event.datetime) when.setAttribute('datetime', event.datetime);
        item.appendChild(when);
        item.appendChild(document.createTextNode(' '));
        const button = control(event.id, event.name, 'item');
        button.setAttribute('aria-describedby', idOf(when));
        item.appendChild(button);
        if (event.places.length) {
          const places = element('span', 'places', event.places.length === 1 ? ' Place: ' : ' Places: ');
          event.places.forEach((place, i) => {
            if (i) places.appendChild(document.createTextNode(', '));
            places.appendChild(control(place.id, place.name, 'place'));
          });
          item.appendChild(places);
        }
        list.appendChild(item);
      }
      content.appendChild(list);
    });
  }

  // Each quotation as a block quote, with who said it and their role.
  function buildQuotes(quotes) {
    fillSection('mirror-quotes', quotes, 'The article quotes no one.', (content) => {
      const list = element('ul', 'mirror-list');
      for (const quote of quotes) {
        const item = element('li');
        const button = control(quote.id, quote.name, 'item');
        item.appendChild(button);
        const figure = element('figure');
        figure.id = 'mirror-quote-' + quote.id;  // where a refused copy of the card selects it (page.js)
        const block = element('blockquote');
        const words = block.appendChild(element('p', '', quote.text));
        setLanguage(words, quote.language || packLanguage);
        figure.appendChild(block);
        const by = quote.speaker ? [quote.speaker.name, quote.speaker.role].filter(Boolean).join(', ') : 'Speaker not named';
        figure.appendChild(element('figcaption', '', '— ' + by + (quote.place ? `, in ${quote.place.name}` : '')));
        button.setAttribute('aria-describedby', idOf(figure));
        item.appendChild(figure);
        list.appendChild(item);
      }
      content.appendChild(list);
    });
  }

  function placeDetail(place) {
    if (place.region) return `region of ${place.region} countries`;
    if (place.country) return 'country';
    return countries?.[place.id] || '';
  }

  // The places the map shows, with their country, then the distances the pack checks.
  function buildMap(places, distances) {
    fillSection('mirror-map', places, 'The article names no places on the map.', (content) => {
      const list = element('ul', 'mirror-list');
      for (const place of places) {
        const item = element('li');
        item.appendChild(control(place.id, place.name, 'item'));
        const detail = element('span', 'detail');
        detail.dataset.place = place.id;
        detail.textContent = placeDetail(place) ? ', ' + placeDetail(place) : '';
        item.appendChild(detail);
        list.appendChild(item);
      }
      content.appendChild(list);
      if (!distances.length) return;
      const heading = element('h3', '', 'Distances the explainer checks');
      content.appendChild(heading);
      const checks = element('ul', 'mirror-list');
      for (const distance of distances) {
        const item = element('li');
        const text = element('span', 'detail', ': ' + distance.text);
        item.appendChild(control(distance.id, distance.name, 'item')).setAttribute('aria-describedby', idOf(text));
        item.appendChild(text);
        checks.appendChild(item);
      }
      content.appendChild(checks);
    });
  }

  // [SECTION] Current item and announcements ----------------------------------------------------

  // Marks the selected entity's controls as current (every mention and list item of it).
  // It touches only the controls of the entity selected before and of this one, found in
  // build's index: a selection costs as much in 40 copies of a pack as in one.
  function setCurrent(id) {
    current = id || null;
    for (const old of marked) old.removeAttribute('aria-current');
    marked = (current && controlsOf.get(current)) || [];
    for (const button of marked) button.setAttribute('aria-current', 'true');
  }

  // What the live region says for a selection: kind, name, where or when, description.
  // A selection made before the first build (a link's) is said by build, or, when it is a
  // place and the basemap comes after the build (a phone's), by setPlaceCountries: once,
  // with its country. A selection after it is said at once.
  function announce(id) {
    setCurrent(id);
    if (!built) { unannounced = id; return; }
    unannounced = undefined;
    const live = $('mirror-live');
    if (!id) { live.textContent = 'Selection cleared.'; return; }
    const entity = entities.get(id);
    if (!entity) { live.textContent = ''; return; }
    const speaker = entity.speaker && entities.get(entity.speaker);
    const context = entity.type === 'place' ? countries?.[id]
      : entity.type === 'event' ? entity.when
      : entity.type === 'quote' && speaker ? 'said by ' + speaker.name : '';
    live.textContent = `Selected ${entity.type}: ${entity.name}${context ? ', ' + context : ''}. ${entity.description}`;
  }

  // Country names for places drawn as points, found on the basemap once it is loaded:
  // {placeId: "Iraq"}.
  function setPlaceCountries(byPlace) {
    countries = byPlace || {};
    for (const detail of $('mirror').querySelectorAll('#mirror-map .detail[data-place]')) {
      const name = countries[detail.dataset.place];
      if (name && !detail.textContent) detail.textContent = ', ' + name;
    }
    if (unannounced !== undefined) announce(unannounced);
  }

  // Where the focus is in the mirror, as what a rebuild can find again: the section and
  // the entity of the focused control. null when the focus is elsewhere.
  function focusedPlace() {
    const active = document.activeElement;
    if (!active || active === document.body || !$('mirror').contains(active)) return null;
    const section = active.closest('#mirror > section, #mirror-sources, #mirror-article');
    return { section: section ? section.id : 'mirror-article', entity: active.dataset ? active.dataset.entity : undefined };
  }

  // After a rebuild the focus goes back to the same entity's control in the same section,
  // else to the start of that section (the article when the section is gone), never to
  // the page's top.
  function restoreFocus(place) {
    if (!place) return;
    const section = $(place.section) || $('mirror-article');
    const same = place.entity && [...section.querySelectorAll('button[data-entity]')].find((b) => b.dataset.entity === place.entity);
    if (same) { same.focus(); return; }
    if (!section.hasAttribute('tabindex')) section.tabIndex = -1;
    section.focus();
  }

  // The whole mirror from the engine's JSON (explainer_article) and Explainer.entities(),
  // with the places' countries when the basemap is in (as setPlaceCountries takes them;
  // null when it is not yet), so that a link's selection, announced here, is announced
  // with its country (a place's waits for setPlaceCountries when they are null).
  // Called again for a new version of the pack (the editor's preview), it keeps the focus.
  function build(data, entityList, selectEntity, placeCountries) {
    const focused = focusedPlace();
    select = selectEntity;
    if (placeCountries) countries = placeCountries;
    entities = new Map(entityList.map((e) => [e.id, e]));
    for (const event of data.timeline) if (entities.has(event.id)) entities.get(event.id).when = event.when;
    controlsOf = new Map();
    packLanguage = data.language || '';
    buildArticle(data);
    buildNotes(data);
    buildTimeline(data.timeline);
    buildQuotes(data.quotes);
    buildMap(data.places, data.distances);
    listen();
    setCurrent(current);
    built = true;
    if (unannounced !== undefined && (countries || entities.get(unannounced)?.type !== 'place')) announce(unannounced);
    restoreFocus(focused);
  }

  // [SECTION] Plain article (no engine) --------------------------------------------------------
  // Without the engine the pack cannot be validated: its paragraphs are shown as plain
  // text, and the panels' sections stay hidden. Returns whether there was an article.
  function buildPlain(packText) {
    let pack;
    try { pack = JSON.parse(packText); } catch (e) { return false; }
    if (!pack || !pack.article || !Array.isArray(pack.article.paragraphs)) return false;
    // Unchecked without the engine: a lang the browser cannot read it ignores, and an
    // attribute set as a property cannot carry markup.
    const language = pack.article.language;
    packLanguage = typeof language === 'string' && language.length <= 35 ? language : '';
    const article = {
      headline: String(pack.article.headline || ''),
      source: String(pack.article.source || ''),
      attribution: String(pack.article.attribution || ''),
      published: '',
      paragraphs: pack.article.paragraphs.map((p) => ({ id: String(p.id || ''), text: String(p.text || ''), link: null, spans: [] })),
    };
    buildArticle(article);
    buildNotes(article);
    return true;
  }

  return { build, buildPlain, setCurrent, announce, setPlaceCountries };
})();
