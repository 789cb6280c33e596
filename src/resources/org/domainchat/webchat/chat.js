/*
 * The own chat page (/domainchat/chat/): sign in with the Openfire password, then the panel. The session token is
 * kept in this tab's sessionStorage only, so a reload stays signed in and closing the tab forgets it.
 */
(() => {
  'use strict';
  const KEY = 'domainchat.session';
  const API = new URL('../api/v1', location.href).href;
  const root = document.getElementById('domainchat');
  const t = DomainChat.texts();
  document.documentElement.lang = t.lang;
  document.title = 'Domain Chat';
  let mounted = null;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  }

  function signIn(message) {
    if (mounted) {
      mounted.unmount();
      mounted = null;
    }
    sessionStorage.removeItem(KEY);
    root.className = 'dc-panel';
    const user = el('input', {type: 'text', name: 'username', id: 'dc-username', autocomplete: 'username', required: ''});
    const pass = el('input', {type: 'password', name: 'password', id: 'dc-password', autocomplete: 'current-password', required: ''});
    const error = el('p', {class: 'dc-error', role: 'alert', id: 'dc-signin-error'});
    if (message) error.textContent = message;
    const button = el('button', {type: 'submit', class: 'dc-button dc-primary'}, t('signIn'));
    const form = el('form', {class: 'dc-signin', 'aria-labelledby': 'dc-signin-title'},
      el('h1', {id: 'dc-signin-title'}, t('signInTitle')),
      el('label', {for: 'dc-username'}, t('username'), user),
      el('label', {for: 'dc-password'}, t('password'), pass), error, button);
    form.addEventListener('submit', async e => {
      e.preventDefault();
      button.disabled = true;
      error.textContent = '';
      try {
        const response = await fetch(API + '/session', {method: 'POST', cache: 'no-store', credentials: 'omit',
          headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
          body: JSON.stringify({username: user.value.trim(), password: pass.value})});
        const data = await response.json().catch(() => ({}));
        if (response.status === 201 && data.token) {
          pass.value = '';
          sessionStorage.setItem(KEY, data.token);
          open(data.token);
          return;
        }
        const code = data.error ? data.error.code : 'other';
        error.textContent = t.error({code, message: data.error ? data.error.message : String(response.status),
          retryAfter: response.headers.get('Retry-After')});
      } catch (err) {
        error.textContent = t.error({code: 'network', message: String(err)});
      } finally {
        button.disabled = false;
      }
    });
    root.replaceChildren(form);
    user.focus();
  }

  async function signOut() {
    const token = sessionStorage.getItem(KEY);
    if (token) {
      await fetch(API + '/session', {method: 'DELETE', cache: 'no-store', credentials: 'omit',
        headers: {'Authorization': 'Bearer ' + token}}).catch(() => null);
    }
    signIn('');
  }

  function open(token) {
    root.className = '';
    mounted = DomainChat.mount(root, {api: API, token, css: false, onSignOut: signOut,
      onUnauthorized: () => signIn(t('signedOut'))});
  }

  const saved = sessionStorage.getItem(KEY);
  if (saved) open(saved);
  else signIn('');
})();
