// Mounts the domainchat panel in the webmail page. The webmail's own backend knows who is logged in and signs a
// short-lived domainchat backend token for that user (HS256 with domainchat.webmail.secret, see docs/webmail-api.md);
// the panel asks for a fresh one whenever the chat server refuses the current one, and keeps it in memory only.
async function domainchatToken() {
  const response = await fetch('/webmail/chat-token', {method: 'POST', credentials: 'same-origin',
    headers: {'X-Requested-With': 'webmail'}});
  if (!response.ok) {
    throw new Error('the webmail could not issue a chat token: ' + response.status);
  }
  return (await response.json()).token;
}

DomainChat.mount(document.getElementById('chat'), {
  api: 'https://chat.example.com:7443/domainchat/api/v1',
  getToken: domainchatToken
});
