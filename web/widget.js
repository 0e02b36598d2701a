// motcua widget for another site: one tag adds a chat button that opens the bot's web chat in an iframe.
//   <script src="https://bot.example/widget.js" data-title="Hỏi đáp thủ tục" async></script>
// Optional: data-position="left". Its elements live in a shadow root (the site's styles do not reach them,
// and its own do not reach the site); the chat runs in the iframe, on the bot's origin, and talks only to it.
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.src || window.motcuaWidgetLoaded) return;
  window.motcuaWidgetLoaded = true;

  var origin = new URL(script.src, window.location.href).origin;
  var title = script.getAttribute('data-title') || 'Hỏi đáp thủ tục hành chính';
  var side = script.getAttribute('data-position') === 'left' ? 'left' : 'right';

  var css = [
    ':host { all: initial !important; }',
    '* { box-sizing: border-box; }',
    '.launcher { position: fixed; bottom: 16px; SIDE: 16px; z-index: 2147483000; display: flex;',
    '  align-items: center; gap: 8px; min-height: 56px; max-width: calc(100vw - 32px); margin: 0;',
    '  padding: 8px 20px 8px 16px; border: 2px solid #fff; border-radius: 28px; background: #0b4f8a;',
    '  color: #fff; font: bold 18px/1.25 system-ui, "Segoe UI", Roboto, Arial, sans-serif;',
    '  text-align: left; cursor: pointer; box-shadow: 0 4px 14px rgba(0, 0, 0, 0.35); }',
    '.launcher:hover { background: #083a66; }',
    '.launcher svg { flex: none; width: 26px; height: 26px; }',
    ':focus-visible { outline: 3px solid #ffd23f; outline-offset: 2px;',
    '  box-shadow: 0 0 0 6px #111; }',
    '.panel { position: fixed; bottom: 88px; SIDE: 16px; z-index: 2147483001; display: flex;',
    '  flex-direction: column; width: 400px; max-width: calc(100vw - 32px); height: 640px;',
    '  max-height: calc(100vh - 110px); overflow: hidden; border-radius: 12px; background: #fff;',
    '  box-shadow: 0 8px 30px rgba(0, 0, 0, 0.35); }',
    '.panel[hidden] { display: none; }',
    '.head { flex: none; display: flex; align-items: center; gap: 8px; padding: 4px 4px 4px 14px;',
    '  background: #083a66; color: #fff; font: bold 18px/1.3 system-ui, "Segoe UI", Roboto, Arial, sans-serif; }',
    '.head span { flex: 1; }',
    '.close { flex: none; min-width: 48px; min-height: 48px; margin: 0; padding: 0; border: 0;',
    '  border-radius: 8px; background: transparent; color: #fff; font: bold 30px/1 system-ui, sans-serif;',
    '  cursor: pointer; }',
    '.close:hover { background: rgba(255, 255, 255, 0.15); }',
    '.close:focus-visible { outline-offset: -4px; box-shadow: none; }',
    'iframe { flex: 1; display: block; width: 100%; min-height: 0; border: 0; background: #fff; }',
    '@media (max-width: 480px), (max-height: 520px) {',
    '  .panel { top: 0; bottom: 0; left: 0; right: 0; width: 100%; max-width: none; height: 100%;',
    '    max-height: none; border-radius: 0; } }',
  ]
    .join('\n')
    .replace(/SIDE/g, side);

  function make(root, tag, attributes, text) {
    var el = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) {
      el.setAttribute(name, attributes[name]);
    });
    if (text != null) el.textContent = text;
    root.appendChild(el);
    return el;
  }

  /** A speech-bubble icon, drawn without markup strings. */
  function icon(parent) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    var path = document.createElementNS(ns, 'path');
    path.setAttribute(
      'd',
      'M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H10l-5 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1z',
    );
    path.setAttribute('fill', 'currentColor');
    svg.appendChild(path);
    parent.appendChild(svg);
  }

  function mount() {
    // A custom element name: the site's `div { … }` rules do not match the host.
    var host = document.createElement('motcua-widget');
    var root = host.attachShadow({ mode: 'open' });
    if (root.adoptedStyleSheets !== undefined && window.CSSStyleSheet) {
      // A constructed sheet, not a <style>: it works under a site's CSP that forbids inline styles.
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } else {
      make(root, 'style', {}, css);
    }

    var launcher = make(root, 'button', { type: 'button', class: 'launcher', 'aria-expanded': 'false' });
    icon(launcher);
    make(launcher, 'span', {}, title);
    var panel = make(root, 'div', { class: 'panel', role: 'dialog', 'aria-label': title, id: 'panel' });
    panel.hidden = true;
    launcher.setAttribute('aria-controls', 'panel');
    var head = make(panel, 'div', { class: 'head' });
    make(head, 'span', {}, title);
    var close = make(head, 'button', { type: 'button', class: 'close', 'aria-label': 'Đóng khung hỏi đáp' });
    make(close, 'span', { 'aria-hidden': 'true' }, '×');
    var frame = null;
    var isLoaded = false;

    function focusChat() {
      if (!frame) return;
      frame.focus();
      if (isLoaded) frame.contentWindow.postMessage({ motcua: 'focus' }, origin);
    }

    function open() {
      if (!frame) {
        // Created on the first open only: a visitor who never opens the chat never starts a conversation.
        frame = make(panel, 'iframe', { title: title, src: origin + '/?embed=1' });
        frame.addEventListener('load', function () {
          isLoaded = true;
          if (!panel.hidden) focusChat();
        });
      }
      panel.hidden = false;
      launcher.setAttribute('aria-expanded', 'true');
      focusChat();
    }

    function shut() {
      panel.hidden = true;
      launcher.setAttribute('aria-expanded', 'false');
      launcher.focus();
    }

    launcher.addEventListener('click', function () {
      if (panel.hidden) open();
      else shut();
    });
    close.addEventListener('click', shut);
    root.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !panel.hidden) shut();
    });
    // The chat inside asks to close on Escape (keys pressed in the iframe do not reach this page).
    window.addEventListener('message', function (event) {
      if (!frame || event.source !== frame.contentWindow || event.origin !== origin) return;
      if (event.data && event.data.motcua === 'close' && !panel.hidden) shut();
    });

    document.body.appendChild(host);
  }

  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
