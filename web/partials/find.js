  // Find, on the reader's page (web/page.js) and in the editor (web/editor.js), which
  // include this: Ctrl+F / Cmd+F while the explainer's canvas has focus, or the Find
  // button, opens the find bar (web/partials/find-bar.html); elsewhere the browser's own
  // find is left alone. The engine counts and highlights the matches (src/ui/find_results.cpp).
  // The page that includes it defines $ (an element by id), canvas and call (an engine export).

  const canvasHasFocus = () => document.activeElement === canvas;
  const findBar = $('find-bar');

  // Explainer.find, findNext, findPrevious and closeFind, the same on both pages. Find in
  // the article's text and in entity names, quotes and events (case and accents ignored):
  // {query, count, current (1-based; 0 before the first jump), entities: [{id, name, type,
  // field, snippet}]}. findNext/findPrevious jump between the article's matches and scroll
  // to them; closeFind clears the highlights.
  const findApi = {
    find: (query) => {
      if (typeof query !== 'string') throw new TypeError('Explainer.find(query): query must be a string');
      return JSON.parse(call('explainer_find', query));
    },
    findNext: () => JSON.parse(call('explainer_find_step', 1)),
    findPrevious: () => JSON.parse(call('explainer_find_step', -1)),
    closeFind: () => { call('explainer_close_find'); },
  };

  function showFindResult(result) {
    const count = $('find-count');
    const list = $('find-entities');
    list.textContent = '';
    list.hidden = !result.entities.length;
    if (!result.query) count.textContent = '';
    else if (!result.count && !result.entities.length) count.textContent = 'No match';
    else if (!result.count) count.textContent = 'Not in the article text';
    else count.textContent = `${result.current} of ${result.count}`;
    for (const match of result.entities) {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.entity = match.id;
      const name = document.createElement('strong');
      name.textContent = match.name;
      const kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = ` (${match.type})`;
      button.append(name, kind);
      if (match.field !== 'name') button.append(document.createElement('br'), document.createTextNode(match.snippet));
      item.appendChild(button);
      list.appendChild(item);
    }
    $('find-input').setAttribute('aria-invalid', result.query && !result.count && !result.entities.length ? 'true' : 'false');
  }

  function runFind() {
    const result = findApi.find($('find-input').value);
    showFindResult(result.count ? findApi.findNext() : result);
  }

  function openFind() {
    findBar.hidden = false;
    $('find-button').setAttribute('aria-expanded', 'true');
    $('find-input').focus();
    $('find-input').select();
    if ($('find-input').value) runFind();
  }

  function closeFind() {
    findBar.hidden = true;
    $('find-button').setAttribute('aria-expanded', 'false');
    findApi.closeFind();
    canvas.focus({ preventScroll: true });
  }

  function startFind() {
    const input = $('find-input');
    window.addEventListener('keydown', (event) => {
      const inBar = findBar.contains(document.activeElement);
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f' && (canvasHasFocus() || inBar)) {
        event.preventDefault();
        openFind();
      } else if (event.key === 'Escape' && !findBar.hidden && (canvasHasFocus() || inBar)) {
        closeFind();
      }
    }, true);
    $('find-button').addEventListener('click', () => (findBar.hidden ? openFind() : closeFind()));
    input.addEventListener('input', runFind);
    input.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      showFindResult(event.shiftKey ? findApi.findPrevious() : findApi.findNext());
    });
    $('find-next').addEventListener('click', () => showFindResult(findApi.findNext()));
    $('find-previous').addEventListener('click', () => showFindResult(findApi.findPrevious()));
    $('find-close').addEventListener('click', closeFind);
    $('find-entities').addEventListener('click', (event) => {
      const button = event.target.closest('button[data-entity]');
      if (button) call('explainer_select', button.dataset.entity);
    });
  }
