export * from './learning.module';
export * from './programme/programme.dto';
export * from './programme/programme.service';
export * from './programme/programme-sort';
export * from './evidence-base/evidence-base.dto';
export * from './evidence-base/evidence-base.service';
export * from './tags/strategy-tag.dto';
export * from './tags/strategy-tags.service';
