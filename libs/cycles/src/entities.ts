/**
 * This library's TypeORM entities. Its own module registers them (TypeOrmModule.forFeature, collected
 * by the data source's autoLoadEntities); the barrel does not export them, and the boundary rule lets
 * no other app or library import this file: the end-to-end suites in test/ read rows through it.
 */
import { AdaptationLogEntry } from './adaptations/adaptation-log-entry.entity';
import { CheckIn } from './check-ins/check-in.entity';
import { Cycle } from './cycles/cycle.entity';
import { Evidence } from './evidence/evidence.entity';
import { CalendarFeed } from './exports/calendar-feed.entity';
import { Indicator } from './indicators/indicator.entity';
import { Review } from './reviews/review.entity';

export { AdaptationLogEntry, CalendarFeed, CheckIn, Cycle, Evidence, Indicator, Review };
export const CYCLES_ENTITIES = [Indicator, Cycle, Evidence, Review, CheckIn, AdaptationLogEntry, CalendarFeed];
