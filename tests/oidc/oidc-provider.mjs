// A real OpenID Connect provider for the tests: node-oidc-provider (OpenID Certified), on
// 127.0.0.1 over HTTPS, with the clients and users the test gives it.
//
//   node oidc-provider.mjs NODE_TOOLS_DIR CONFIG.json
//
// NODE_TOOLS_DIR: where `npm install --prefix` put oidc-provider (a folder of the build).
// CONFIG: {"cert": "server.pem", "key": "server.key", "port": 0,
//          "clients": [{"client_id": "optout-admin", "redirect_uris": ["http://127.0.0.1/"]}],
//          "users": {"ada": {"email": "admin@example.com", "email_verified": true, "name": "Ada"}}}
// Prints one line {"issuer": "https://127.0.0.1:PORT"} once it listens. Signing in uses the
// provider's development login form (any password), the login being the key of "users".
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { default: Provider } = await import(
  pathToFileURL(join(process.argv[2], 'node_modules', 'oidc-provider', 'lib', 'index.js')).href);
const config = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const users = config.users ?? {};

const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey
  .export({ format: 'jwk' });
signingKey.kid = 'test-rs256';
signingKey.use = 'sig';
signingKey.alg = 'RS256';

const server = https.createServer({
  cert: readFileSync(config.cert),
  key: readFileSync(config.key),
});

server.listen(config.port ?? 0, '127.0.0.1', () => {
  const issuer = `https://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: (config.clients ?? []).map((c) => ({
      application_type: 'native', // RFC 8252: any port of a loopback redirect
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none', // a public client, with PKCE
      ...c,
    })),
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // The ID token carries the scopes' claims (the service reads email from it).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    async findAccount(ctx, id) {
      const user = users[id];
      if (!user)
        return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: user.email, email_verified: user.email_verified,
                   name: user.name ?? id };
        },
      };
    },
  });
  provider.on('server_error', (ctx, error) => console.error('server_error', error));
  server.on('request', provider.callback());
  console.log(JSON.stringify({ issuer }));
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
