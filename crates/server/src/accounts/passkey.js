// Passkeys on the server's staff pages (docs/staff.md): the browser's
// WebAuthn calls and nothing else; the server checks every answer. A button
// [data-passkey=add|sign-in] stays hidden (in its [data-passkey-block]) where
// the browser has no WebAuthn.
const b64 = {
  decode: (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '=')), (c) => c.charCodeAt(0)),
  encode: (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
};

async function post(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': document.documentElement.lang },
    body: JSON.stringify(body ?? {}),
    credentials: 'same-origin',
  });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.json();
}

async function add() {
  const { ceremony, options } = await post('/api/v1/staff/passkeys/registration');
  const pk = options.publicKey;
  pk.challenge = b64.decode(pk.challenge);
  pk.user.id = b64.decode(pk.user.id);
  pk.excludeCredentials = (pk.excludeCredentials || []).map((c) => ({ ...c, id: b64.decode(c.id) }));
  // A passkey is a discoverable credential: signing in then needs no e-mail address.
  pk.authenticatorSelection = { ...(pk.authenticatorSelection || {}), residentKey: 'required', requireResidentKey: true };
  const cred = await navigator.credentials.create({ publicKey: pk });
  await post('/api/v1/staff/passkeys', {
    ceremony,
    name: navigator.platform || 'passkey',
    credential: {
      id: cred.id,
      rawId: b64.encode(cred.rawId),
      type: cred.type,
      response: { attestationObject: b64.encode(cred.response.attestationObject), clientDataJSON: b64.encode(cred.response.clientDataJSON) },
      extensions: {},
    },
  });
  location.reload();
}

async function signIn(next) {
  const { ceremony, options } = await post('/api/v1/staff/passkeys/sign-in');
  const pk = options.publicKey;
  pk.challenge = b64.decode(pk.challenge);
  pk.allowCredentials = [];
  const cred = await navigator.credentials.get({ publicKey: pk });
  const r = cred.response;
  await post('/api/v1/staff/sessions/passkey', {
    ceremony,
    credential: {
      id: cred.id,
      rawId: b64.encode(cred.rawId),
      type: cred.type,
      response: {
        authenticatorData: b64.encode(r.authenticatorData),
        clientDataJSON: b64.encode(r.clientDataJSON),
        signature: b64.encode(r.signature),
        userHandle: r.userHandle ? b64.encode(r.userHandle) : null,
      },
      extensions: {},
    },
  });
  location.assign(next);
}

for (const button of document.querySelectorAll('[data-passkey]')) {
  if (!window.PublicKeyCredential) continue;
  button.closest('[data-passkey-block]').hidden = false;
  const status = document.getElementById('passkey-status');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = '';
    try {
      if (button.dataset.passkey === 'add') await add();
      else await signIn(button.dataset.next);
    } catch (e) {
      status.textContent = button.dataset.failed;
      button.disabled = false;
    }
  });
}
