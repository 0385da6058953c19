import { BadRequestException, ConflictException } from '@nestjs/common';
import type { Verdict } from '../domain';

/** A refused state change is 409 with the rule's reason, and each field it names in `details`. */
export function assertAllowed(verdict: Verdict, as: 'conflict' | 'bad-input' = 'conflict'): void {
  if (verdict.allowed) return;
  const details = (verdict.fields ?? []).map((field) => ({ field, problems: [verdict.reason] }));
  const body = { message: verdict.reason, details };
  throw as === 'conflict' ? new ConflictException(body) : new BadRequestException(body);
}
