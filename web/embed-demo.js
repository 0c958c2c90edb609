// The embed demo host page (embed-demo.html): drives a plain iframe by postMessage and
// the script embed through ExplainerEmbed. Its own file, as the page's CSP allows no
// inline script.
(function () {
  'use strict';
  const EXPLAINER = new URL('index.html', location.href).origin;
  const log = document.getElementById('log');
  const show = (id, message) => {
    document.getElementById(id).textContent = message.type === 'error'
      ? 'error: ' + message.reason
      : `${message.link}  (selection: ${message.selection || 'none'}, panel: ${message.panel})`;
  };

  function addLog(from, message) {
    const item = document.createElement('li');
    const who = document.createElement('span');
    who.className = 'from';
    who.textContent = from + ' ← ';
    item.append(who, typeof message === 'string' ? message : JSON.stringify(message));
    log.append(item);
    while (log.children.length > 200) log.firstChild.remove();
    log.scrollTop = log.scrollHeight;
  }
  document.getElementById('clear-log').addEventListener('click', () => { log.textContent = ''; });

  // [1] The plain iframe: the page's own origin is the one the explainer must accept.
  const frame = document.getElementById('frame');
  frame.src = 'index.html?embed=1&origin=' + encodeURIComponent(location.origin) + '#v=1';
  let nextId = 0;
  const send = (message) => frame.contentWindow.postMessage(Object.assign({ explainer: 1, requestId: 'demo-' + (++nextId) }, message), EXPLAINER);
  window.addEventListener('message', (event) => {
    if (event.source !== frame.contentWindow || event.origin !== EXPLAINER) return;
    const message = event.data;
    if (!message || message.explainer !== 1) return;
    addLog('iframe', message);
    if (message.type === 'resize') frame.style.height = message.height + 'px';
    if (message.type === 'ready' || message.type === 'state' || message.type === 'error') show('frame-state', message);
  });
  const frameControls = document.querySelector('[data-for="frame"]');
  frameControls.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    if (button.hasAttribute('data-select')) send({ type: 'select', id: button.dataset.select });
    if (button.hasAttribute('data-set-state')) send({ type: 'setState', link: frameControls.querySelector('input').value });
    if (button.hasAttribute('data-get-state')) send({ type: 'getState' });
  });

  // [2] The script embed, through ExplainerEmbed.
  const embed = ExplainerEmbed.get(document.getElementById('script-embed'));
  for (const type of ['ready', 'state', 'resize', 'error']) embed.on(type, (message) => addLog('embed.js', message));
  embed.on('ready', (message) => show('script-state', message));
  embed.on('state', (message) => show('script-state', message));
  const scriptControls = document.querySelector('[data-for="script"]');
  scriptControls.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    let reply = null;
    if (button.hasAttribute('data-select')) reply = embed.select(button.dataset.select);
    if (button.hasAttribute('data-set-state')) reply = embed.setState(scriptControls.querySelector('input').value);
    if (button.hasAttribute('data-get-state')) reply = embed.getState();
    if (reply) reply.catch((error) => { addLog('embed.js', 'rejected: ' + error.message); show('script-state', { type: 'error', reason: error.message }); });
  });
})();
