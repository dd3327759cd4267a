/**
 * A local stand-in for Supabase Auth (GoTrue) for the tests: no Docker, no network. It speaks the
 * endpoints the app uses, with GoTrue's request and answer shapes and status codes (read from
 * supabase/auth internal/api: token.go, verify.go, user.go, logout.go, errors.go; and from what
 * @supabase/auth-js 2.109 parses in lib/fetch.ts):
 *
 * - POST /auth/v1/token?grant_type=password {email, password}: 200 with a session; 400
 *   `invalid_credentials` (unknown address, no password, wrong password), 400 `user_banned` (before
 *   the password is checked, as GoTrue does), 400 `email_not_confirmed` (after a right password).
 * - POST /auth/v1/verify {type, token_hash}: invite/signup and recovery/magiclink; 200 with a
 *   session, 403 `otp_expired` for an unknown, used or expired link, 403 `user_banned`.
 * - GET and PUT /auth/v1/user (Bearer access token): the user; PUT {password} sets it (400
 *   `validation_failed` above 72 bytes, 422 `weak_password` below the minimum, 422 `same_password`).
 * - POST /auth/v1/logout?scope=local|global|others: 204; the session is gone afterwards.
 * - POST /auth/v1/admin/generate_link {type: invite|recovery, email} with the service_role key as
 *   Bearer token (requireAdmin: 403 `not_admin` otherwise): the user (made for an invite when new)
 *   and the link's `hashed_token`, nothing sent (mail.go adminGenerateLink). An invite for a
 *   confirmed address is 422 `email_exists`; a recovery link for an unknown one 404 `user_not_found`.
 *
 * Errors come as `{code, message}` with the `X-Supabase-Api-Version: 2024-01-01` header when the
 * request asks for that version (auth-js always does), else GoTrue's legacy `{code, error_code, msg}`.
 * Like Supabase's gateway, every request needs the project's `apikey` header.
 *
 * Users live in the `auth.users` table of the given database (id, email, encrypted_password as an
 * argon2id hash, which GoTrue also verifies); what that minimal table lacks (confirmation, bans,
 * one-time tokens, sessions) lives in memory here. `outage()` makes every endpoint answer 429 or 500,
 * or stops listening so connections are refused.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hash, verify } from '@node-rs/argon2';
import { jwtVerify, SignJWT } from 'jose';
import type { Database } from '../../src/lib/db/types';

type Outage = 429 | 500 | 'refused' | null;

interface Session {
  userId: string;
  recovery: boolean;
}

interface OneTimeToken {
  userId: string;
  kind: 'confirmation' | 'recovery';
  sentAt: number;
}

interface UserRow {
  id: string;
  email: string;
  encrypted_password: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  last_sign_in_at: Date | string | null;
}

export interface AuthRequest {
  method: string;
  path: string;
  query: string;
  /** Whether the request carried the project's key (as the gateway demands). */
  apikey: boolean;
}

const apiVersion = '2024-01-01';
/** GOTRUE_MAILER_OTP_EXP: how long an e-mailed link is valid. */
const otpSeconds = 3600;
const accessTokenSeconds = 3600;
/** GOTRUE_PASSWORD_MIN_LENGTH (Supabase's default). */
const passwordMinLength = 6;
const maxPasswordBytes = 72;
const hashOptions = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** GoTrue's GenerateTokenHash: hex of SHA-224 over the address and the one-time token. */
function tokenHash(email: string, token: string): string {
  return createHash('sha224')
    .update(email + token)
    .digest('hex');
}

export class FakeSupabaseAuth {
  /** The project URL (SUPABASE_URL); the endpoints are under /auth/v1. */
  url = '';
  readonly anonKey = `fake-anon-key-${randomBytes(8).toString('hex')}`;
  /** The project's service_role key: a JWT with role service_role, signed with the JWT secret. Set at start. */
  serviceRoleKey = '';
  /** Links made through the admin API, in order: no e-mail was sent for them. */
  readonly generatedLinks: { type: string; email: string; hashedToken: string }[] = [];
  /** Every request, in order (method, path, query): what the app asked for. */
  readonly requests: AuthRequest[] = [];
  private db: Database | undefined;
  private readonly secret = new TextEncoder().encode(randomBytes(32).toString('hex'));
  private readonly sessions = new Map<string, Session>();
  private readonly tokens = new Map<string, OneTimeToken>();
  private readonly banned = new Set<string>();
  private readonly unconfirmed = new Set<string>();
  private readonly invited = new Map<string, Date>();
  private readonly confirmedAt = new Map<string, Date>();
  private current: Outage = null;
  private server: http.Server;
  private port = 0;

  private constructor() {
    this.server = this.newServer();
  }

  static async start(db?: Database): Promise<FakeSupabaseAuth> {
    const fake = new FakeSupabaseAuth();
    fake.db = db;
    await fake.listen();
    fake.url = `http://127.0.0.1:${fake.port}`;
    fake.serviceRoleKey = await new SignJWT({ role: 'service_role', iss: 'supabase' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .sign(fake.secret);
    return fake;
  }

  /** The database whose auth.users this server reads and writes. */
  useDatabase(db: Database): void {
    this.db = db;
  }

  /** A user with a password (or none), confirmed unless told otherwise. Returns the id. */
  async createUser(input: { email: string; password?: string; confirmed?: boolean }): Promise<string> {
    const email = input.email.toLowerCase();
    const passwordHash = input.password ? await hash(input.password, hashOptions) : null;
    const [row] = await this.database().asOwner((tx) =>
      tx.query<{ id: string }>(
        'insert into auth.users (email, encrypted_password) values ($1, $2) returning id',
        [email, passwordHash],
      ),
    );
    if (!row) throw new Error('no user row');
    if (input.confirmed === false) this.unconfirmed.add(row.id);
    else this.confirmedAt.set(row.id, new Date());
    return row.id;
  }

  /**
   * What POST /auth/v1/invite does: a user without a password (created when new) and an e-mailed
   * link. Returns the user id and the link's token_hash, as `{{ .TokenHash }}` in the e-mail template.
   */
  async invite(email: string): Promise<{ userId: string; tokenHash: string }> {
    const existing = await this.findByEmail(email.toLowerCase());
    const userId = existing?.id ?? (await this.createUser({ email, confirmed: false }));
    this.invited.set(userId, new Date());
    return { userId, tokenHash: this.issue(email.toLowerCase(), userId, 'confirmation') };
  }

  /** What POST /auth/v1/recover does for a known address: the token_hash of the e-mailed link. */
  async recover(email: string): Promise<string> {
    const user = await this.findByEmail(email.toLowerCase());
    if (!user) throw new Error(`no user ${email}`);
    return this.issue(user.email, user.id, 'recovery');
  }

  /** Makes a link older than GoTrue's OTP lifetime. */
  expire(hashValue: string): void {
    const token = this.tokens.get(hashValue);
    if (token) token.sentAt = Date.now() - (otpSeconds + 60) * 1000;
  }

  ban(userId: string): void {
    this.banned.add(userId);
  }

  /** Auth sessions still alive (not signed out), for one user or all. */
  liveSessions(userId?: string): number {
    return [...this.sessions.values()].filter((s) => !userId || s.userId === userId).length;
  }

  /** The stored hash of a user's password (null when none). */
  async passwordHash(userId: string): Promise<string | null> {
    const [row] = await this.database().asOwner((tx) =>
      tx.query<{ encrypted_password: string | null }>(
        'select encrypted_password from auth.users where id = $1',
        [userId],
      ),
    );
    return row?.encrypted_password ?? null;
  }

  /** Every endpoint answers 429 or 500 from now on, or connections are refused; null: back to normal. */
  async outage(kind: Outage): Promise<void> {
    if (this.current === 'refused' && kind !== 'refused') {
      this.server = this.newServer();
      await this.listen(this.port);
    }
    if (kind === 'refused' && this.current !== 'refused') await this.stopListening();
    this.current = kind;
  }

  async close(): Promise<void> {
    if (this.current !== 'refused') await this.stopListening();
    this.current = 'refused';
  }

  private database(): Database {
    if (!this.db) throw new Error('the fake Supabase Auth server has no database yet');
    return this.db;
  }

  private issue(email: string, userId: string, kind: OneTimeToken['kind']): string {
    const value = tokenHash(email, randomBytes(16).toString('hex'));
    // One link of each kind per user, as GoTrue keeps one confirmation and one recovery token.
    for (const [key, token] of this.tokens)
      if (token.userId === userId && token.kind === kind) this.tokens.delete(key);
    this.tokens.set(value, { userId, kind, sentAt: Date.now() });
    return value;
  }

  private newServer(): http.Server {
    return http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        // A bug here must be visible as one, not as an outage the app handles gracefully.
        console.error('fake Supabase Auth failed:', error);
        if (!res.headersSent) res.writeHead(599);
        res.end();
      });
    });
  }

  private listen(port = 0): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const wantsVersion = (req.headers['x-supabase-api-version'] as string | undefined) ?? '';
    const versioned = /^\d{4}-\d{2}-\d{2}$/.test(wantsVersion) && wantsVersion >= apiVersion;
    const body = await readBody(req);
    this.requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: url.search,
      apikey: req.headers.apikey === this.anonKey || req.headers.apikey === this.serviceRoleKey,
    });
    const send = (status: number, payload?: unknown) => {
      const headers: Record<string, string> = {};
      if (versioned) headers['x-supabase-api-version'] = apiVersion;
      if (payload === undefined) {
        res.writeHead(status, headers);
        res.end();
        return;
      }
      headers['content-type'] = 'application/json';
      res.writeHead(status, headers);
      res.end(JSON.stringify(payload));
    };
    const fail = (error: HttpError) =>
      send(
        error.status,
        versioned
          ? { code: error.code, message: error.message, ...error.extra }
          : { code: error.status, error_code: error.code, msg: error.message, ...error.extra },
      );

    // Supabase's gateway (Kong) refuses requests without the project's key, in its own shape.
    if (req.headers.apikey !== this.anonKey && req.headers.apikey !== this.serviceRoleKey) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Invalid API key' }));
      return;
    }
    if (this.current === 429)
      return fail(new HttpError(429, 'over_request_rate_limit', 'Request rate limit reached'));
    if (this.current === 500)
      return fail(
        new HttpError(
          500,
          'unexpected_failure',
          'Unexpected failure, please check server logs for more information',
        ),
      );

    try {
      const route = `${req.method} ${url.pathname}`;
      if (route === 'POST /auth/v1/token' && url.searchParams.get('grant_type') === 'password')
        return send(200, await this.passwordGrant(parseJson(body)));
      if (route === 'POST /auth/v1/verify') return send(200, await this.verify(parseJson(body)));
      if (route === 'GET /auth/v1/user') return send(200, await this.user(req));
      if (route === 'PUT /auth/v1/user') return send(200, await this.updateUser(req, parseJson(body)));
      if (route === 'POST /auth/v1/admin/generate_link')
        return send(200, await this.generateLink(req, parseJson(body)));
      if (route === 'POST /auth/v1/logout') {
        await this.logout(req, url.searchParams.get('scope') ?? 'global');
        return send(204);
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found');
    } catch (error) {
      if (error instanceof HttpError) return fail(error);
      throw error;
    }
  }

  private async passwordGrant(params: Record<string, unknown>) {
    const email = typeof params.email === 'string' ? params.email.trim().toLowerCase() : '';
    const password = typeof params.password === 'string' ? params.password : '';
    if (!email) throw new HttpError(400, 'validation_failed', 'missing email or phone');
    const invalid = () => new HttpError(400, 'invalid_credentials', 'Invalid login credentials');
    const user = await this.findByEmail(email);
    if (!user?.encrypted_password) throw invalid();
    if (this.banned.has(user.id)) throw new HttpError(400, 'user_banned', 'User is banned');
    const ok = await verify(user.encrypted_password, password).catch(() => false);
    if (!ok) throw invalid();
    if (this.unconfirmed.has(user.id)) throw new HttpError(400, 'email_not_confirmed', 'Email not confirmed');
    return this.issueSession(user, false, 'password');
  }

  /** GoTrue's requireAdmin: a token signed with the JWT secret whose role is an admin role. */
  private async requireAdmin(req: http.IncomingMessage): Promise<void> {
    const match = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match?.[1])
      throw new HttpError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
    let role: unknown;
    try {
      ({
        payload: { role },
      } = await jwtVerify(match[1], this.secret));
    } catch {
      throw new HttpError(403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature');
    }
    if (role !== 'service_role' && role !== 'supabase_admin')
      throw new HttpError(403, 'not_admin', 'User not allowed');
  }

  private async generateLink(req: http.IncomingMessage, params: Record<string, unknown>) {
    await this.requireAdmin(req);
    const type = typeof params.type === 'string' ? params.type : '';
    const email = typeof params.email === 'string' ? params.email.trim().toLowerCase() : '';
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      throw new HttpError(400, 'validation_failed', 'Unable to validate email address: invalid format');
    let user = await this.findByEmail(email);
    if (type === 'invite') {
      if (user && this.confirmedAt.has(user.id))
        throw new HttpError(
          422,
          'email_exists',
          'A user with this email address has already been registered',
        );
      const userId = user?.id ?? (await this.createUser({ email, confirmed: false }));
      this.invited.set(userId, new Date());
      user = await this.findById(userId);
    } else if (type === 'recovery') {
      if (!user) throw new HttpError(404, 'user_not_found', 'User with this email not found');
    } else {
      throw new HttpError(400, 'validation_failed', `Invalid email action link type requested: ${type}`);
    }
    if (!user) throw new Error('no user after generate_link');
    const hashed = this.issue(email, user.id, type === 'invite' ? 'confirmation' : 'recovery');
    this.generatedLinks.push({ type, email, hashedToken: hashed });
    return {
      ...this.userJson(user),
      action_link: `${this.url}/auth/v1/verify?token=${hashed}&type=${type}`,
      email_otp: String(Math.floor(Math.random() * 1e6)).padStart(6, '0'),
      hashed_token: hashed,
      verification_type: type,
      redirect_to: this.url,
    };
  }

  private async verify(params: Record<string, unknown>) {
    const type = typeof params.type === 'string' ? params.type : '';
    const hashValue = typeof params.token_hash === 'string' ? params.token_hash : '';
    const token = typeof params.token === 'string' ? params.token : '';
    if (!type) throw new HttpError(400, 'validation_failed', 'Verify requires a verification type');
    if ((!token && !hashValue) || (token && hashValue))
      throw new HttpError(400, 'validation_failed', 'Verify requires either a token or a token hash');
    if (hashValue && (params.email || params.phone || params.redirect_to))
      throw new HttpError(400, 'validation_failed', 'Only the token_hash and type should be provided');
    if (token) throw new HttpError(400, 'validation_failed', 'this fake verifies token_hash only');
    const kind =
      type === 'invite' || type === 'signup'
        ? 'confirmation'
        : type === 'recovery' || type === 'magiclink'
          ? 'recovery'
          : null;
    if (!kind) throw new HttpError(400, 'validation_failed', 'Invalid email verification type');
    const expired = () => new HttpError(403, 'otp_expired', 'Email link is invalid or has expired');
    const found = this.tokens.get(hashValue);
    if (!found || found.kind !== kind) throw expired();
    if (this.banned.has(found.userId)) throw new HttpError(403, 'user_banned', 'User is banned');
    if (Date.now() - found.sentAt > otpSeconds * 1000) throw expired();
    this.tokens.delete(hashValue);
    const user = await this.findById(found.userId);
    if (!user) throw expired();
    // signupVerify: an invited user without a password gets a random one, to be replaced.
    if (kind === 'confirmation' && !user.encrypted_password && this.invited.has(user.id)) {
      await this.setPassword(user.id, randomBytes(48).toString('base64url'));
    }
    this.unconfirmed.delete(user.id);
    if (!this.confirmedAt.has(user.id)) this.confirmedAt.set(user.id, new Date());
    return this.issueSession((await this.findById(user.id)) ?? user, kind === 'recovery', 'otp');
  }

  private async user(req: http.IncomingMessage) {
    const { user } = await this.authenticate(req);
    return this.userJson(user);
  }

  private async updateUser(req: http.IncomingMessage, params: Record<string, unknown>) {
    const { user } = await this.authenticate(req);
    if (typeof params.password === 'string' && params.password !== '') {
      const password = params.password;
      if (Buffer.byteLength(password) > maxPasswordBytes)
        throw new HttpError(
          400,
          'validation_failed',
          `Password cannot be longer than ${maxPasswordBytes} characters`,
        );
      if (password.length < passwordMinLength)
        throw new HttpError(
          422,
          'weak_password',
          `Password should be at least ${passwordMinLength} characters.`,
          { weak_password: { reasons: ['length'] } },
        );
      if (user.encrypted_password && (await verify(user.encrypted_password, password).catch(() => false)))
        throw new HttpError(422, 'same_password', 'New password should be different from the old password.');
      await this.setPassword(user.id, password);
    }
    return this.userJson((await this.findById(user.id)) ?? user);
  }

  private async logout(req: http.IncomingMessage, scope: string) {
    if (!['global', 'local', 'others'].includes(scope))
      throw new HttpError(400, 'validation_failed', 'Unsupported logout scope');
    const { sessionId, user } = await this.authenticate(req);
    for (const [id, session] of this.sessions) {
      if (session.userId !== user.id) continue;
      if (scope === 'local' && id !== sessionId) continue;
      if (scope === 'others' && id === sessionId) continue;
      this.sessions.delete(id);
    }
  }

  /** GoTrue's requireAuthentication: a valid access token whose session still exists. */
  private async authenticate(req: http.IncomingMessage): Promise<{ sessionId: string; user: UserRow }> {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/i.exec(header);
    if (!match?.[1])
      throw new HttpError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
    let claims: { sub?: string; session_id?: string };
    try {
      ({ payload: claims } = await jwtVerify(match[1], this.secret, { audience: 'authenticated' }));
    } catch {
      throw new HttpError(403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature');
    }
    const session = claims.session_id ? this.sessions.get(claims.session_id) : undefined;
    if (!session || !claims.session_id || session.userId !== claims.sub)
      throw new HttpError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist');
    const user = await this.findById(session.userId);
    if (!user) throw new HttpError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
    return { sessionId: claims.session_id, user };
  }

  private async issueSession(user: UserRow, recovery: boolean, method: 'password' | 'otp') {
    const sessionId = randomUUID();
    this.sessions.set(sessionId, { userId: user.id, recovery });
    await this.database().asOwner((tx) =>
      tx.query('update auth.users set last_sign_in_at = now() where id = $1', [user.id]),
    );
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({
      email: user.email,
      role: 'authenticated',
      aal: 'aal1',
      amr: [{ method, timestamp: now }],
      session_id: sessionId,
      is_anonymous: false,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setAudience('authenticated')
      .setIssuer(`${this.url}/auth/v1`)
      .setIssuedAt(now)
      .setExpirationTime(now + accessTokenSeconds)
      .sign(this.secret);
    return {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: accessTokenSeconds,
      expires_at: now + accessTokenSeconds,
      refresh_token: randomBytes(9).toString('base64url'),
      user: this.userJson((await this.findById(user.id)) ?? user),
    };
  }

  private userJson(user: UserRow) {
    const iso = (v: Date | string | null | undefined) => (v ? new Date(v).toISOString() : undefined);
    const confirmed = this.confirmedAt.get(user.id);
    return {
      id: user.id,
      aud: 'authenticated',
      role: 'authenticated',
      email: user.email,
      email_confirmed_at: iso(confirmed),
      confirmed_at: iso(confirmed),
      invited_at: iso(this.invited.get(user.id)),
      last_sign_in_at: iso(user.last_sign_in_at),
      phone: '',
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: {},
      identities: [],
      created_at: iso(user.created_at),
      updated_at: iso(user.updated_at),
      is_anonymous: false,
    };
  }

  private async setPassword(userId: string, password: string): Promise<void> {
    const passwordHash = await hash(password, hashOptions);
    await this.database().asOwner((tx) =>
      tx.query('update auth.users set encrypted_password = $2, updated_at = now() where id = $1', [
        userId,
        passwordHash,
      ]),
    );
  }

  private async findByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await this.database().asOwner((tx) =>
      tx.query<UserRow>('select * from auth.users where email = $1', [email]),
    );
    return row;
  }

  private async findById(id: string): Promise<UserRow | undefined> {
    const [row] = await this.database().asOwner((tx) =>
      tx.query<UserRow>('select * from auth.users where id = $1', [id]),
    );
    return row;
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function parseJson(body: string): Record<string, unknown> {
  try {
    const value = JSON.parse(body || '{}');
    return value && typeof value === 'object' ? value : {};
  } catch {
    throw new HttpError(400, 'bad_json', 'Could not parse request body as JSON');
  }
}
