import { getQueueToken } from '@nestjs/bullmq';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '@r2c/access';
import { toErrorBody } from '@r2c/core';
import { QueueName } from '@r2c/jobs';
import { UnauthorizedException, ForbiddenException } from '@nestjs/common';

export const QUEUE_DASHBOARD_PATH = '/api/v1/admin/queues';
const COOKIE = 'r2c_queues';

function cookieToken(req: Request): string | undefined {
  const match = (req.headers.cookie ?? '').match(new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]+)`));
  return match?.[1];
}

/**
 * The BullMQ dashboard (bull-board), for admins only. A browser opens it once with `?token=<admin
 * token>`; the token is then kept in an HttpOnly cookie scoped to the dashboard's path.
 */
export function mountQueueDashboard(app: NestExpressApplication): void {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false }), { readOnlyMode: false })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'R2C Tracker queues' } },
  });
  const auth = app.get(AuthService);
  const refuse = (res: Response, error: Error) => {
    const body = toErrorBody(error);
    res.status(body.statusCode).json(body);
  };
  app.use(QUEUE_DASHBOARD_PATH, async (req: Request, res: Response, next: NextFunction) => {
    const fromQuery = typeof req.query.token === 'string' ? req.query.token : undefined;
    const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const token = bearer ?? fromQuery ?? cookieToken(req);
    const principal = await auth.principalFromToken(token).catch(() => null);
    if (!principal) return refuse(res, new UnauthorizedException('Open the queue dashboard as an admin: add ?token=<your access token> to the address.'));
    if (principal.role !== 'admin') return refuse(res, new ForbiddenException('Only admin accounts can see the queue dashboard.'));
    if (fromQuery) res.cookie(COOKIE, fromQuery, { httpOnly: true, sameSite: 'strict', path: QUEUE_DASHBOARD_PATH, maxAge: 3600_000 });
    next();
  }, board.getRouter());
}
