// tests/browser/hosts/oversize-resize.html: the explainer's `ready`, then a resize far
// beyond any real layout, to every origin (a hostile frame would not be polite).
window.parent.postMessage({ explainer: 1, type: 'ready', link: '#v=1' }, '*');
window.parent.postMessage({ explainer: 1, type: 'resize', height: 1000000 }, '*');
