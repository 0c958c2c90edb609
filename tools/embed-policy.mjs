// The sandbox every explainer iframe gets, defined once. What the explainer needs inside
// a host's page: its scripts, its own origin (storage, fetches of its pack and basemap),
// and popups for links that open outside the sandbox ("Open full explainer", sources);
// no forms, no top navigation, no downloads.
//
// Three places write the iframe: web/page.js (the Share dialog's embed code), web/embed.js
// (served to host pages, which cannot import anything) and oembed.json. The two scripts
// carry the placeholder below, which tools/assemble-web.mjs replaces with the value as it
// copies them into build/web/; it writes oembed.json from the value itself.
export const EMBED_SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';
export const EMBED_SANDBOX_PLACEHOLDER = '__EXPLAINER_EMBED_SANDBOX__';

// The script's text with the sandbox filled in; refuses a script that lost its placeholder,
// so a copy of the value can never drift from this definition unnoticed.
export function withEmbedSandbox(source, name) {
  if (!source.includes(EMBED_SANDBOX_PLACEHOLDER))
    throw new Error(`assemble-web: ${name} must take its iframe sandbox from ${EMBED_SANDBOX_PLACEHOLDER} (tools/embed-policy.mjs)`);
  return source.split(EMBED_SANDBOX_PLACEHOLDER).join(EMBED_SANDBOX);
}
