// OpenID Connect provider for the login tests (npm package oidc-provider 9), started by tests/sso/servers.py:
//
//   node tests/sso/provider.mjs <config.json>
//
// config.json: port (0 = any free port), issuer (null = http://127.0.0.1:<port>), clients, jwks
// (private signing keys), accounts_file, ready_file, cookie_keys. When the server listens, it writes
// {"issuer", "port"} to ready_file. Accounts come from accounts_file, re-read at every lookup:
// {"<username>": {"sub", "password", "disabled"?, <claims>...}}. A plain login form of our own
// checks the passwords (no devInteractions); consent is granted automatically.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';

import Provider, { interactionPolicy } from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const SCOPES = ['openid', 'email', 'profile', 'groups'];
const NOT_CLAIMS = new Set(['sub', 'password', 'disabled']);

function accounts() {
  return JSON.parse(readFileSync(config.accounts_file, 'utf8'));
}

function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body>
<main>
<h1>${escape(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

function send(res, status, html) {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(html);
}

// Account lookup by sub (accountId); a disabled or removed account is unknown (login refused).
async function findAccount(ctx, sub) {
  const entry = Object.entries(accounts()).find(([, account]) => account.sub === sub);
  if (!entry || entry[1].disabled) {
    return undefined;
  }
  const [, account] = entry;
  return {
    accountId: sub,
    async claims() {
      const claims = { sub };
      for (const [name, value] of Object.entries(account)) {
        if (!NOT_CLAIMS.has(name)) {
          claims[name] = value;
        }
      }
      if (claims.email !== undefined && claims.email_verified === undefined) {
        claims.email_verified = true;
      }
      return claims;
    },
  };
}

// No consent screen: every requested scope and claim of a known client is granted.
async function loadExistingGrant(ctx) {
  const { provider, client, account } = ctx.oidc;
  const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(client.clientId);
  let grant = grantId ? await provider.Grant.find(grantId) : undefined;
  if (!grant) {
    grant = new provider.Grant({ clientId: client.clientId, accountId: account.accountId });
  }
  grant.addOIDCScope(SCOPES.join(' '));
  const claims = [...ctx.oidc.requestParamClaims];
  if (claims.length) {
    grant.addOIDCClaims(claims);
  }
  await grant.save();
  return grant;
}

async function logoutSource(ctx, form) {
  ctx.type = 'html';
  ctx.body = page('Abmelden', `<p>Möchten Sie sich abmelden?</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Abmelden</button>
<button type="submit" form="op.logoutForm">Angemeldet bleiben</button>`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.type = 'html';
  ctx.body = page('Abgemeldet', '<p>Sie sind abgemeldet.</p>');
}

async function renderError(ctx, out) {
  ctx.type = 'html';
  ctx.body = page('Fehler', Object.entries(out)
    .map(([key, value]) => `<p><strong>${escape(key)}</strong>: ${escape(value)}</p>`).join('\n'));
}

// The standard prompts, plus: a session whose account is now disabled or removed logs in again
// (oidc-provider itself only checks that the session has an account id).
function policy() {
  const { base, Check } = interactionPolicy;
  const prompts = base();
  prompts.get('login').checks.push(new Check('account_gone', 'the account is disabled or removed', (ctx) => (
    ctx.oidc.session.accountId && !ctx.oidc.account ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT)));
  return prompts;
}

function configuration() {
  return {
    clients: config.clients.map((client) => ({
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
      ...client,
    })),
    jwks: config.jwks,
    cookies: {
      keys: config.cookie_keys,
      // Over plain http (ctx.secure false) oidc-provider sets no Secure flag; SameSite=Lax is the default.
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    scopes: SCOPES,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      groups: ['groups'],
    },
    // The ID token carries the claims of the granted scopes too, not only userinfo (like most providers).
    conformIdTokenClaims: false,
    pkce: { required: () => true }, // oidc-provider 9 knows S256 only
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    },
    clientBasedCORS: () => true,
    findAccount,
    loadExistingGrant,
    renderError,
    interactions: { policy: policy(), url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  };
}

function loginForm(uid, login, error) {
  const message = error ? `<p role="alert">${escape(error)}</p>\n` : '';
  return page('Anmelden', `${message}<form method="post" action="/interaction/${escape(uid)}/login">
<p><label for="login">Benutzername</label>
<input id="login" name="login" autocomplete="username" value="${escape(login)}" required autofocus></p>
<p><label for="password">Passwort</label>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Anmelden</button></p>
</form>`);
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// GET /interaction/:uid shows the login form, POST /interaction/:uid/login checks the password.
async function interaction(provider, req, res, uid, action) {
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (error) {
    send(res, 400, page('Anmeldung abgelaufen', `<p>${escape(error.message)}</p>`));
    return;
  }
  if (details.uid !== uid) {
    send(res, 400, page('Anmeldung abgelaufen', '<p>Unbekannte Anmeldung.</p>'));
    return;
  }
  if (details.prompt.name !== 'login') {
    // Not reached while loadExistingGrant grants everything; finish any other prompt without asking.
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    grant.addOIDCScope(SCOPES.join(' '));
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
    return;
  }
  if (req.method === 'GET' && !action) {
    send(res, 200, loginForm(uid, details.params.login_hint ?? '', null));
    return;
  }
  if (req.method !== 'POST' || action !== 'login') {
    send(res, 405, page('Fehler', '<p>Methode nicht erlaubt.</p>'));
    return;
  }
  const form = await readForm(req);
  const login = form.get('login') ?? '';
  const known = accounts();
  const account = Object.hasOwn(known, login) ? known[login] : undefined;
  if (!account || account.disabled || account.password !== (form.get('password') ?? '')) {
    send(res, 200, loginForm(uid, login, 'Benutzername oder Passwort falsch'));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
}

const server = http.createServer();
server.listen(config.port, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = config.issuer ?? `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, configuration());
  provider.on('server_error', (ctx, error) => console.error('server_error', error));
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url === '/favicon.ico') {
      // Browsers ask for it on every page; a 404 would be a console error in the browser tests.
      res.writeHead(204);
      res.end();
      return;
    }
    const match = /^\/interaction\/([^/?]+)(?:\/(login))?(?:\?|$)/.exec(req.url);
    if (!match) {
      callback(req, res);
      return;
    }
    interaction(provider, req, res, match[1], match[2]).catch((error) => {
      console.error(error);
      if (!res.headersSent) {
        send(res, 500, page('Fehler', `<p>${escape(error.message)}</p>`));
      }
    });
  });
  writeFileSync(`${config.ready_file}.tmp`, JSON.stringify({ issuer, port }));
  renameSync(`${config.ready_file}.tmp`, config.ready_file);
  console.log(`oidc-provider listening on ${issuer}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}
