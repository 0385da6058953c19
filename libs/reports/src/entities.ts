/**
 * This library's TypeORM entities. Its own module registers them (TypeOrmModule.forFeature, collected
 * by the data source's autoLoadEntities); the barrel does not export them, and the boundary rule lets
 * no other app or library import this file: the end-to-end suites in test/ read rows through it.
 */
import { Digest, MailPreference } from './digests/digest.entity';
import { DigestSignup } from './signups/digest-signup.entity';
import { CycleSummary } from './summaries/cycle-summary.entity';
import { SummaryRequest } from './summaries/summary-request.entity';

export { CycleSummary, Digest, DigestSignup, MailPreference, SummaryRequest };
export const DIGEST_ENTITIES = [Digest, MailPreference, DigestSignup];
export const SUMMARY_ENTITIES = [CycleSummary, SummaryRequest];
