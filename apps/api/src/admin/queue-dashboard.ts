import { getQueueToken } from '@nestjs/bullmq';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import { serialize as cookieHeader } from 'cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AccessPolicy, Permission, UsersService } from '@r2c/access';
import type { Principal } from '@r2c/access';
import { APP_CONFIG, Clock, toErrorBody } from '@r2c/core';
import type { AppConfig } from '@r2c/core';
import type { QueueDashboardSession } from '@r2c/contracts';
import { QueueName } from '@r2c/jobs';
import { Logger, UnauthorizedException } from '@nestjs/common';

export const QUEUE_DASHBOARD_PATH = '/api/v1/admin/queues';
export const QUEUE_DASHBOARD_TOKEN_SECONDS = 300;
const COOKIE = 'r2c_queues';

/**
 * A dashboard token: `<userId>.<expiry in Unix seconds>.<HMAC-SHA256>`, keyed by SECRET_KEY with a
 * purpose label. Not a JWT on purpose: the API's guard accepts any JWT signed with SECRET_KEY, and
 * this token must open the dashboard and nothing else.
 */
const PURPOSE = 'r2c/queue-dashboard/v1';
const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const signatureOf = (userId: string, expires: string, secret: string) =>
  createHmac('sha256', secret).update(`${PURPOSE}:${userId.toLowerCase()}:${expires}`).digest('base64url');

export function queueDashboardSession(principal: Principal, secret: string, now: Date): QueueDashboardSession {
  const expires = String(Math.floor(now.getTime() / 1000) + QUEUE_DASHBOARD_TOKEN_SECONDS);
  const token = `${principal.id}.${expires}.${signatureOf(principal.id, expires, secret)}`;
  return { token, expiresIn: QUEUE_DASHBOARD_TOKEN_SECONDS, url: `${QUEUE_DASHBOARD_PATH}?token=${encodeURIComponent(token)}` };
}

type Verified = { userId: string; expiresAt: number } | 'expired' | null;

function verifyQueueDashboardToken(token: string, secret: string, now: Date): Verified {
  const [userId, expires, signature, ...rest] = token.split('.');
  if (rest.length || !userId || !expires || !signature || !USER_ID.test(userId) || !/^\d{1,12}$/.test(expires)) return null;
  const given = Buffer.from(signature);
  const expected = Buffer.from(signatureOf(userId, expires, secret));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const expiresAt = Number(expires) * 1000;
  return expiresAt > now.getTime() ? { userId: userId.toLowerCase(), expiresAt } : 'expired';
}

function cookieToken(req: FastifyRequest): string | undefined {
  const match = (req.headers.cookie ?? '').match(new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`));
  return match?.[1];
}

/**
 * The BullMQ dashboard (bull-board), for admins only. The web app asks
 * `POST /api/v1/admin/queue-dashboard/session` for a five-minute token and opens the address it
 * answers; the dashboard moves the token into an HttpOnly cookie scoped to its own path and drops it
 * from the address. It accepts no other token: an access token in the address would outlive the visit
 * in browser history and logs.
 */
export function mountQueueDashboard(app: NestFastifyApplication): void {
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }), { readOnlyMode: false })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'R2C Tracker queues' } },
  });
  const config = app.get<AppConfig>(APP_CONFIG);
  const clock = app.get(Clock);
  const users = app.get(UsersService);
  const policy = app.get(AccessPolicy);
  const refuse = (reply: FastifyReply, error: unknown) => {
    const body = toErrorBody(error);
    return reply.status(body.statusCode).send(body);
  };
  const openAgain = 'Open the queue dashboard again from the mail outbox screen of the tracker (admins only).';
  const admitted = async (req: FastifyRequest, reply: FastifyReply) => {
    const query = req.query as Record<string, unknown>;
    const fromQuery = typeof query.token === 'string' ? query.token : undefined;
    const token = fromQuery ?? cookieToken(req);
    const verified = token ? verifyQueueDashboardToken(token, config.secretKey, clock.now()) : null;
    if (verified === 'expired') return refuse(reply, new UnauthorizedException(`This queue dashboard visit has expired. ${openAgain}`));
    if (!verified)
      return refuse(reply, new UnauthorizedException(`The queue dashboard needs a dashboard token; an access token does not open it. ${openAgain}`));
    let user: Awaited<ReturnType<UsersService['activePrincipal']>>;
    try {
      user = await users.activePrincipal(verified.userId);
    } catch (error) {
      new Logger('QueueDashboard').error((error instanceof Error ? error.stack : undefined) ?? String(error));
      return refuse(reply, error);
    }
    if (!user) return refuse(reply, new UnauthorizedException(`This account cannot sign in any more. ${openAgain}`));
    try {
      await policy.require(user, Permission.QueueDashboardOpen);
    } catch (refusal) {
      return refuse(reply, refusal);
    }
    if (fromQuery) {
      reply.header(
        'Set-Cookie',
        cookieHeader(COOKIE, fromQuery, {
          httpOnly: true,
          sameSite: 'strict',
          secure: req.protocol === 'https' || config.appUrl.startsWith('https:'),
          path: QUEUE_DASHBOARD_PATH,
          expires: new Date(verified.expiresAt),
          maxAge: Math.floor((verified.expiresAt - clock.now().getTime()) / 1000),
        }),
      );
      // The token leaves the address bar and the history; the cookie carries it from here.
      return reply.redirect(QUEUE_DASHBOARD_PATH, 303);
    }
  };
  void app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', admitted);
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
