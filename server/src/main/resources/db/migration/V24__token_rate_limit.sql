-- A department system's requests per minute through this token; null: the installation's default
-- (fangpin.api.rate-limit.per-minute).
alter table api_token add column rate_per_minute integer check (rate_per_minute is null or rate_per_minute > 0);
