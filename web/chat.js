// motcua web chat: plain JavaScript, no framework. Everything the bot or the citizen wrote is put on the page
// with textContent, never as HTML. It talks only to its own origin (the page's CSP says so too).
(function () {
  'use strict';

  var USER_KEY = 'motcua.user';
  var HISTORY_KEY = 'motcua.history';
  /** The most messages kept across reloads: an old conversation must not fill the browser's storage. */
  var HISTORY_MAX = 200;
  var TIMEOUT_MS = 30000;

  var chat = document.getElementById('chat');
  var log = document.getElementById('log');
  var typing = document.getElementById('typing');
  var errorLine = document.getElementById('error');
  var form = document.getElementById('composer');
  var input = document.getElementById('input');
  var send = document.getElementById('send');
  var restart = document.getElementById('restart');
  var texts = chat.dataset;
  var isEmbedded = document.documentElement.classList.contains('embed');

  /** localStorage, or a memory stand-in when the browser refuses it (private mode, blocked storage). */
  var storage = (function () {
    try {
      var probe = '__motcua';
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch {
      var memory = {};
      return {
        getItem: function (k) {
          return Object.prototype.hasOwnProperty.call(memory, k) ? memory[k] : null;
        },
        setItem: function (k, v) {
          memory[k] = String(v);
        },
        removeItem: function (k) {
          delete memory[k];
        },
      };
    }
  })();

  function randomUser() {
    var bytes = new Uint8Array(8);
    window.crypto.getRandomValues(bytes);
    var hex = '';
    for (var i = 0; i < bytes.length; i++) hex += (bytes[i] + 256).toString(16).slice(1);
    return 'web-' + hex;
  }

  var user = storage.getItem(USER_KEY);
  if (!user || !/^[\w.:-]{1,128}$/.test(user)) {
    user = randomUser();
    storage.setItem(USER_KEY, user);
  }

  function isString(value) {
    return typeof value === 'string';
  }

  /** One saved entry, checked: storage may hold anything (an old version, an edit by hand). */
  function cleanEntry(entry) {
    if (!entry || !isString(entry.text)) return null;
    if (entry.from === 'user') return { from: 'user', text: entry.text };
    if (entry.from !== 'bot') return null;
    var buttons = Array.isArray(entry.buttons) ? entry.buttons : [];
    var links = Array.isArray(entry.links) ? entry.links : [];
    return {
      from: 'bot',
      text: entry.text,
      buttons: buttons.filter(function (b) {
        return b && isString(b.label) && isString(b.action);
      }),
      links: links.filter(function (l) {
        return l && isString(l.label) && isString(l.url);
      }),
    };
  }

  function loadHistory() {
    try {
      var saved = JSON.parse(storage.getItem(HISTORY_KEY) || 'null');
      if (!saved || saved.v !== 1 || !Array.isArray(saved.entries)) return [];
      return saved.entries.map(cleanEntry).filter(Boolean);
    } catch {
      return [];
    }
  }

  var history = loadHistory();

  function saveHistory() {
    if (history.length > HISTORY_MAX) history = history.slice(history.length - HISTORY_MAX);
    try {
      storage.setItem(HISTORY_KEY, JSON.stringify({ v: 1, entries: history }));
    } catch {
      // Storage full or refused: the conversation goes on, it just will not survive a reload.
    }
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text != null) el.textContent = text;
    return el;
  }

  /** Only web addresses become links: a `javascript:` URL from anywhere must never be clickable. */
  function isWebUrl(url) {
    return /^https?:\/\/[^\s]+$/i.test(url);
  }

  function renderEntry(entry, isLive) {
    var bubble = element('div', 'msg from-' + entry.from);
    bubble.appendChild(element('span', 'sr-only', entry.from === 'user' ? texts.you : texts.bot));
    bubble.appendChild(element('p', null, entry.text));
    if (entry.from === 'bot') {
      var links = entry.links.filter(function (l) {
        return isWebUrl(l.url);
      });
      if (links.length) {
        var list = element('ul', 'links');
        links.forEach(function (l) {
          var a = element('a', null, l.label);
          a.href = l.url;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          a.appendChild(element('span', 'sr-only', ' ' + texts.newTab));
          list.appendChild(element('li')).appendChild(a);
        });
        bubble.appendChild(list);
      }
      if (entry.buttons.length) {
        var chips = element('div', 'chips');
        chips.setAttribute('role', 'group');
        chips.setAttribute('aria-label', texts.choices);
        entry.buttons.forEach(function (b) {
          var chip = element('button', 'chip', b.label);
          chip.type = 'button';
          chip.disabled = !isLive;
          chip.addEventListener('click', function (event) {
            press(b, event.detail === 0);
          });
          chips.appendChild(chip);
        });
        bubble.appendChild(chips);
      }
    }
    log.appendChild(bubble);
    return bubble;
  }

  /** Only the last answer's buttons can be pressed: earlier ones may have expired on the server. */
  function setChipsLive(isLive) {
    var chips = log.querySelectorAll('.chip');
    for (var i = 0; i < chips.length; i++) chips[i].disabled = true;
    if (!isLive) return;
    var bubbles = log.querySelectorAll('.msg');
    for (var j = bubbles.length - 1; j >= 0 && bubbles[j].classList.contains('from-bot'); j--) {
      var own = bubbles[j].querySelectorAll('.chip');
      for (var k = 0; k < own.length; k++) own[k].disabled = false;
    }
  }

  /** Scrolls the conversation to show a message at its top (or to its end). */
  function scrollTo(bubble) {
    if (bubble) log.scrollTop = Math.max(0, bubble.offsetTop - 8);
    else log.scrollTop = log.scrollHeight;
  }

  function add(entry, isLive) {
    history.push(entry);
    saveHistory();
    return renderEntry(entry, isLive);
  }

  function showError(text) {
    errorLine.textContent = text || '';
  }

  var isBusy = false;

  function setBusy(busy) {
    isBusy = busy;
    typing.hidden = !busy;
    log.setAttribute('aria-busy', busy ? 'true' : 'false');
    send.setAttribute('aria-disabled', busy ? 'true' : 'false');
    if (busy) scrollTo(null);
  }

  function errorText(status) {
    if (status === 429) return texts.errorBusy;
    if (status === 413) return texts.errorTooLong;
    if (status === 0) return texts.errorNetwork;
    return texts.errorServer;
  }

  /** POST one message to the chat API of this origin; resolves with the bot's messages or a status. */
  function post(body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller
      ? setTimeout(function () {
          controller.abort();
        }, TIMEOUT_MS)
      : null;
    return fetch(texts.api, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) return { status: response.status };
        return response.json().then(function (data) {
          var messages = data && Array.isArray(data.messages) ? data.messages : null;
          return messages ? { status: 200, messages: messages } : { status: 500 };
        });
      })
      .catch(function () {
        return { status: 0 };
      })
      .then(function (result) {
        if (timer) clearTimeout(timer);
        return result;
      });
  }

  /**
   * Send a text or a pressed button. `shown` is what the citizen's bubble says (nothing for the silent
   * "/start"); on failure the bubble is taken back, so that nothing looks sent that was not.
   */
  function talk(body, shown, onFailure) {
    if (isBusy) return;
    showError('');
    setChipsLive(false);
    var mine = shown ? add({ from: 'user', text: shown }, false) : null;
    setBusy(true);
    post(Object.assign({ user: user }, body)).then(function (result) {
      setBusy(false);
      if (result.status !== 200) {
        if (mine) {
          history.pop();
          saveHistory();
          log.removeChild(mine);
        }
        setChipsLive(true);
        showError(errorText(result.status));
        if (onFailure) onFailure();
        return;
      }
      var first = null;
      result.messages.forEach(function (m) {
        var entry = cleanEntry({ from: 'bot', text: m.text, buttons: m.buttons, links: m.links });
        if (!entry) return;
        var bubble = add(entry, true);
        first = first || bubble;
      });
      // The question and the start of its answer: a long guide is read from its top, not its end.
      scrollTo(mine || first);
    });
  }

  function press(button, isKeyboard) {
    if (isBusy) return;
    talk({ action: button.action }, button.label);
    // The pressed chip is now disabled: keep a keyboard user's focus in the chat, at the box to type in.
    if (isKeyboard) input.focus();
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || isBusy) return;
    input.value = '';
    talk({ text: text }, text, function () {
      if (!input.value) input.value = text;
    });
  });

  restart.addEventListener('click', function () {
    if (isBusy) return;
    history = [];
    saveHistory();
    log.textContent = '';
    showError('');
    talk({ text: '/start' }, null);
  });

  // Inside the widget's iframe: the widget asks for focus when it opens, and Escape asks it to close.
  if (isEmbedded && window.parent !== window) {
    window.addEventListener('message', function (event) {
      if (event.source === window.parent && event.data && event.data.motcua === 'focus') input.focus();
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') window.parent.postMessage({ motcua: 'close' }, '*');
    });
  }

  // The saved conversation is put back silently: a screen reader should not read it all out again.
  log.setAttribute('aria-live', 'off');
  history.forEach(function (entry) {
    renderEntry(entry, false);
  });
  setTimeout(function () {
    log.setAttribute('aria-live', 'polite');
  }, 0);
  setChipsLive(true);
  scrollTo(null);
  // A first visit (or a cleared history) starts with the greeting and the main menu.
  if (!history.length) talk({ text: '/start' }, null);
})();
