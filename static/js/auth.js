// Ways back in: passkeys (our few lines of navigator.credentials glue; the server checks everything)
// and the recovery codes' Copy, Download and Print buttons.
import {t} from './i18n.js';


const toBytes = (text) => {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
};
const toText = (buffer) => {
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const withIds = (list) => (list || []).map((c) => ({...c, id: toBytes(c.id)}));

// Load the page the server names; only its #part differing still means a fresh page (a new flash).
function go(where) {
  const target = new URL(where, window.location.href);
  if (target.pathname === window.location.pathname && target.search === window.location.search) {
    window.location.hash = target.hash;
    window.location.reload();
  } else {
    window.location.assign(target.href);
  }
}

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST', credentials: 'same-origin', body: JSON.stringify(body || {}),
    headers: {'Content-Type': 'application/json', Accept: 'application/json',
      'X-CSRFToken': document.querySelector('meta[name="csrf-token"]').content},
  });
  const data = await response.json().catch(() => ({}));
  if (data.redirect && (response.ok || data.error === 'confirm')) {
    go(data.redirect);
    return null;
  }
  if (!response.ok) throw new Error(data.message || t('Something went wrong. Please try again.'));
  return data;
}

function say(button, text) {
  const status = button.parentElement.querySelector('[data-passkey-status]');
  if (status) status.textContent = text;
}

function failed(button, error) {
  button.disabled = false;
  // The person closed the prompt, or it timed out: not an error worth alarming anyone about.
  say(button, error.name === 'NotAllowedError' || error.name === 'AbortError'
    ? t('The passkey was not used. You can try again.') : error.message);
}

async function addPasskey(button) {
  button.disabled = true;
  say(button, 'Follow the steps on your phone or computer…');
  try {
    const start = await post('/account/passkeys/new/options');
    if (!start) return;
    const o = start.options;
    const credential = await navigator.credentials.create({publicKey: {
      ...o, challenge: toBytes(o.challenge), user: {...o.user, id: toBytes(o.user.id)},
      excludeCredentials: withIds(o.excludeCredentials)}});
    const r = credential.response;
    await post('/account/passkeys/new', {credential: {
      id: credential.id, rawId: toText(credential.rawId), type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: {clientDataJSON: toText(r.clientDataJSON), attestationObject: toText(r.attestationObject),
        transports: r.getTransports ? r.getTransports() : []}}});
  } catch (error) {
    failed(button, error);
  }
}

async function usePasskey(button) {
  const purpose = button.dataset.passkeyGet;   // "signin" or "confirm"
  button.disabled = true;
  say(button, 'Follow the steps on your phone or computer…');
  try {
    const start = await post('/account/passkey/options', {purpose});
    if (!start) return;
    const o = start.options;
    const credential = await navigator.credentials.get({publicKey: {
      ...o, challenge: toBytes(o.challenge), allowCredentials: withIds(o.allowCredentials)}});
    const r = credential.response;
    const next = button.dataset.next ? `?next=${encodeURIComponent(button.dataset.next)}` : '';
    await post(`/account/passkey/${purpose === 'confirm' ? 'confirm' : 'signin'}${next}`, {credential: {
      id: credential.id, rawId: toText(credential.rawId), type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: {clientDataJSON: toText(r.clientDataJSON), authenticatorData: toText(r.authenticatorData),
        signature: toText(r.signature), userHandle: r.userHandle ? toText(r.userHandle) : null}}});
  } catch (error) {
    failed(button, error);
  }
}

function setUpPasskeys() {
  if (!window.PublicKeyCredential || !navigator.credentials) return;
  for (const element of document.querySelectorAll('[data-needs-passkeys]')) element.hidden = false;
  for (const element of document.querySelectorAll('[data-passkeys-missing]')) element.hidden = true;
  for (const button of document.querySelectorAll('[data-passkey-add]')) {
    button.addEventListener('click', () => addPasskey(button));
  }
  for (const button of document.querySelectorAll('[data-passkey-get]')) {
    button.addEventListener('click', () => usePasskey(button));
  }
}

function setUpRecoveryCodes() {
  const list = document.getElementById('recovery-codes');
  if (!list) return;
  const status = document.querySelector('[data-codes-status]');
  const codes = [...list.querySelectorAll('code')].map((code) => code.textContent.trim());
  const text = [t('Sciatica Companion recovery codes for %(email)s', {email: list.dataset.email}),
    t('Made %(date)s.', {date: list.dataset.made}), t('Each code works once. Keep them somewhere safe.'), '',
    ...codes, ''].join('\n');
  const buttons = document.querySelector('[data-needs-js]');
  if (buttons) buttons.hidden = false;
  document.querySelector('[data-codes-copy]').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = t('Copied. Paste them somewhere safe, like a password manager.');
    } catch (error) {
      status.textContent = t('This browser would not copy them. Please use Download or Print.');
    }
  });
  document.querySelector('[data-codes-download]').addEventListener('click', () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], {type: 'text/plain'}));
    link.download = 'sciatica-companion-recovery-codes.txt';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    status.textContent = t('Downloaded as %(file)s.', {file: 'sciatica-companion-recovery-codes.txt'});
  });
  document.querySelector('[data-codes-print]').addEventListener('click', () => window.print());
}

setUpPasskeys();
setUpRecoveryCodes();
