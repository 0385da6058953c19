/** This library's TypeORM entities (the barrel does not export them; the end-to-end suites read rows through this file). */
import { CycleTag, StrategyTag } from './tags/strategy-tag.entity';

export { CycleTag, StrategyTag };
export const LEARNING_ENTITIES = [StrategyTag, CycleTag];
