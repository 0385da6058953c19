import type { INestApplication } from '@nestjs/common';
import { createSigner } from 'fast-jwt';
import { APP_CONFIG } from '@r2c/core';
import type { AppConfig } from '@r2c/core';

/** The SECRET_KEY the app signs its tokens with. */
export const signingKeyOf = (app: INestApplication): string => app.get<AppConfig>(APP_CONFIG).secretKey;

/** A token the app did not issue (expired, for an account that does not exist, forged): exactly these claims, signed HS256 with `key`. */
export const tokenSignedWith = (key: string, claims: Record<string, unknown>): string => createSigner({ key, algorithm: 'HS256' })(claims);
