// The pages' time wording lives with the domain, so the CLI says times the same way.
export { describeDuration, formatUtc, timeAgo, timeLater } from '../domain/relative-time';
