/*
 * domainchat web chat panel: the three panes (contacts, details with their conversations and attachments, the chat
 * window), the status menu and search, on top of the webmail JSON/SSE API (/domainchat/api/v1).
 *
 *   <script src="https://chat.example.com:7443/domainchat/panel.js"></script>
 *   DomainChat.mount(element, {getToken: async () => tokenFromYourBackend});
 *
 * Secure by construction: every text from the server or the user goes into the page through textContent, text
 * nodes and attributes, never as HTML (the own page enforces this with Trusted Types). Tokens live in memory only;
 * the event stream is opened with a single-use ticket, the only credential that ever appears in a URL.
 */
(() => {
  'use strict';

  const SCRIPT_URL = document.currentScript && document.currentScript.src ? document.currentScript.src : null;
  const BASE = SCRIPT_URL ? new URL('.', SCRIPT_URL).href : new URL('/domainchat/', location.href).href;
  const STATUSES = ['available', 'away', 'busy', 'offline'];
  const HISTORY_SEARCH_PAGES = 40;

  // ---------------------------------------------------------------------------------------------- texts

  const TEXTS = {
    en: {
      panel: 'Chat', contacts: 'Contacts', chatWith: 'Chat with…', chatWithLabel: 'Chat with: find a colleague or alias',
      aliases: 'Aliases', colleagues: 'Colleagues', more: 'Show more', shown: '{0} of {1}', noContacts: 'No one found.',
      status: 'Status', statusText: 'Status text', save: 'Save', close: 'Close', signOut: 'Sign out',
      available: 'Available', away: 'Away', busy: 'Busy', offline: 'Offline', unavailable: 'Unavailable',
      unread: '{0} unread', unreadMany: 'more than 99 unread', details: 'Contact details', chat: 'Chat',
      chatWithName: 'Chat with {0}', email: 'Email', title: 'Title', organization: 'Organisation', phone: 'Phone',
      address: 'Address', clients: 'Connected with', noClients: 'Not connected', members: 'Members',
      membersOnline: '{0} members online', youAreMember: 'You are a member of this alias.',
      notMember: 'You write to this alias; its members answer you.', memberOf: 'Aliases',
      webmail: 'Webmail', client: 'Client', pickContact: 'Choose a contact on the left.',
      previewTabs: 'Conversations and attachments', tabChat: 'Chat', tabAttachments: 'Attachments',
      conversations: 'Recent conversations', open: 'Open', noConversations: 'No conversations yet.',
      lines: '{0} messages', line1: '1 message', noAttachments: 'No links or files yet.', file: 'File', link: 'Link',
      messages: 'Messages', message: 'Message', send: 'Send', earlier: 'Earlier messages', noEarlier: 'This is the start of your chat.',
      you: 'You', typing: '{0} is typing…', back: 'Back', sending: 'Sending…', shortened: '(shortened in the archive)',
      search: 'Search chats', searchLabel: 'Search your chats', searchResults: 'Search results', results: '{0} results', result1: '1 result',
      resultsMore: 'more than {0} results', noResults: 'Nothing found.', moreResults: 'More results',
      closeSearch: 'Close search', newMessage: 'New message from {0}', transcript: 'Chat with {0}, {1}',
      loading: 'Loading…', retrying: 'Connection lost; reconnecting…', reconnected: 'Connected again.',
      offlineNotice: 'You are Offline: your colleagues show as unavailable. Choose Available, Away or Busy to chat.',
      serverClosed: 'Your chat connection was closed by the server ({0}). Choose a status to connect again.',
      signedOut: 'Your sign-in has ended. Sign in again.',
      username: 'Username', password: 'Password', signIn: 'Sign in', signInTitle: 'Sign in to chat',
      signInFailed: 'The username or password is wrong.',
      err: {
        'webmail-offline': 'Not sent: you are Offline. Choose Available, Away or Busy to chat.',
        'rate-limited': 'Not sent: you are sending too fast. Try again in {0} seconds.',
        'too-many-attempts': 'Too many failed sign-ins. Try again in {0} seconds.',
        'message-refused': 'Not sent: {1}',
        'resource-closed': 'Not sent: your chat connection closed. Try again.',
        'resource-conflict': 'The chat connection could not be opened just now. Try again.',
        'chat-unavailable': 'The chat server is not available right now. Try again shortly.',
        'account-refused': 'This account may not chat.',
        'chat-not-activated': 'Chat is not activated for this domain yet.',
        'contacts-unavailable': 'Contacts are not available right now. Try again shortly.',
        'search-unavailable': 'Search is not available right now. Try again shortly.',
        'contact-not-found': 'This contact is no longer available.',
        'conversation-not-found': 'This conversation is not available.',
        'empty-body': 'Write something first.',
        'body-too-long': 'The message is too long; split it up.',
        'body-too-large': 'The message is too long; split it up.',
        'origin-not-allowed': 'This page may not use the chat: the administrator has to allow its address.',
        'invalid-token': 'Your sign-in has ended. Sign in again.',
        'token-expired': 'Your sign-in has ended. Sign in again.',
        'missing-credentials': 'You are not signed in.',
        'bad-credentials': 'The username or password is wrong.',
        'network': 'The chat server cannot be reached, or it does not accept this page. Check your connection; if it persists, ask your administrator.',
        'undelivered': 'Not delivered: {1}',
        'search': 'The search could not be run: {1}',
        'other': 'Something went wrong: {1}'
      }
    },
    de: {
      panel: 'Chat', contacts: 'Kontakte', chatWith: 'Chatten mit…', chatWithLabel: 'Chatten mit: Kollegen oder Alias suchen',
      aliases: 'Aliasse', colleagues: 'Kollegen', more: 'Mehr anzeigen', shown: '{0} von {1}', noContacts: 'Niemand gefunden.',
      status: 'Status', statusText: 'Statustext', save: 'Speichern', close: 'Schließen', signOut: 'Abmelden',
      available: 'Verfügbar', away: 'Abwesend', busy: 'Beschäftigt', offline: 'Offline', unavailable: 'Nicht verfügbar',
      unread: '{0} ungelesen', unreadMany: 'mehr als 99 ungelesen', details: 'Kontaktdetails', chat: 'Chat',
      chatWithName: 'Chat mit {0}', email: 'E-Mail', title: 'Position', organization: 'Organisation', phone: 'Telefon',
      address: 'Adresse', clients: 'Verbunden mit', noClients: 'Nicht verbunden', members: 'Mitglieder',
      membersOnline: '{0} Mitglieder online', youAreMember: 'Sie sind Mitglied dieses Alias.',
      notMember: 'Sie schreiben an diesen Alias; seine Mitglieder antworten Ihnen.', memberOf: 'Aliasse',
      webmail: 'Webmail', client: 'Programm', pickContact: 'Wählen Sie links einen Kontakt.',
      previewTabs: 'Unterhaltungen und Anhänge', tabChat: 'Chat', tabAttachments: 'Anhänge',
      conversations: 'Letzte Unterhaltungen', open: 'Öffnen', noConversations: 'Noch keine Unterhaltungen.',
      lines: '{0} Nachrichten', line1: '1 Nachricht', noAttachments: 'Noch keine Links oder Dateien.', file: 'Datei', link: 'Link',
      messages: 'Nachrichten', message: 'Nachricht', send: 'Senden', earlier: 'Frühere Nachrichten', noEarlier: 'Hier beginnt Ihr Chat.',
      you: 'Sie', typing: '{0} schreibt…', back: 'Zurück', sending: 'Wird gesendet…', shortened: '(im Archiv gekürzt)',
      search: 'Chats durchsuchen', searchLabel: 'Ihre Chats durchsuchen', searchResults: 'Suchergebnisse', results: '{0} Treffer', result1: '1 Treffer',
      resultsMore: 'mehr als {0} Treffer', noResults: 'Nichts gefunden.', moreResults: 'Weitere Treffer',
      closeSearch: 'Suche schließen', newMessage: 'Neue Nachricht von {0}', transcript: 'Chat mit {0}, {1}',
      loading: 'Wird geladen…', retrying: 'Verbindung unterbrochen; neuer Versuch…', reconnected: 'Wieder verbunden.',
      offlineNotice: 'Sie sind offline: Ihre Kollegen erscheinen als nicht verfügbar. Wählen Sie Verfügbar, Abwesend oder Beschäftigt, um zu chatten.',
      serverClosed: 'Der Server hat Ihre Chat-Verbindung beendet ({0}). Wählen Sie einen Status, um sich wieder zu verbinden.',
      signedOut: 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
      username: 'Benutzername', password: 'Passwort', signIn: 'Anmelden', signInTitle: 'Am Chat anmelden',
      signInFailed: 'Benutzername oder Passwort ist falsch.',
      err: {
        'webmail-offline': 'Nicht gesendet: Sie sind offline. Wählen Sie Verfügbar, Abwesend oder Beschäftigt, um zu chatten.',
        'rate-limited': 'Nicht gesendet: Sie senden zu schnell. Versuchen Sie es in {0} Sekunden erneut.',
        'too-many-attempts': 'Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es in {0} Sekunden erneut.',
        'message-refused': 'Nicht gesendet: {1}',
        'resource-closed': 'Nicht gesendet: Ihre Chat-Verbindung wurde beendet. Bitte erneut versuchen.',
        'resource-conflict': 'Die Chat-Verbindung konnte gerade nicht geöffnet werden. Bitte erneut versuchen.',
        'chat-unavailable': 'Der Chat-Server ist gerade nicht erreichbar. Bitte gleich erneut versuchen.',
        'account-refused': 'Dieses Konto darf nicht chatten.',
        'chat-not-activated': 'Der Chat ist für diese Domain noch nicht aktiviert.',
        'contacts-unavailable': 'Die Kontakte sind gerade nicht verfügbar. Bitte gleich erneut versuchen.',
        'search-unavailable': 'Die Suche ist gerade nicht verfügbar. Bitte gleich erneut versuchen.',
        'contact-not-found': 'Dieser Kontakt ist nicht mehr verfügbar.',
        'conversation-not-found': 'Diese Unterhaltung ist nicht verfügbar.',
        'empty-body': 'Schreiben Sie zuerst etwas.',
        'body-too-long': 'Die Nachricht ist zu lang; bitte aufteilen.',
        'body-too-large': 'Die Nachricht ist zu lang; bitte aufteilen.',
        'origin-not-allowed': 'Diese Seite darf den Chat nicht nutzen: Der Administrator muss ihre Adresse freigeben.',
        'invalid-token': 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
        'token-expired': 'Ihre Anmeldung ist abgelaufen. Bitte melden Sie sich erneut an.',
        'missing-credentials': 'Sie sind nicht angemeldet.',
        'bad-credentials': 'Benutzername oder Passwort ist falsch.',
        'network': 'Der Chat-Server ist nicht erreichbar oder lässt diese Seite nicht zu. Prüfen Sie Ihre Verbindung; bleibt es so, fragen Sie Ihren Administrator.',
        'undelivered': 'Nicht zugestellt: {1}',
        'search': 'Die Suche konnte nicht ausgeführt werden: {1}',
        'other': 'Etwas ist schiefgegangen: {1}'
      }
    }
  };

  /** The language: the caller's choice, else the embedding page's (lang attribute), else the browser's. */
  function pickLanguage(choice, element) {
    const candidates = [choice, element && element.closest('[lang]') && element.closest('[lang]').lang,
      ...(navigator.languages || [navigator.language])];
    for (const c of candidates) {
      const base = c ? String(c).toLowerCase().split('-')[0] : '';
      if (TEXTS[base]) return base;
    }
    return 'en';
  }

  function texts(lang) {
    const table = TEXTS[lang] || TEXTS.en;
    const fill = (text, args) => String(text).replace(/\{(\d)\}/g, (m, i) => (args[i] === undefined ? '' : String(args[i])));
    const t = (key, ...args) => fill(table[key] !== undefined ? table[key] : TEXTS.en[key], args);
    t.error = (problem) => {
      const key = table.err[problem.code] ? problem.code : (problem.code === 'undelivered' ? 'undelivered' : 'other');
      return fill(table.err[key], [problem.retryAfter || 1, problem.message || problem.code]);
    };
    t.lang = lang;
    return t;
  }

  // ---------------------------------------------------------------------------------------------- DOM helpers

  /**
   * Builds an element. Strings and numbers among the children become text nodes; attributes are set with
   * setAttribute, handlers ("on" + event) with addEventListener. Nothing is ever parsed as HTML.
   */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    if (attrs) {
      for (const [name, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
        else if (name === 'class') el.className = value;
        else if (name === 'text') el.textContent = String(value);
        else el.setAttribute(name, value === true ? '' : String(value));
      }
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function clear(el, ...children) {
    el.replaceChildren();
    return append(el, children);
  }

  /** Text with its http(s) links as links: text nodes and anchors, never markup. */
  function linkified(text) {
    const out = [];
    const pattern = /\bhttps?:\/\/[^\s<>"']+/gi;
    let last = 0;
    for (const m of text.matchAll(pattern)) {
      let url = m[0].replace(/[).,;:!?]+$/, '');
      const start = m.index;
      if (start > last) out.push(text.slice(last, start));
      const safe = safeUrl(url);
      out.push(safe ? h('a', {href: safe, target: '_blank', rel: 'noopener noreferrer'}, url) : url);
      last = start + url.length;
    }
    if (last < text.length) out.push(text.slice(last));
    return out;
  }

  /** Only absolute http and https URLs ever become links. */
  function safeUrl(text) {
    try {
      const url = new URL(text);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function localPart(jid) {
    return String(jid).split('@')[0];
  }

  // ---------------------------------------------------------------------------------------------- the API

  class Problem extends Error {
    constructor(status, code, message, retryAfter) {
      super(message || code);
      this.status = status;
      this.code = code;
      this.retryAfter = retryAfter;
    }
  }

  /** Calls the API with the token in the Authorization header; a refused token is renewed once when it can be. */
  class Api {
    constructor(base, auth) {
      this.base = base.replace(/\/+$/, '');
      this.auth = auth;
    }

    async call(method, path, body) {
      for (let attempt = 0; ; attempt++) {
        const token = await this.auth.token();
        const headers = {'Accept': 'application/json'};
        if (token) headers.Authorization = 'Bearer ' + token;
        if (body !== undefined) headers['Content-Type'] = 'application/json';
        let response;
        try {
          response = await fetch(this.base + path, {
            method, headers, body: body === undefined ? undefined : JSON.stringify(body),
            cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer', mode: 'cors'
          });
        } catch (e) {
          throw new Problem(0, 'network', String(e && e.message || e));
        }
        if (response.status === 401 && attempt === 0 && this.auth.renewable) {
          await this.auth.renew();
          continue;
        }
        if (response.status === 204) return null;
        let data = null;
        try {
          data = await response.json();
        } catch (e) {
          data = null;
        }
        if (!response.ok) {
          const error = data && data.error ? data.error : {};
          if (response.status === 401) this.auth.refused(error.code);
          throw new Problem(response.status, error.code || 'http-' + response.status, error.message,
            response.headers.get('Retry-After'));
        }
        return data;
      }
    }

    get(path) {
      return this.call('GET', path);
    }
  }

  function enc(value) {
    return encodeURIComponent(value);
  }

  function query(params) {
    const parts = [];
    for (const [k, v] of Object.entries(params)) {
      if (v !== null && v !== undefined && v !== '') parts.push(enc(k) + '=' + enc(v));
    }
    return parts.length ? '?' + parts.join('&') : '';
  }

  /**
   * Where tokens come from: a fixed token, or a function that fetches a fresh one from the webmail's backend (a
   * backend token, renewed whenever the API refuses the current one). Held in this object only, never stored.
   */
  class Auth {
    constructor(options) {
      this.fixed = options.token || null;
      this.fetcher = typeof options.getToken === 'function' ? options.getToken : null;
      this.onUnauthorized = typeof options.onUnauthorized === 'function' ? options.onUnauthorized : null;
      this.current = null;
      this.pending = null;
      this.renewable = !!this.fetcher;
    }

    async token() {
      if (this.fixed) return this.fixed;
      if (!this.fetcher) return null;
      if (this.current) return this.current;
      return this.renew();
    }

    renew() {
      if (!this.fetcher) return Promise.resolve(this.fixed);
      if (!this.pending) {
        this.pending = Promise.resolve(this.fetcher()).then(token => {
          this.current = token ? String(token) : null;
          return this.current;
        }).finally(() => {
          this.pending = null;
        });
      }
      return this.pending;
    }

    refused(code) {
      this.current = null;
      if (this.onUnauthorized && (code === 'invalid-token' || code === 'token-expired' || code === 'unknown-user')) {
        this.onUnauthorized(code);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------- the panel

  let panelCount = 0;

  class Panel {
    constructor(element, options) {
      this.root = element;
      this.options = options;
      this.id = 'dc' + (++panelCount);
      this.t = texts(pickLanguage(options.lang, element));
      this.api = new Api(options.api || new URL('api/v1', BASE).href, new Auth(options));
      this.contacts = new Map();   // jid -> summary as listed
      this.order = [];             // jids in the list's order
      this.names = new Map();      // jid -> display name, from anything we saw
      this.total = 0;
      this.filter = '';
      this.listGeneration = 0;
      this.selected = null;        // jid
      this.details = null;
      this.own = {status: 'available', text: '', connected: false};
      this.chat = null;            // {jid, lines: Map, before, loading, kind}
      this.conversationPick = null;
      this.lastEventId = null;
      this.stream = null;
      this.retry = 0;
      this.closed = false;
      this.timers = new Set();
      this.typingOut = {state: null, at: 0, timer: null};
      this.typingIn = new Map();
      this.formats = new Map();
      this.atBottom = true;        // the chat log is scrolled to its end (kept by its scroll events)
      this.scrollPending = false;
      this.build();
      this.start();
    }

    // ---- building

    build() {
      const t = this.t;
      const id = this.id;
      this.liveRegion = h('div', {class: 'dc-sr', role: 'status', 'aria-live': 'polite'});
      this.notice = h('div', {class: 'dc-notice', role: 'alert', hidden: true});

      // Top bar: search and the status menu.
      this.searchInput = h('input', {type: 'search', id: id + '-search', placeholder: t('search'),
        'aria-label': t('searchLabel'), autocomplete: 'off', enterkeyhint: 'search'});
      const searchForm = h('form', {class: 'dc-searchform', role: 'search', onsubmit: e => {
        e.preventDefault();
        this.search(this.searchInput.value.trim(), null);
      }}, this.searchInput, h('button', {type: 'submit', class: 'dc-button'}, t('search')));

      this.statusButton = h('button', {type: 'button', class: 'dc-statusbutton', 'aria-haspopup': 'dialog',
        'aria-expanded': 'false', 'aria-controls': id + '-statusmenu', onclick: () => this.toggleStatusMenu()});
      this.statusRadios = STATUSES.map(s => h('input', {type: 'radio', name: id + '-status', value: s,
        onchange: () => this.setStatus(s, this.statusTextInput.value)}));
      this.statusTextInput = h('input', {type: 'text', id: id + '-statustext', maxlength: '1024', dir: 'auto'});
      this.statusMenu = h('div', {class: 'dc-statusmenu', id: id + '-statusmenu', role: 'dialog',
        'aria-label': t('status'), hidden: true, onkeydown: e => {
          if (e.key === 'Escape') {
            e.preventDefault();
            this.closeStatusMenu(true);
          }
        }},
      h('fieldset', null, h('legend', null, t('status')),
        STATUSES.map((s, i) => h('label', {class: 'dc-radio'}, this.statusRadios[i],
          h('span', {class: 'dc-dot dc-' + s, 'aria-hidden': 'true'}), t(s)))),
      h('form', {class: 'dc-statustextform', onsubmit: e => {
        e.preventDefault();
        this.setStatus(this.own.status, this.statusTextInput.value);
        this.closeStatusMenu(true);
      }}, h('label', {for: id + '-statustext'}, t('statusText')), this.statusTextInput,
      h('button', {type: 'submit', class: 'dc-button'}, t('save'))),
      h('button', {type: 'button', class: 'dc-link', onclick: () => this.closeStatusMenu(true)}, t('close')));
      const top = h('header', {class: 'dc-top'}, searchForm,
        h('div', {class: 'dc-statusarea'}, this.statusButton, this.statusMenu,
          this.options.onSignOut ? h('button', {type: 'button', class: 'dc-link dc-signout',
            onclick: () => this.options.onSignOut()}, t('signOut')) : null));

      // Navigation pane.
      this.filterInput = h('input', {type: 'search', id: id + '-filter', placeholder: t('chatWith'),
        'aria-label': t('chatWithLabel'), autocomplete: 'off', 'aria-controls': id + '-list',
        oninput: () => this.debounce('filter', 250, () => this.loadContacts(this.filterInput.value.trim())),
        onkeydown: e => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            this.focusContact(0);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            this.loadContacts(this.filterInput.value.trim());
          }
        }});
      this.list = h('ul', {class: 'dc-list', id: id + '-list', role: 'listbox', 'aria-label': t('contacts'),
        onkeydown: e => this.listKey(e)});
      this.moreButton = h('button', {type: 'button', class: 'dc-button dc-more', hidden: true,
        onclick: () => this.loadMoreContacts()}, t('more'));
      this.countLine = h('p', {class: 'dc-count', 'aria-live': 'polite'});
      this.nav = h('nav', {class: 'dc-nav', 'aria-label': t('contacts')}, this.filterInput, this.list,
        this.countLine, this.moreButton);

      // Content pane and preview pane.
      this.detailsBox = h('div', {class: 'dc-details'}, h('p', {class: 'dc-hint'}, t('pickContact')));
      this.content = h('section', {class: 'dc-content', 'aria-label': t('details'), tabindex: '-1'},
        h('button', {type: 'button', class: 'dc-back', onclick: () => this.show('nav')}, t('back')),
        this.detailsBox);
      this.tabs = [
        h('button', {type: 'button', role: 'tab', id: id + '-tab-chat', 'aria-controls': id + '-tabpanel',
          'aria-selected': 'true', tabindex: '0', onclick: () => this.selectTab('chat'),
          onkeydown: e => this.tabKey(e)}, t('tabChat')),
        h('button', {type: 'button', role: 'tab', id: id + '-tab-attachments', 'aria-controls': id + '-tabpanel',
          'aria-selected': 'false', tabindex: '-1', onclick: () => this.selectTab('attachments'),
          onkeydown: e => this.tabKey(e)}, t('tabAttachments'))];
      this.tabPanel = h('div', {class: 'dc-tabpanel', role: 'tabpanel', id: id + '-tabpanel',
        'aria-labelledby': id + '-tab-chat', tabindex: '0'});
      this.preview = h('section', {class: 'dc-preview', 'aria-label': t('previewTabs'), hidden: true},
        h('div', {class: 'dc-tabs', role: 'tablist', 'aria-label': t('previewTabs')}, this.tabs), this.tabPanel);
      this.currentTab = 'chat';

      // Search results.
      this.results = h('section', {class: 'dc-results', 'aria-label': t('searchResults'), hidden: true,
        tabindex: '-1'});

      this.main = h('div', {class: 'dc-main'}, this.content, this.preview, this.results);

      // Chat window.
      this.chatTitle = h('h2', {class: 'dc-chattitle', id: id + '-chattitle', dir: 'auto'});
      this.earlierButton = h('button', {type: 'button', class: 'dc-link dc-earlier', hidden: true,
        onclick: () => this.loadEarlier()}, t('earlier'));
      this.log = h('ol', {class: 'dc-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
        'aria-labelledby': id + '-chattitle'});
      this.logBox = h('div', {class: 'dc-logbox', tabindex: '0', 'aria-label': t('messages'),
        onscroll: () => {
          this.atBottom = this.logBox.scrollHeight - this.logBox.scrollTop - this.logBox.clientHeight < 60;
          if (this.logBox.scrollTop < 40) this.loadEarlier();
          this.markReadSoon();
        }}, this.earlierButton, this.log);
      this.typingLine = h('div', {class: 'dc-typing', 'aria-live': 'polite'});
      this.chatError = h('div', {class: 'dc-error', role: 'alert'});
      this.composer = h('textarea', {id: id + '-composer', rows: '2', dir: 'auto', 'aria-label': t('message'),
        placeholder: t('message'), onkeydown: e => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            this.send();
          }
        }, oninput: () => this.typed()});
      this.sendButton = h('button', {type: 'submit', class: 'dc-button dc-primary'}, t('send'));
      this.chatWindow = h('section', {class: 'dc-chat', 'aria-labelledby': id + '-chattitle', hidden: true},
        h('header', {class: 'dc-chathead'},
          h('button', {type: 'button', class: 'dc-back', onclick: () => this.show('contact')}, t('back')),
          this.chatTitle,
          h('button', {type: 'button', class: 'dc-link dc-closechat', 'aria-label': t('close'),
            onclick: () => this.closeChat()}, '×')),
        this.logBox, this.typingLine, this.chatError,
        h('form', {class: 'dc-compose', onsubmit: e => {
          e.preventDefault();
          this.send();
        }}, this.composer, this.sendButton));

      this.panel = h('div', {class: 'dc-panel', lang: this.t.lang, 'data-view': 'nav', role: 'region',
        'aria-label': t('panel')}, top, this.notice,
      h('div', {class: 'dc-body'}, this.nav, this.main, this.chatWindow), this.liveRegion);
      this.root.replaceChildren(this.panel);
      this.onDocumentClick = e => {
        if (!this.statusMenu.hidden && !this.statusMenu.contains(e.target) && !this.statusButton.contains(e.target)) {
          this.closeStatusMenu(false);
        }
      };
      this.onVisible = () => this.markReadSoon();
      document.addEventListener('click', this.onDocumentClick);
      document.addEventListener('visibilitychange', this.onVisible);
      window.addEventListener('focus', this.onVisible);
      this.renderStatus();
    }

    /** Which pane a narrow window shows: nav, contact, chat or search (wide windows show them side by side). */
    show(view) {
      this.panel.setAttribute('data-view', view);
      if (view === 'nav') {
        const current = this.list.querySelector('[aria-selected="true"]') || this.list.firstElementChild;
        (current || this.filterInput).focus();
      } else if (view === 'contact') {
        this.content.focus();
      }
    }

    // ---- start and stop

    async start() {
      try {
        const status = await this.api.get('/status');
        this.ownStatus(status);
      } catch (e) {
        this.problem(e);
      }
      await this.loadContacts('');
      this.connect();
    }

    unmount() {
      this.closed = true;
      if (this.stream) this.stream.close();
      for (const timer of this.timers) clearTimeout(timer);
      document.removeEventListener('click', this.onDocumentClick);
      document.removeEventListener('visibilitychange', this.onVisible);
      window.removeEventListener('focus', this.onVisible);
      this.root.replaceChildren();
    }

    later(ms, fn) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!this.closed) fn();
      }, ms);
      this.timers.add(timer);
      return timer;
    }

    debounce(name, ms, fn) {
      this.debounced = this.debounced || {};
      if (this.debounced[name]) {
        clearTimeout(this.debounced[name]);
        this.timers.delete(this.debounced[name]);
      }
      this.debounced[name] = this.later(ms, fn);
    }

    /** Tells screen readers; a burst of news is said once, the last of it. */
    say(text) {
      this.debounce('say', 100, () => {
        this.liveRegion.textContent = text;
      });
    }

    /** A problem the whole panel has (not one message's): shown in words at the top. */
    problem(e, sticky) {
      const p = e instanceof Problem ? e : new Problem(0, 'other', String(e && e.message || e));
      this.notice.hidden = false;
      this.notice.textContent = this.t.error(p);
      if (!sticky) this.debounce('notice', 15000, () => {
        this.notice.hidden = true;
      });
    }

    // ---- the event stream

    async connect() {
      if (this.closed) return;
      let ticket;
      try {
        ticket = (await this.api.call('POST', '/events/ticket')).ticket;
      } catch (e) {
        if (e.status === 401 || e.status === 403) {
          this.problem(e, true);
          return;
        }
        if (!this.everConnected) this.problem(e, true);
        this.reconnectLater();
        return;
      }
      if (this.closed) return;
      // The ticket is single-use and valid for a minute: the one credential that may travel in a URL.
      const url = this.api.base + '/events' + query({ticket, lastEventId: this.lastEventId});
      const stream = new EventSource(url);
      this.stream = stream;
      const handlers = {
        message: d => this.onMessage(d), typing: d => this.onTyping(d), presence: d => this.onPresence(d),
        contacts: d => this.onContactChange(d), status: d => this.onStatus(d), read: d => this.onRead(d),
        undelivered: d => this.onUndelivered(d), reset: () => this.onReset(), error: d => this.onStreamError(d)
      };
      for (const [type, handler] of Object.entries(handlers)) {
        stream.addEventListener(type, event => {
          if (event.lastEventId) this.lastEventId = event.lastEventId;
          if (typeof event.data !== 'string') return; // the browser's own error event
          let data;
          try {
            data = JSON.parse(event.data);
          } catch (e) {
            return;
          }
          handler(data);
        });
      }
      stream.onopen = () => {
        if (this.retry > 0) {
          this.notice.hidden = true;
          this.say(this.t('reconnected'));
        }
        this.retry = 0;
        this.everConnected = true;
        this.panel.setAttribute('data-stream', 'open');
      };
      stream.onerror = () => {
        // EventSource would retry with the used ticket: take over with a fresh one.
        stream.close();
        if (this.stream === stream) {
          this.panel.setAttribute('data-stream', 'closed');
          this.reconnectLater();
        }
      };
    }

    reconnectLater() {
      const delays = [500, 1000, 2000, 5000, 10000, 30000];
      const delay = delays[Math.min(this.retry, delays.length - 1)];
      this.retry++;
      if (this.retry > 2 && this.everConnected) {
        this.notice.hidden = false;
        this.notice.textContent = this.t('retrying');
      }
      this.later(delay, () => this.connect());
    }

    onStreamError(data) {
      this.problem(new Problem(0, data.code || 'other', data.message), true);
    }

    onReset() {
      this.loadContacts(this.filter);
      if (this.selected) this.select(this.selected, false);
      if (this.chat) this.openChat(this.chat.jid, null);
    }

    // ---- own status

    ownStatus(status) {
      this.own = {status: status.status, text: status.text || '', connected: !!status.connected};
      this.renderStatus();
    }

    renderStatus() {
      const t = this.t;
      const s = this.own.status;
      clear(this.statusButton, h('span', {class: 'dc-dot dc-' + s, 'aria-hidden': 'true'}),
        h('span', {class: 'dc-statuslabel'}, t(s)),
        this.own.text ? h('span', {class: 'dc-statustext', dir: 'auto'}, this.own.text) : null);
      this.statusButton.setAttribute('aria-label', t('status') + ': ' + t(s) + (this.own.text ? ', ' + this.own.text : ''));
      this.statusRadios.forEach(r => {
        r.checked = r.value === s;
      });
      if (document.activeElement !== this.statusTextInput) this.statusTextInput.value = this.own.text;
      this.panel && this.panel.setAttribute('data-own-status', s);
      const offline = s === 'offline';
      this.composer.disabled = offline;
      this.sendButton.disabled = offline;
      if (offline) {
        this.chatError.textContent = t('offlineNotice');
      } else if (this.chatError.textContent === t('offlineNotice')) {
        this.chatError.textContent = '';
      }
    }

    toggleStatusMenu() {
      if (this.statusMenu.hidden) {
        this.statusMenu.hidden = false;
        this.statusButton.setAttribute('aria-expanded', 'true');
        const checked = this.statusRadios.find(r => r.checked) || this.statusRadios[0];
        checked.focus();
      } else {
        this.closeStatusMenu(true);
      }
    }

    closeStatusMenu(focusButton) {
      this.statusMenu.hidden = true;
      this.statusButton.setAttribute('aria-expanded', 'false');
      if (focusButton) this.statusButton.focus();
    }

    async setStatus(status, text) {
      try {
        const answer = await this.api.call('PUT', '/status', {status, text: text || ''});
        const wasOffline = this.own.status === 'offline';
        this.ownStatus(answer);
        if (wasOffline !== (status === 'offline')) {
          this.loadContacts(this.filter);
          if (this.selected) this.select(this.selected, false);
        }
      } catch (e) {
        this.problem(e);
        this.renderStatus();
      }
    }

    onStatus(data) {
      const before = this.own.status;
      this.ownStatus(data);
      if (data.connected === false && data.reason && data.reason !== 'offline' && data.status !== 'offline') {
        this.notice.hidden = false;
        this.notice.textContent = this.t('serverClosed', data.reason);
      }
      if ((before === 'offline') !== (data.status === 'offline')) {
        this.loadContacts(this.filter);
        if (this.selected) this.select(this.selected, false);
      }
    }

    // ---- navigation pane

    async loadContacts(filter) {
      const generation = ++this.listGeneration;
      this.filter = filter;
      let page;
      try {
        page = await this.api.get('/contacts' + query({q: filter, limit: 100, offset: 0}));
      } catch (e) {
        if (generation === this.listGeneration) this.problem(e);
        return;
      }
      if (generation !== this.listGeneration) return; // a newer search won
      this.contacts.clear();
      this.order = [];
      this.list.replaceChildren();
      this.addContacts(page);
    }

    async loadMoreContacts() {
      const generation = this.listGeneration;
      let page;
      try {
        page = await this.api.get('/contacts' + query({q: this.filter, limit: 100, offset: this.order.length}));
      } catch (e) {
        this.problem(e);
        return;
      }
      if (generation !== this.listGeneration) return;
      const first = this.order.length;
      this.addContacts(page);
      this.focusContact(first);
    }

    addContacts(page) {
      this.total = page.total;
      if (page.ownStatus && page.ownStatus !== this.own.status) {
        this.own.status = page.ownStatus;
        this.renderStatus();
      }
      let lastKind = this.order.length ? this.contacts.get(this.order[this.order.length - 1]).kind : null;
      for (const c of page.contacts) {
        if (this.contacts.has(c.jid)) continue;
        if (c.kind !== lastKind) {
          this.list.appendChild(h('li', {role: 'presentation', class: 'dc-group'},
            c.kind === 'alias' ? this.t('aliases') : this.t('colleagues')));
          lastKind = c.kind;
        }
        this.contacts.set(c.jid, c);
        this.names.set(c.jid, c.name);
        this.order.push(c.jid);
        this.list.appendChild(this.contactItem(c));
      }
      this.rovingFocus();
      if (!this.listShown) {
        this.listShown = true;
        // For measurements (the benchmark): when the contact list first became usable.
        if (window.performance && performance.mark) performance.mark('domainchat:contacts');
      }
      this.moreButton.hidden = this.order.length >= this.total;
      this.countLine.textContent = this.order.length === 0 ? this.t('noContacts')
        : this.t('shown', this.order.length.toLocaleString(this.t.lang), this.total.toLocaleString(this.t.lang));
    }

    contactItem(c) {
      const t = this.t;
      const capped = c.unreadCapped || c.unread > 99;
      const badge = c.unread > 0 ? h('span', {class: 'dc-badge', 'aria-hidden': 'true'}, capped ? '99+' : String(c.unread)) : null;
      const label = [c.name, c.kind === 'alias' && c.status === 'available' && c.membersOnline
        ? t('membersOnline', c.membersOnline) : t(c.status === 'offline' ? 'unavailable' : c.status)];
      if (c.unread > 0) label.push(capped ? t('unreadMany') : t('unread', c.unread));
      const selected = this.selected === c.jid;
      return h('li', {role: 'option', class: 'dc-contact dc-kind-' + c.kind, 'data-jid': c.jid,
        'data-status': c.status, 'data-unread': String(c.unread), 'aria-selected': selected ? 'true' : 'false',
        'aria-label': label.join(', '), tabindex: '-1', title: c.jid,
        onclick: () => this.select(c.jid, true), ondblclick: () => this.openChat(c.jid, null)},
      h('span', {class: 'dc-dot dc-' + c.status, 'aria-hidden': 'true'}),
      h('span', {class: 'dc-name', dir: 'auto'}, c.name), badge);
    }

    /** One contact of the list is tabbable: the selected one, else the first. */
    rovingFocus() {
      const items = [...this.list.querySelectorAll('[role="option"]')];
      const current = items.find(i => i.getAttribute('aria-selected') === 'true') || items[0];
      items.forEach(i => i.setAttribute('tabindex', i === current ? '0' : '-1'));
    }

    focusContact(index) {
      const items = [...this.list.querySelectorAll('[role="option"]')];
      if (!items.length) return;
      const item = items[Math.max(0, Math.min(index, items.length - 1))];
      items.forEach(i => i.setAttribute('tabindex', i === item ? '0' : '-1'));
      item.focus();
    }

    listKey(e) {
      const items = [...this.list.querySelectorAll('[role="option"]')];
      const index = items.indexOf(document.activeElement);
      if (index < 0) return;
      const jid = items[index].getAttribute('data-jid');
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const next = index + (e.key === 'ArrowDown' ? 1 : -1);
        if (next < 0) {
          this.filterInput.focus();
          return;
        }
        this.focusContact(next);
        const target = items[Math.min(next, items.length - 1)].getAttribute('data-jid');
        this.debounce('select', 200, () => this.select(target, false));
      } else if (e.key === 'Home' || e.key === 'End') {
        e.preventDefault();
        this.focusContact(e.key === 'Home' ? 0 : items.length - 1);
      } else if (e.key === 'Enter') {
        e.preventDefault();
        this.select(jid, false); // the details and preview panes follow, as for a click
        this.openChat(jid, null);
      } else if (e.key === ' ') {
        e.preventDefault();
        this.select(jid, true);
      }
    }

    /** Replaces one contact's row (status, unread) after an event, where it is listed. */
    updateContact(summary) {
      this.names.set(summary.jid, summary.name);
      if (!this.contacts.has(summary.jid)) return;
      this.contacts.set(summary.jid, summary);
      const old = this.list.querySelector('[data-jid="' + CSS.escape(summary.jid) + '"]');
      if (old) {
        const fresh = this.contactItem(summary);
        fresh.setAttribute('tabindex', old.getAttribute('tabindex'));
        const hadFocus = document.activeElement === old;
        old.replaceWith(fresh);
        if (hadFocus) fresh.focus();
      }
    }

    async refreshContact(jid) {
      try {
        const summary = await this.api.get('/contacts/' + enc(jid));
        this.updateContact(summary);
        if (this.selected === jid) this.renderDetails(summary);
        return summary;
      } catch (e) {
        if (e.code === 'contact-not-found') this.removeContact(jid);
        return null;
      }
    }

    removeContact(jid) {
      this.contacts.delete(jid);
      this.order = this.order.filter(j => j !== jid);
      const row = this.list.querySelector('[data-jid="' + CSS.escape(jid) + '"]');
      if (row) row.remove();
      this.total = Math.max(0, this.total - 1);
      this.rovingFocus();
    }

    onPresence(data) {
      const c = this.contacts.get(data.jid);
      if (c && c.status !== data.status) this.updateContact(Object.assign({}, c, {status: data.status}));
      if (this.details && this.selected === data.jid) this.refreshContact(data.jid);
      if (this.details && this.details.kind === 'alias' && (this.details.members || []).some(m => m.jid === data.jid)) {
        this.debounce('members', 300, () => this.refreshContact(this.details.jid));
      }
    }

    onContactChange(data) {
      if (data.change === 'removed') {
        this.removeContact(data.jid);
      } else if (this.contacts.has(data.jid)) {
        this.refreshContact(data.jid);
      } else {
        this.debounce('list', 500, () => this.loadContacts(this.filter));
      }
    }

    onRead(data) {
      const c = this.contacts.get(data.with);
      if (c && c.unread) this.refreshContact(data.with);
    }

    // ---- content and preview panes

    async select(jid, focus) {
      this.selected = jid;
      this.list.querySelectorAll('[role="option"]').forEach(i =>
        i.setAttribute('aria-selected', i.getAttribute('data-jid') === jid ? 'true' : 'false'));
      this.rovingFocus();
      this.results.hidden = true;
      this.content.hidden = false;
      let details;
      try {
        details = await this.api.get('/contacts/' + enc(jid));
      } catch (e) {
        this.problem(e);
        return;
      }
      if (this.selected !== jid) return;
      this.renderDetails(details);
      this.updateContact(details);
      this.preview.hidden = false;
      this.conversationPick = null;
      this.selectTab(this.currentTab, false);
      if (focus) this.show('contact');
    }

    renderDetails(d) {
      const t = this.t;
      this.details = d;
      this.names.set(d.jid, d.name);
      const rows = [];
      const row = (label, value) => {
        if (value) rows.push(h('dt', null, label), h('dd', {dir: 'auto'}, value));
      };
      const statusWord = s => t(s === 'offline' ? 'unavailable' : s);
      let extra;
      if (d.kind === 'alias') {
        row(t('address'), d.jid);
        for (const m of d.members || []) this.names.set(m.jid, m.name);
        extra = [
          h('p', null, d.member ? t('youAreMember') : t('notMember')),
          h('h3', null, t('members')),
          h('ul', {class: 'dc-members'}, (d.members || []).map(m => h('li', {'data-jid': m.jid},
            h('span', {class: 'dc-dot dc-' + m.status, 'aria-hidden': 'true'}),
            h('span', {dir: 'auto'}, m.name), ' ', h('span', {class: 'dc-muted'}, '(' + statusWord(m.status) + ')'))))];
      } else {
        row(t('email'), d.email ? h('a', {href: 'mailto:' + d.email}, d.email) : null);
        if (d.card) {
          row(t('title'), d.card.title);
          row(t('organization'), d.card.organization);
          row(t('phone'), d.card.phone ? h('a', {href: 'tel:' + d.card.phone.replace(/[^0-9+]/g, '')}, d.card.phone) : null);
        }
        row(t('address'), d.jid);
        const resources = d.resources || [];
        extra = [h('h3', null, t('clients')), resources.length === 0 ? h('p', {class: 'dc-muted'}, t('noClients'))
          : h('ul', {class: 'dc-resources'}, resources.map(r => h('li', null,
            h('span', {class: 'dc-dot dc-' + r.status, 'aria-hidden': 'true'}),
            h('span', null, h('bdi', null, r.client === 'Webmail' ? t('webmail') : (r.client || r.resource)),
              ': ' + statusWord(r.status), r.text ? h('span', null, ' – ', h('bdi', null, r.text)) : null))))];
        if (d.aliases && d.aliases.length) {
          rows.push(h('dt', null, t('memberOf')), h('dd', null, d.aliases.map(a => a.name).join(', ')));
        }
      }
      const statusLine = d.kind === 'alias' && d.status === 'available'
        ? t('membersOnline', d.membersOnline) : statusWord(d.status);
      this.detailsBox.setAttribute('data-jid', d.jid);
      clear(this.detailsBox,
        h('div', {class: 'dc-detailshead'},
          h('span', {class: 'dc-dot dc-big dc-' + d.status, 'aria-hidden': 'true'}),
          h('div', null, h('h2', {class: 'dc-contactname', dir: 'auto'}, d.name),
            h('p', {class: 'dc-muted dc-contactstatus'}, statusLine))),
        h('div', {class: 'dc-toolbar', role: 'toolbar', 'aria-label': d.name},
          h('button', {type: 'button', class: 'dc-button dc-primary dc-startchat',
            'aria-label': t('chatWithName', d.name), onclick: () => this.openChat(d.jid, null)}, t('chat'))),
        h('dl', {class: 'dc-facts'}, rows), extra);
    }

    tabKey(e) {
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Home' || e.key === 'End') {
        e.preventDefault();
        const next = this.currentTab === 'chat' ? 'attachments' : 'chat';
        const target = e.key === 'Home' ? 'chat' : e.key === 'End' ? 'attachments' : next;
        this.selectTab(target);
        this.tabs[target === 'chat' ? 0 : 1].focus();
      }
    }

    async selectTab(name) {
      this.currentTab = name;
      this.tabs.forEach((tab, i) => {
        const on = (i === 0) === (name === 'chat');
        tab.setAttribute('aria-selected', on ? 'true' : 'false');
        tab.setAttribute('tabindex', on ? '0' : '-1');
      });
      this.tabPanel.setAttribute('aria-labelledby', this.tabs[name === 'chat' ? 0 : 1].id);
      if (!this.selected) return;
      clear(this.tabPanel, h('p', {class: 'dc-muted'}, this.t('loading')));
      if (name === 'chat') await this.loadConversations(null);
      else await this.loadAttachments(null);
    }

    async loadConversations(before) {
      const t = this.t;
      const jid = this.selected;
      let page;
      try {
        page = await this.api.get('/contacts/' + enc(jid) + '/conversations' + query({before, limit: 20}));
      } catch (e) {
        clear(this.tabPanel, h('p', {class: 'dc-error'}, t.error(e)));
        return;
      }
      if (this.selected !== jid || this.currentTab !== 'chat') return;
      if (!before) {
        this.openButton = h('button', {type: 'button', class: 'dc-button dc-open', disabled: true,
          onclick: () => this.openTranscript()}, t('open'));
        this.conversationList = h('ul', {class: 'dc-conversations', 'aria-label': t('conversations')});
        clear(this.tabPanel, h('div', {class: 'dc-toolbar', role: 'toolbar', 'aria-label': t('conversations')},
          this.openButton), this.conversationList);
      }
      if (!before && page.conversations.length === 0) {
        this.conversationList.replaceWith(h('p', {class: 'dc-muted'}, t('noConversations')));
        return;
      }
      for (const c of page.conversations) {
        const item = h('button', {type: 'button', class: 'dc-conversation', 'aria-pressed': 'false',
          'data-id': c.id, onclick: () => this.pickConversation(c, item),
          ondblclick: () => {
            this.pickConversation(c, item);
            this.openTranscript();
          }},
        h('span', {class: 'dc-when'}, this.when(c.startedAtMillis, true)),
        h('span', {class: 'dc-muted'}, ' · ' + (c.messageCount === 1 ? t('line1') : t('lines', c.messageCount)) + ' · '),
        h('span', {class: 'dc-firstline', dir: 'auto'}, c.firstLine || ''));
        this.conversationList.appendChild(h('li', null, item));
      }
      const old = this.tabPanel.querySelector('.dc-more');
      if (old) old.remove();
      if (page.before) {
        this.tabPanel.appendChild(h('button', {type: 'button', class: 'dc-button dc-more',
          onclick: () => this.loadConversations(page.before)}, t('more')));
      }
    }

    pickConversation(c, item) {
      this.conversationPick = c;
      this.conversationList.querySelectorAll('.dc-conversation').forEach(b =>
        b.setAttribute('aria-pressed', b === item ? 'true' : 'false'));
      this.openButton.disabled = false;
    }

    /** Opens the transcript in a new window, built with DOM calls like everything else. */
    async openTranscript() {
      const c = this.conversationPick;
      if (!c) return;
      const t = this.t;
      // Opened at once (inside the click), so that pop-up blockers let it through; filled once the lines are in.
      const win = window.open('', '_blank');
      if (!win) {
        this.problem(new Problem(0, 'other', 'pop-up blocked'));
        return;
      }
      const doc = win.document;
      const who = this.nameOf(c.with);
      const title = t('transcript', who, this.when(c.startedAtMillis, true));
      doc.title = title;
      doc.documentElement.lang = t.lang;
      const css = doc.createElement('link');
      css.rel = 'stylesheet';
      css.href = new URL('panel.css', BASE).href;
      doc.head.appendChild(css);
      const list = doc.createElement('ol');
      list.className = 'dc-log dc-transcript';
      const heading = doc.createElement('h1');
      heading.textContent = title;
      heading.dir = 'auto';
      const body = doc.createElement('main');
      body.className = 'dc-panel dc-transcriptpage';
      body.append(heading, list);
      doc.body.replaceChildren(body);
      let after = null;
      try {
        for (let pageCount = 0; pageCount < 50; pageCount++) {
          const page = await this.api.get('/conversations/' + enc(c.id) + query({after, limit: 200}));
          for (const m of page.messages) list.appendChild(doc.importNode(this.line(m, c.with), true));
          after = page.after;
          if (!after) break;
        }
      } catch (e) {
        const p = doc.createElement('p');
        p.className = 'dc-error';
        p.textContent = t.error(e);
        body.appendChild(p);
      }
      try {
        win.opener = null;
      } catch (e) {
        // some browsers refuse; the window is ours either way
      }
    }

    async loadAttachments(before) {
      const t = this.t;
      const jid = this.selected;
      let page;
      let pages = 0;
      let found = [];
      let cursor = before;
      try {
        // A page may be empty and still go on (each call reads a bounded part of the chat): follow a few.
        do {
          page = await this.api.get('/contacts/' + enc(jid) + '/attachments' + query({before: cursor, limit: 50}));
          found = found.concat(page.attachments);
          cursor = page.before;
        } while (found.length < 20 && cursor && ++pages < 5);
      } catch (e) {
        clear(this.tabPanel, h('p', {class: 'dc-error'}, t.error(e)));
        return;
      }
      if (this.selected !== jid || this.currentTab !== 'attachments') return;
      if (!before) {
        this.attachmentList = h('ul', {class: 'dc-attachments', 'aria-label': t('tabAttachments')});
        clear(this.tabPanel, this.attachmentList);
      }
      if (!before && found.length === 0 && !cursor) {
        this.attachmentList.replaceWith(h('p', {class: 'dc-muted'}, t('noAttachments')));
        return;
      }
      for (const a of found) {
        const href = safeUrl(a.url);
        if (!href) continue;
        this.attachmentList.appendChild(h('li', {class: 'dc-attachment dc-' + a.kind},
          h('span', {class: 'dc-kind'}, a.kind === 'file' ? t('file') : t('link')), ' ',
          h('a', {href, target: '_blank', rel: 'noopener noreferrer', dir: 'auto'}, a.name || a.url), ' ',
          h('span', {class: 'dc-muted'}, this.nameOf(a.from) + ', ' + this.when(a.sentAtMillis, true))));
      }
      const old = this.tabPanel.querySelector('.dc-more');
      if (old) old.remove();
      if (cursor) {
        this.tabPanel.appendChild(h('button', {type: 'button', class: 'dc-button dc-more',
          onclick: () => this.loadAttachments(cursor)}, t('more')));
      }
    }

    // ---- the chat window

    nameOf(jid) {
      if (this.me && jid === this.me) return this.t('you');
      return this.names.get(jid) || localPart(jid);
    }

    /** Date formats are costly to make and used for every line: one of each kind per panel. */
    format(options) {
      const key = JSON.stringify(options);
      let f = this.formats.get(key);
      if (!f) {
        f = new Intl.DateTimeFormat(this.t.lang, options);
        this.formats.set(key, f);
      }
      return f;
    }

    when(millis, withDate) {
      const date = new Date(millis);
      const today = new Date();
      const sameDay = date.toDateString() === today.toDateString();
      const options = sameDay && !withDate ? {hour: '2-digit', minute: '2-digit'}
        : {day: 'numeric', month: 'short', year: date.getFullYear() === today.getFullYear() ? undefined : 'numeric',
          hour: '2-digit', minute: '2-digit'};
      return this.format(options).format(date);
    }

    /** One line of a chat: writer, time, text. In alias threads the writer is the colleague who wrote it. */
    line(m, withJid) {
      const outgoing = m.outgoing;
      const writer = outgoing ? this.t('you') : this.nameOf(m.from);
      const li = h('li', {class: 'dc-line ' + (outgoing ? 'dc-out' : 'dc-in'), 'data-id': m.id || null,
        'data-client-id': m.clientId || null, tabindex: '-1'},
      h('span', {class: 'dc-who', dir: 'auto'}, writer),
      h('time', {class: 'dc-time', datetime: new Date(m.sentAtMillis).toISOString(),
        title: this.format({dateStyle: 'full', timeStyle: 'short'}).format(new Date(m.sentAtMillis))},
      this.when(m.sentAtMillis, false)),
      h('div', {class: 'dc-text', dir: 'auto'}, linkified(m.body || '')),
      m.truncated ? h('span', {class: 'dc-muted'}, this.t('shortened')) : null);
      if (withJid && m.from && m.from !== withJid && !outgoing) li.classList.add('dc-via');
      return li;
    }

    async openChat(jid, focusMessageId) {
      const t = this.t;
      this.log.setAttribute('aria-busy', 'true');
      if (!this.chat || this.chat.jid !== jid) {
        this.stopTyping();
        this.chat = {jid, ids: new Set(), before: null, loading: false, newest: null};
        this.typingIn.clear();
        this.typingLine.textContent = '';
        this.chatError.textContent = '';
        this.renderStatus();
      }
      if (!this.me) {
        try {
          this.me = (await this.api.get('/session')).user;
        } catch (e) {
          this.me = null;
        }
      }
      this.chatWindow.hidden = false;
      this.panel.classList.add('dc-chatting');
      this.chatTitle.textContent = t('chatWithName', this.nameOf(jid));
      this.log.replaceChildren();
      this.earlierButton.hidden = true;
      this.show('chat');
      let page;
      try {
        // An alias's lines name their writers: learn the members' names first unless the details showed them.
        const learn = this.details && this.details.jid === jid ? null : this.learnNames(jid);
        [page] = await Promise.all([this.api.get('/history/' + enc(jid)), learn]);
      } catch (e) {
        this.chatError.textContent = t.error(e);
        this.log.removeAttribute('aria-busy');
        return;
      }
      if (!this.chat || this.chat.jid !== jid) return;
      this.log.removeAttribute('aria-busy');
      this.chatTitle.textContent = t('chatWithName', this.nameOf(jid));
      this.chat.before = page.before;
      for (const m of page.messages) this.addLine(m, false);
      this.earlierButton.hidden = !page.before;
      if (!page.before && page.messages.length > 0) this.log.prepend(h('li', {class: 'dc-start dc-muted'}, t('noEarlier')));
      this.logBox.scrollTop = this.logBox.scrollHeight;
      if (focusMessageId) await this.jumpTo(focusMessageId);
      else this.composer.focus();
      this.markReadSoon();
    }

    /** The names a chat will show: the contact's, and an alias's members'. Never fails the chat. */
    async learnNames(jid) {
      try {
        const d = await this.api.get('/contacts/' + enc(jid));
        this.names.set(d.jid, d.name);
        for (const m of d.members || []) this.names.set(m.jid, m.name);
      } catch (e) {
        // the names fall back to the address's local part
      }
    }

    closeChat() {
      this.stopTyping();
      this.chat = null;
      this.chatWindow.hidden = true;
      this.panel.classList.remove('dc-chatting');
      this.show(this.selected ? 'contact' : 'nav');
    }

    addLine(m, live) {
      const chat = this.chat;
      if (m.id && chat.ids.has(m.id)) return null;
      if (m.id) chat.ids.add(m.id);
      const li = this.line(m, chat.jid);
      this.log.appendChild(li);
      if (!m.outgoing && m.id) chat.newest = m.id;
      if (live && this.atBottom) this.scrollToEnd();
      return li;
    }

    /** Keeps the newest line in view: once per frame, however many lines arrive, so no line waits for layout. */
    scrollToEnd() {
      if (this.scrollPending) return;
      this.scrollPending = true;
      requestAnimationFrame(() => {
        this.scrollPending = false;
        this.logBox.scrollTop = this.logBox.scrollHeight;
        this.atBottom = true;
      });
    }

    async loadEarlier() {
      const chat = this.chat;
      if (!chat || !chat.before || chat.loading) return false;
      chat.loading = true;
      const jid = chat.jid;
      let page;
      try {
        page = await this.api.get('/history/' + enc(jid) + query({before: chat.before}));
      } catch (e) {
        chat.loading = false;
        this.chatError.textContent = this.t.error(e);
        return false;
      }
      chat.loading = false;
      if (this.chat !== chat) return false;
      const height = this.logBox.scrollHeight;
      const top = this.logBox.scrollTop;
      const lines = [];
      for (const m of page.messages) {
        if (m.id && chat.ids.has(m.id)) continue;
        if (m.id) chat.ids.add(m.id);
        lines.push(this.line(m, jid));
      }
      this.log.prepend(...lines);
      chat.before = page.before;
      this.earlierButton.hidden = !page.before;
      if (!page.before) this.log.prepend(h('li', {class: 'dc-start dc-muted'}, this.t('noEarlier')));
      this.logBox.scrollTop = top + (this.logBox.scrollHeight - height);
      return true;
    }

    /** Shows one message of the chat (a search hit), loading older lines until it is there. */
    async jumpTo(id) {
      for (let i = 0; i < HISTORY_SEARCH_PAGES; i++) {
        const line = this.log.querySelector('[data-id="' + CSS.escape(id) + '"]');
        if (line) {
          line.classList.add('dc-hit');
          line.scrollIntoView({block: 'center'});
          line.focus();
          return;
        }
        if (!(await this.loadEarlier())) return;
      }
    }

    /** Marks the open chat read once its newest lines are on screen and the window is in front. */
    markReadSoon() {
      if (!this.chat || document.visibilityState === 'hidden') return;
      this.debounce('read', 300, () => this.markRead());
    }

    async markRead() {
      const chat = this.chat;
      if (!chat || document.visibilityState === 'hidden') return;
      const c = this.contacts.get(chat.jid);
      if (!this.atBottom || (c && !c.unread && chat.readUpTo === chat.newest)) return;
      chat.readUpTo = chat.newest;
      try {
        const answer = await this.api.call('POST', '/read', {with: chat.jid, upTo: chat.newest || null});
        if (c) this.updateContact(Object.assign({}, c, {unread: answer.unread, unreadCapped: answer.unreadCapped}));
      } catch (e) {
        chat.readUpTo = null;
      }
    }

    async send() {
      const chat = this.chat;
      const text = this.composer.value;
      if (!chat || !text.trim()) return;
      this.composer.value = '';
      this.stopTyping(true);
      this.chatError.textContent = '';
      const pending = this.line({outgoing: true, body: text, sentAtMillis: Date.now()}, chat.jid);
      pending.classList.add('dc-pending');
      pending.setAttribute('aria-busy', 'true');
      this.log.appendChild(pending);
      this.logBox.scrollTop = this.logBox.scrollHeight;
      chat.pending = chat.pending || [];
      chat.pending.push({text, li: pending});
      try {
        const answer = await this.api.call('POST', '/messages', {to: chat.jid, body: text});
        pending.setAttribute('data-client-id', answer.clientId);
        pending.classList.remove('dc-pending');
        pending.removeAttribute('aria-busy');
      } catch (e) {
        // Nothing is lost: the text goes back into the box, the error is said in words.
        pending.remove();
        if (!this.composer.value) this.composer.value = text;
        this.chatError.textContent = this.t.error(e);
      } finally {
        chat.pending = (chat.pending || []).filter(p => p.li !== pending);
      }
    }

    onMessage(m) {
      const chat = this.chat;
      this.clearTyping(m.with, m.from);
      if (chat && chat.jid === m.with) {
        if (m.outgoing && !m.carbon) {
          // What this or another tab sent: the line is ours once we know it.
          const known = m.clientId && this.log.querySelector('[data-client-id="' + CSS.escape(m.clientId) + '"]');
          if (known) return;
          const waiting = (chat.pending || []).find(p => p.text === m.body && !p.matched);
          if (waiting) {
            waiting.matched = true;
            waiting.li.setAttribute('data-client-id', m.clientId || '');
            return;
          }
        }
        this.addLine(m, true);
        if (!m.outgoing) {
          this.say(this.t('newMessage', this.nameOf(m.from)));
          this.markReadSoon();
        }
        if (!m.outgoing && document.visibilityState !== 'hidden') return;
      }
      if (!m.outgoing) {
        if (!chat || chat.jid !== m.with) this.say(this.t('newMessage', this.nameOf(m.from)));
        this.debounce('unread-' + m.with, 150, () => this.refreshContact(m.with));
      }
    }

    onUndelivered(data) {
      if (this.chat && this.chat.jid === data.with) {
        const line = data.clientId && this.log.querySelector('[data-client-id="' + CSS.escape(data.clientId) + '"]');
        if (line) line.classList.add('dc-failed');
        this.chatError.textContent = this.t.error(new Problem(0, 'undelivered', data.message));
      } else {
        this.problem(new Problem(0, 'undelivered', this.nameOf(data.with) + ': ' + data.message));
      }
    }

    onTyping(data) {
      if (!this.chat || this.chat.jid !== data.with) return;
      if (data.state === 'composing') {
        this.typingIn.set(data.from, Date.now());
        this.debounce('typing-expire-' + data.from, 30000, () => this.clearTyping(data.with, data.from));
      } else {
        this.typingIn.delete(data.from);
      }
      this.renderTyping();
    }

    clearTyping(withJid, from) {
      if (this.chat && this.chat.jid === withJid && this.typingIn.delete(from)) this.renderTyping();
    }

    renderTyping() {
      this.typingLine.textContent = [...this.typingIn.keys()].map(j => this.t('typing', this.nameOf(j))).join(' ');
    }

    /** Tells the contact we are typing: composing at most every 10 s, paused after 5 s without a key. */
    typed() {
      const chat = this.chat;
      if (!chat || this.own.status === 'offline') return;
      const now = Date.now();
      if (!this.composer.value.trim()) {
        this.stopTyping();
        return;
      }
      if (this.typingOut.state !== 'composing' || now - this.typingOut.at > 10000) {
        this.typingOut = {state: 'composing', at: now, jid: chat.jid};
        this.api.call('POST', '/typing', {to: chat.jid, state: 'composing'}).catch(() => {});
      }
      this.debounce('paused', 5000, () => this.stopTyping());
    }

    stopTyping(sent) {
      const out = this.typingOut;
      if (out.state === 'composing' && !sent && this.own.status !== 'offline') {
        this.api.call('POST', '/typing', {to: out.jid, state: 'paused'}).catch(() => {});
      }
      this.typingOut = {state: null, at: 0};
    }

    // ---- search

    async search(q, cursor) {
      const t = this.t;
      if (!q) return;
      this.results.hidden = false;
      this.content.hidden = true;
      this.preview.hidden = true;
      if (!cursor) {
        this.resultList = h('ol', {class: 'dc-hits'});
        clear(this.results,
          h('div', {class: 'dc-resultshead'},
            h('button', {type: 'button', class: 'dc-back', onclick: () => this.closeSearch()}, t('back')),
            h('h2', {id: this.id + '-resultstitle'}, t('searchResults')),
            h('button', {type: 'button', class: 'dc-link', onclick: () => this.closeSearch()}, t('closeSearch'))),
          h('p', {class: 'dc-muted', 'aria-live': 'polite'}, t('loading')), this.resultList);
        this.show('search');
        this.results.focus();
      }
      let page;
      try {
        page = await this.api.get('/search' + query({q, cursor, limit: 20}));
      } catch (e) {
        const message = e.status === 400 ? t.error(new Problem(400, 'search', e.message)) : t.error(e);
        this.results.querySelector('p').textContent = message;
        return;
      }
      const summary = this.results.querySelector('p');
      summary.textContent = page.total === 0 ? t('noResults')
        : page.totalExact ? (page.total === 1 ? t('result1') : t('results', page.total.toLocaleString(t.lang))) : t('resultsMore', page.total.toLocaleString(t.lang));
      for (const hit of page.hits) {
        const snippet = h('span', {class: 'dc-snippet', dir: 'auto'},
          (hit.snippet && hit.snippet.length ? hit.snippet : [{text: hit.body || '', match: false}])
            .map(f => f.match ? h('mark', null, f.text) : f.text));
        this.resultList.appendChild(h('li', null, h('button', {type: 'button', class: 'dc-hit-button',
          'data-id': hit.id, onclick: () => this.openChat(hit.with, hit.id)},
        h('span', {class: 'dc-who', dir: 'auto'}, (hit.outgoing ? t('you') + ' → ' + this.nameOf(hit.to) : this.nameOf(hit.from))),
        h('span', {class: 'dc-muted'}, ' · ' + this.when(hit.sentAtMillis, true)), h('br'), snippet)));
      }
      const old = this.results.querySelector('.dc-more');
      if (old) old.remove();
      if (page.cursor) {
        this.results.appendChild(h('button', {type: 'button', class: 'dc-button dc-more',
          onclick: () => this.search(q, page.cursor)}, t('moreResults')));
      }
    }

    closeSearch() {
      this.results.hidden = true;
      this.content.hidden = false;
      this.preview.hidden = !this.selected;
      this.show(this.selected ? 'contact' : 'nav');
      this.searchInput.focus();
    }
  }

  // ---------------------------------------------------------------------------------------------- public surface

  function ensureStyles(options) {
    if (options.css === false) return;
    const href = new URL('panel.css', BASE).href;
    if ([...document.querySelectorAll('link[rel="stylesheet"]')].some(l => l.href === href)) return;
    document.head.appendChild(h('link', {rel: 'stylesheet', href}));
  }

  const DomainChat = Object.freeze({
    /**
     * Mounts the panel in {@code element}. Options: api (the API's address; default: beside this script),
     * token (a session or backend token) or getToken (an async function returning a fresh backend token),
     * lang ('en' or 'de'; default: the page's lang, then the browser's), onSignOut and onUnauthorized (the
     * own page's sign-out), css (false: the page links panel.css itself). Returns {unmount()}.
     */
    mount(element, options) {
      if (!(element instanceof Element)) throw new TypeError('DomainChat.mount needs an element');
      const opts = Object.assign({}, options || {});
      if (!opts.token && typeof opts.getToken !== 'function') throw new TypeError('DomainChat.mount needs a token or getToken');
      ensureStyles(opts);
      const panel = new Panel(element, opts);
      return Object.freeze({unmount: () => panel.unmount()});
    },
    /** The panel's texts in a language, for the page around it (e.g. its sign-in form). */
    texts(lang) {
      return texts(pickLanguage(lang, document.documentElement));
    },
    version: '0.4.0'
  });

  Object.defineProperty(window, 'DomainChat', {value: DomainChat, writable: false, configurable: false});
})();
