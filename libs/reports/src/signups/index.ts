export * from './digest-signup.dto';
export * from './digest-signups.service';
